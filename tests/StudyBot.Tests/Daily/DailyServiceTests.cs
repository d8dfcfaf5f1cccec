using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Leaderboards;

namespace StudyBot.Tests.Daily;

public sealed class DailyServiceTests
{
    [Fact]
    public async Task OpenRound_Twice_OpensOneRoundAndPostsOnce()
    {
        using var f = await DailyFixture.CreateAsync();

        var (first, created) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        var (second, createdAgain) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        var post = Assert.Single(f.Platform.Sent);
        Assert.Equal("chan-1", post.ChannelId);
        Assert.Equal(["A", "B", "C", "D"], post.Message.Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task Answer_SecondAnswer_KeepsTheFirst()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);

        var first = await f.AnswerAsync("Ana", "b");
        var second = await f.AnswerAsync("Ana", "C");

        Assert.StartsWith("Your answer B is recorded.", first.Body, StringComparison.Ordinal);
        Assert.StartsWith("You already answered B; your first answer counts.", second.Body, StringComparison.Ordinal);
        Assert.True(first.Ephemeral && second.Ephemeral);
    }

    [Fact]
    public async Task Answer_Receipts_AreTheSameWhetherRightOrWrong()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);

        var right = await f.AnswerAsync("Ana", "B");
        var wrong = await f.AnswerAsync("Ben", "A");

        Assert.Equal(right.Body.Replace("answer B", "answer ?", StringComparison.Ordinal), wrong.Body.Replace("answer A", "answer ?", StringComparison.Ordinal));
        Assert.Equal(right.Title, wrong.Title);
        Assert.Equal(right.Fields.Count + right.Buttons.Count, wrong.Fields.Count + wrong.Buttons.Count);
    }

    [Fact]
    public async Task Answer_AfterReveal_IsRefusedAndNotCounted()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.AnswerAsync("Ana", "B");
        Assert.True(await f.Daily.RevealAsync(f.Group, round, default));

        var late = await f.AnswerAsync("Ben", "B", round.Id);

        Assert.StartsWith("This question's answer has already been revealed", late.Body, StringComparison.Ordinal);
        Assert.Null(await f.Boards.FindAsync("g1", Boards.AllTime, "ben", default));
    }

    [Fact]
    public async Task Answer_NoOpenRound_SaysWhenTheNextComes()
    {
        using var f = await DailyFixture.CreateAsync();

        var reply = await f.AnswerAsync("Ana", "B");

        Assert.Equal("There is no open question right now. The next one is posted at 09:00 (America/Chicago).", reply.Body);
    }

    [Fact]
    public async Task Answer_ForgedButtonForAnotherGroupsRound_IsRefused()
    {
        using var f = await DailyFixture.CreateAsync();
        var other = f.Group with { Id = "g2", ChannelId = "chan-2" };
        await f.Groups.SaveAsync(other, default);
        var (theirRound, _) = await f.Daily.OpenRoundAsync(other, f.Today, default);

        var reply = await f.AnswerAsync("Ana", "B", theirRound.Id);

        Assert.Equal("That question is not one of this group's rounds. Use the buttons on the latest question of the day.", reply.Body);
        Assert.Equal(0, await f.Rounds.PendingAnswersAsync("g2", "ana", default));
    }

    [Fact]
    public async Task Answer_NotALetter_AsksForOne()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);

        var reply = await f.AnswerAsync("Ana", "E");

        Assert.Equal("Answer with one letter: A, B, C or D (for example `/answer choice:B`).", reply.Body);
        Assert.Equal(0, await f.Rounds.PendingAnswersAsync("g1", "ana", default));
    }

    [Fact]
    public async Task BeforeReveal_BoardsAndStatsShowNothing_AfterReveal_TheyCredit()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.AnswerAsync("Ana", "B");
        await f.AnswerAsync("Ben", "A");
        var week = f.Group.WeekKey(f.Today);

        Assert.Empty(await f.Boards.TopAsync("g1", Boards.AllTime, 10, default));
        Assert.Empty(await f.Boards.TopAsync("g1", week, 10, default));
        Assert.Empty(await f.Boards.AreaStatsAsync("g1", "ana", default));
        Assert.Equal(1, await f.Rounds.PendingAnswersAsync("g1", "ana", default));

        await f.Daily.RevealAsync(f.Group, round, default);

        var board = Boards.Rank(await f.Boards.TopAsync("g1", week, 10, default));
        Assert.Equal([("Ana", 1, 1), ("Ben", 2, 0)], board.Select(e => (e.DisplayName, e.Place, e.Points)));
        Assert.Equal(0, await f.Rounds.PendingAnswersAsync("g1", "ana", default));
        var stat = Assert.Single(await f.Boards.AreaStatsAsync("g1", "ana", default));
        Assert.Equal((1, 1), (stat.Answered, stat.Correct));
    }

    [Fact]
    public async Task Reveal_EditsThePostWithKeyTallyAndWinners()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.Dispatcher.DispatchDueAsync(default);
        await f.AnswerAsync("Ana", "B");
        await f.AnswerAsync("Ben", "A");
        await f.AnswerAsync("Cy", "B");

        await f.Daily.RevealAsync(f.Group, round, default);
        await f.Dispatcher.DispatchDueAsync(default);

        var (messageId, reveal) = Assert.Single(f.Platform.Edits);
        Assert.Equal(f.Platform.Sent[0].Id, messageId);
        string Field(string name) => reveal.Fields.Single(x => x.Name == name).Value;
        Assert.Equal("B. Left ventricle", Field("Answer"));
        Assert.Equal("A: 1 · B: 2 · C: 0 · D: 0 (3 answers)", Field("How the group answered"));
        Assert.Equal("Ana, Cy", Field("Got it right"));
        Assert.All(reveal.Buttons.Take(4), b => Assert.True(b.Disabled));
        Assert.Equal(["A · 1", "B · 2", "C · 0", "D · 0", "Report question"], reveal.Buttons.Select(b => b.Label));
        Assert.False(reveal.Buttons[4].Disabled);
    }

    [Fact]
    public async Task Reveal_Twice_CreditsOnce()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.AnswerAsync("Ana", "B");

        Assert.True(await f.Daily.RevealAsync(f.Group, round, default));
        Assert.False(await f.Daily.RevealAsync(f.Group, round, default));

        Assert.Equal(1, (await f.Boards.FindAsync("g1", Boards.AllTime, "ana", default))!.Points);
    }

    [Fact]
    public async Task RevealDue_OnlyRevealsRoundsWhoseTimeHasCome()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);

        Assert.Equal(0, await f.Daily.RevealDueAsync(f.Group, f.Time.Now.AddHours(7).AddMinutes(59), default));
        Assert.Equal(1, await f.Daily.RevealDueAsync(f.Group, f.Time.Now.AddHours(8), default));
    }

    [Fact]
    public async Task Reveal_BankEditedAfterOpening_UsesTheKeyMembersSaw()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.AnswerAsync("Ana", "B");

        // Reading the round back gives the snapshot taken at opening, whatever the bank says now.
        var stored = await f.Rounds.FindAsync(round.Id, default);
        Assert.Equal(DailyFixture.Key.AnswerText, stored!.Question.AnswerText);
    }

    [Fact]
    public async Task WeeklyBoard_NewWeek_StartsEmptyWhileAllTimeCarriesOn()
    {
        using var f = await DailyFixture.CreateAsync();
        var (monday, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.AnswerAsync("Ana", "B");
        await f.Daily.RevealAsync(f.Group, monday, default);

        f.Time.Advance(TimeSpan.FromDays(7));
        var nextWeek = f.Group.WeekKey(f.Today);

        Assert.Empty(await f.Boards.TopAsync("g1", nextWeek, 10, default));
        Assert.Equal(1, (await f.Boards.FindAsync("g1", Boards.AllTime, "ana", default))!.Points);
    }

    [Fact]
    public async Task RepostUndelivered_PostFailedForGood_PostsInTheNewChannelAndTheRevealEditsThatPost()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new ChatDeliveryException("Unknown Channel", isPermanent: true);
        await f.Dispatcher.DispatchDueAsync(default);
        f.Platform.FailWith = null;
        var moved = f.Group with { ChannelId = "chan-2" };

        var reposted = await f.Daily.RepostUndeliveredAsync(moved, default);
        var again = await f.Daily.RepostUndeliveredAsync(moved, default);
        await f.Dispatcher.DispatchDueAsync(default);
        await f.AnswerAsync("Ana", "B");
        await f.Daily.RevealAsync(moved, (await f.Rounds.FindAsync(round.Id, default))!, default);
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.True(reposted);
        Assert.False(again);
        var post = Assert.Single(f.Platform.Sent);
        Assert.Equal("chan-2", post.ChannelId);
        Assert.Equal(["A", "B", "C", "D"], post.Message.Buttons.Select(b => b.Label));
        Assert.Equal("chan-2", (await f.Rounds.FindAsync(round.Id, default))!.ChannelId);
        Assert.Equal(post.Id, Assert.Single(f.Platform.Edits).MessageId);
    }

    [Fact]
    public async Task RepostUndelivered_PostWasDelivered_PostsNothingAgain()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.Dispatcher.DispatchDueAsync(default);

        var reposted = await f.Daily.RepostUndeliveredAsync(f.Group with { ChannelId = "chan-2" }, default);
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.False(reposted);
        Assert.Equal("chan-1", Assert.Single(f.Platform.Sent).ChannelId);
    }

    [Fact]
    public async Task Dispatch_EveryAttemptOfAPost_CarriesTheRowsIdempotencyKey()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new TimeoutException("response lost");
        await f.Dispatcher.DispatchDueAsync(default);
        f.Platform.FailWith = null;
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.Single(f.Platform.Sent);
        Assert.Equal(2, f.Platform.IdempotencyKeys.Count);
        Assert.Single(f.Platform.IdempotencyKeys.Distinct());
        Assert.StartsWith("outbox-", f.Platform.IdempotencyKeys[0], StringComparison.Ordinal);
    }
}
