using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Tests.OnDiscord;

/// <summary>The study loop on Discord while Discord misbehaves, and channels the bot may not post in.</summary>
public sealed class DiscordFaultTests
{
    private const string Channel = DiscordEmulator.ChannelId;

    [Fact]
    public async Task GatewayAndRestFaults_DuringTheLoop_BotRecoversPostsOnceAndAnswersEveryInteraction()
    {
        await using var session = await DiscordSession.StartAsync();
        var emulator = session.Emulator;
        await DiscordStudyLoopTests.SetUpGroupAsync(session);

        // Discord asks the bot to reconnect (op 7): it resumes.
        await emulator.SendReconnectAsync();
        await session.HandshakesDoneAsync(2);

        // The first post meets more 502s than the REST client tries, so the outbox's own retry delivers it.
        for (var i = 0; i < 5; i++)
        {
            emulator.FailNext($"/channels/{Channel}/messages", RestFault.Status502);
        }

        var daily = await session.CommandAsync("daily", DiscordSession.Admin);
        Assert.Contains("Today's question is open and on its way to the channel.", daily.Text, StringComparison.Ordinal);
        var post = await session.QuestionPostAsync();
        var postId = post["id"]!.GetValue<string>();

        // Invalid session that may be resumed (op 9, d: true): the bot resumes; Ana answers.
        await emulator.SendInvalidSessionAsync(resumable: true);
        await session.HandshakesDoneAsync(3);
        var ana = await session.ClickAsync(DiscordSession.ButtonId(post, "B"), postId, DiscordSession.Member("Ana"));

        // Invalid session that may not be resumed (op 9, d: false): a fresh identify; Ben answers.
        await emulator.SendInvalidSessionAsync(resumable: false);
        await session.HandshakesDoneAsync(4);
        var ben = await session.ClickAsync(DiscordSession.ButtonId(post, "A"), postId, DiscordSession.Member("Ben"));

        // The socket drops and Cy answers while the bot is away: the resumed session replays the interaction.
        emulator.DropConnection();
        var cyAnswering = session.CommandAsync("answer", DiscordSession.Member("Cy"), Payloads.Option("choice", "B"));
        await session.HandshakesDoneAsync(5);
        var cy = await cyAnswering;

        // The reveal's edit is rate limited once on the message route.
        emulator.FailNext($"/channels/{Channel}/messages/{postId}", RestFault.RouteRateLimit);
        var reveal = await session.CommandAsync("reveal", DiscordSession.Admin);
        var edit = await session.RevealEditAsync(postId);

        Assert.Equal(["identify", "resume", "resume", "identify", "resume"], emulator.Handshakes);
        Assert.All([ana, ben, cy], receipt => Assert.Contains("is recorded.", receipt.Text, StringComparison.Ordinal));
        Assert.All([ana, ben, cy], receipt => Assert.True(receipt.Ephemeral));
        Assert.Contains("Revealed: the answer is now shown in the channel.", reveal.Text, StringComparison.Ordinal);
        Assert.Contains("How the group answered: A: 1 · B: 2 · C: 0 · D: 0 (3 answers)", DiscordSession.TextOf(edit), StringComparison.Ordinal);
        Assert.Contains(emulator.RequestsTo("PATCH", $"/messages/{postId}"), r => r.Status == 429);
        Assert.Equal(5, emulator.RequestsTo("POST", $"/channels/{Channel}/messages").Count(r => r.Status == 502));
        Assert.Contains("failed (attempt 1); retrying", session.Logs.AllText, StringComparison.Ordinal);

        // Exactly one message in the channel: the question, posted once and edited by the reveal.
        Assert.Single(session.PostsTo());
        Assert.Single(emulator.Messages);
        await DiscordSession.EventuallyAsync(
            async () => (await session.OutboxRowsAsync()).Select(r => r.State).SequenceEqual(["sent", "sent"]),
            "the post and the reveal's edit are both marked sent in the outbox");
        await session.AssertEveryInteractionAnsweredAsync();
    }

    [Fact]
    public async Task StalledDatabase_AnswersAreDeferredWithinTheDeadline_ThenTheReceiptsArrivePrivately()
    {
        await using var session = await DiscordSession.StartAsync();
        await DiscordStudyLoopTests.SetUpGroupAsync(session);
        await session.CommandAsync("daily", DiscordSession.Admin);
        var post = await session.QuestionPostAsync();

        EmulatedInteraction click, command;
        await using (var stall = await session.HoldWriteLockAsync())
        {
            // Answers can't be written while another writer holds the database: the bot must acknowledge anyway.
            click = session.Emulator.SendInteraction(Payloads.Click(DiscordSession.ButtonId(post, "B"), post["id"]!.GetValue<string>(), DiscordSession.Member("Ana")));
            command = session.Emulator.SendInteraction(Payloads.Command("answer", [Payloads.Option("choice", "A")], DiscordSession.Member("Ben")));
            await Eventually.True(() => click.Answered && command.Answered, "both interactions were acknowledged while the database was stalled");
        }

        var clicked = await DiscordSession.ReplyToAsync(click);
        var answered = await DiscordSession.ReplyToAsync(command);

        // A click defers as an update (the question stays as it is), a command defers privately; both receipts stay private.
        Assert.Equal(6, clicked.CallbackType);
        Assert.Equal(5, answered.CallbackType);
        Assert.All([clicked, answered], receipt => Assert.True(receipt.Ephemeral, receipt.Text));
        Assert.Contains("Your answer B is recorded.", clicked.Text, StringComparison.Ordinal);
        Assert.Contains("Your answer A is recorded.", answered.Text, StringComparison.Ordinal);
        Assert.Empty(click.OriginalEdits);
        Assert.Equal(["A", "B", "C", "D"], DiscordSession.Buttons(session.Emulator.Messages.Values.Single()).Select(b => b["label"]!.GetValue<string>()));
        await session.AssertEveryInteractionAnsweredAsync();
    }

    [Theory]
    [InlineData(DiscordEmulator.ForbiddenChannelId, "403 (code 50001): Missing Access")]
    [InlineData("300000000000000099", "404 (code 10003): Unknown Channel")]
    public async Task UnpostableChannel_DailyPostFailsForGood_GroupIsPausedWithTheReason(string channel, string refusal)
    {
        await using var session = await DiscordSession.StartAsync();
        var created = await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", channel, type: 7));
        Assert.Contains("Study group created.", created.Text, StringComparison.Ordinal);

        await session.CommandAsync("daily", DiscordSession.Admin);
        await DiscordSession.EventuallyAsync(
            async () => (await session.QueryAsync("SELECT paused FROM groups")) is [["1"]],
            "the group was paused");

        var row = Assert.Single(await session.OutboxRowsAsync());
        Assert.Equal("failed", row.State);
        Assert.Contains(refusal, row.LastError, StringComparison.Ordinal);
        var show = await session.SetupAsync("show", DiscordSession.Admin);
        Assert.True(show.Ephemeral);
        Assert.Contains(
            $"Status: paused (the bot could not post in the channel: Discord refused the message for channel {channel}: POST /channels/{{channel_id}}/messages was rejected with {refusal})",
            show.Text,
            StringComparison.Ordinal);

        // Refused once, never retried.
        Assert.Single(session.Emulator.RequestsTo("POST", $"/channels/{channel}/messages"));
        Assert.Empty(session.PostsTo(channel));
        await session.AssertEveryInteractionAnsweredAsync();
    }
}
