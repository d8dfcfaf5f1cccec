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

        // op 7 and op 9 (d: true) resume, op 9 (d: false) identifies afresh, the dropped socket resumes. On a
        // loaded machine a late heartbeat ACK may add a zombie reconnect, which is one more resume, never an identify.
        Assert.Equal(["identify", "resume", "identify", "resume"], Collapse(emulator.Handshakes));
        Assert.True(emulator.Handshakes.Count(h => h == "resume") >= 3, string.Join(", ", emulator.Handshakes));
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
    [InlineData(false, "403 (code 50001): Missing Access")]
    [InlineData(true, "404 (code 10003): Unknown Channel")]
    public async Task ChannelLostAfterSetup_DailyPostFailsForGood_GroupIsPausedWithTheReason(bool deleted, string refusal)
    {
        await using var session = await DiscordSession.StartAsync();
        var channel = Channel;
        var created = await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", channel, type: 7));
        Assert.Contains("Study group created.", created.Text, StringComparison.Ordinal);

        // After setup the channel is deleted, or made private without the bot.
        if (deleted)
        {
            session.Emulator.DeleteChannel(channel);
        }
        else
        {
            session.Emulator.SetOverwrite(channel, DiscordEmulator.GuildId, 0, allow: 0, deny: DiscordEmulator.ViewChannel);
        }

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

    [Theory]
    [InlineData(DiscordEmulator.ForbiddenChannelId, "I can't see that channel: give me the View Channel permission there.")]
    [InlineData("300000000000000099", "that channel does not exist (it may have been deleted).")]
    [InlineData(DiscordEmulator.VoiceChannelId, "that is not a text channel.")]
    [InlineData(DiscordEmulator.ChannelId, "I am missing Send Messages there.")]
    public async Task SetupChannel_BotCannotPostThere_IsRefusedPrivatelyAndNothingIsStored(string channel, string reason)
    {
        await using var session = await DiscordSession.StartAsync();
        session.Emulator.SetOverwrite(DiscordEmulator.ChannelId, DiscordEmulator.BotRoleId, 0, allow: 0, deny: DiscordEmulator.SendMessages);

        var refused = await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", channel, type: 7));

        Assert.True(refused.Ephemeral);
        Assert.Contains($"I can't use that channel: {reason} Pick a channel where I can send messages", refused.Text, StringComparison.Ordinal);
        Assert.Empty(await session.QueryAsync("SELECT id FROM groups"));
        Assert.Empty(session.Emulator.RequestsTo("POST", "/messages"));
        await session.AssertEveryInteractionAnsweredAsync();
    }

    [Fact]
    public async Task SetupChannel_DiscordCannotDescribeTheChannel_AcceptsItAndSaysSo()
    {
        await using var session = await DiscordSession.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            session.Emulator.FailNext($"/channels/{Channel}", RestFault.Status500);
        }

        var accepted = await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", Channel, type: 7));

        Assert.True(accepted.Ephemeral);
        Assert.Contains("Study group created.", accepted.Text, StringComparison.Ordinal);
        Assert.Contains("I could not check my permissions there just now (Discord did not answer)", accepted.Text, StringComparison.Ordinal);
        Assert.Equal([[Channel]], await session.QueryAsync("SELECT channel_id FROM groups"));
        await session.AssertEveryInteractionAnsweredAsync();
    }

    [Fact]
    public async Task SetupChannel_AfterTodaysPostWasRefused_PostsTodaysQuestionInTheNewChannelAndRevealsThere()
    {
        await using var session = await DiscordSession.StartAsync();
        await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", Channel, type: 7));
        session.Emulator.DeleteChannel(Channel);
        await session.CommandAsync("daily", DiscordSession.Admin);
        await DiscordSession.EventuallyAsync(async () => (await session.QueryAsync("SELECT paused FROM groups")) is [["1"]], "the group was paused");
        const string newChannel = "300000000000000007";
        session.Emulator.AddChannel(newChannel);

        var moved = await session.SetupAsync("channel", DiscordSession.Admin, Payloads.Option("channel", newChannel, type: 7));
        await Eventually.True(() => session.PostsTo(newChannel).Count == 1, "today's question was posted in the new channel");
        var post = session.PostsTo(newChannel).Single();
        var postId = post["id"]!.GetValue<string>();
        await session.ClickAsync(DiscordSession.ButtonId(post, "B"), postId, DiscordSession.Member("Ana"));
        await session.CommandAsync("reveal", DiscordSession.Admin);
        await Eventually.True(() => session.Emulator.RequestsTo("PATCH", $"/channels/{newChannel}/messages/{postId}").Any(r => r.Status == 200), "the reveal edited the new post");

        Assert.True(moved.Ephemeral);
        Assert.Contains("Today's question never reached the old channel, so it is posted here now.", moved.Text, StringComparison.Ordinal);
        Assert.Contains("Question of the day", DiscordSession.TextOf(post), StringComparison.Ordinal);
        Assert.Contains("How the group answered", DiscordSession.TextOf(session.Emulator.Messages[postId]), StringComparison.Ordinal);
        Assert.Single(session.Emulator.Messages);
        Assert.Equal([[newChannel, "0"]], await session.QueryAsync("SELECT channel_id, paused FROM groups"));
        await session.AssertEveryInteractionAnsweredAsync();
    }

    private static List<string> Collapse(IEnumerable<string> handshakes)
    {
        var collapsed = new List<string>();
        foreach (var handshake in handshakes)
        {
            if (collapsed.Count == 0 || collapsed[^1] != handshake)
            {
                collapsed.Add(handshake);
            }
        }

        return collapsed;
    }
}
