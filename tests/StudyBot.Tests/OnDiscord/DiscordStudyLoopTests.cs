using System.Globalization;
using System.Text.Json.Nodes;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Tests.OnDiscord;

/// <summary>The whole study loop on Discord: the real app host against the Discord emulator.</summary>
public sealed class DiscordStudyLoopTests
{
    private const string Channel = DiscordEmulator.ChannelId;
    private const string Refusal = "Only group admins (members with the Manage Server permission) can use /setup";

    [Fact]
    public async Task Start_RegistersEveryCommandInOneBulkOverwrite_AdminCommandsCarryManageServer()
    {
        await using var session = await DiscordSession.StartAsync();

        var registration = Assert.Single(session.Emulator.RequestsTo("PUT", $"/applications/{DiscordEmulator.ApplicationId}/commands"));
        Assert.Equal(200, registration.Status);
        var permissions = registration.Body!.AsArray().ToDictionary(
            c => c!["name"]!.GetValue<string>(), c => c!["default_member_permissions"]?.GetValue<string>());
        Assert.Equal(["answer", "bank", "daily", "exam", "help", "leaderboard", "practice", "reports", "reveal", "setup", "stats"], permissions.Keys.Order(StringComparer.Ordinal));
        Assert.All(["daily", "reports", "reveal", "setup"], admin => Assert.Equal("32", permissions[admin]));

        // /exam and /bank mix member subcommands (join, show) with admin ones (schedule, import), so they stay
        // visible and the admin subcommands are checked on the server.
        Assert.All(["answer", "bank", "exam", "help", "leaderboard", "practice", "stats"], open => Assert.Null(permissions[open]));
        Assert.Empty(session.Emulator.SchemaErrors);
    }

    [Fact]
    public async Task Setup_FromTheChat_AdminConfiguresTheGroup_MembersAndBadInputChangeNothing()
    {
        await using var session = await DiscordSession.StartAsync();

        var beforeSetup = await session.CommandAsync("answer", DiscordSession.Member("Ana"), Payloads.Option("choice", "B"));
        Assert.True(beforeSetup.Ephemeral);
        Assert.Contains("An admin can set one up with `/setup channel`.", beforeSetup.Text, StringComparison.Ordinal);

        var memberCreates = await session.SetupAsync("channel", DiscordSession.Member("Dee"));
        Assert.True(memberCreates.Ephemeral);
        Assert.Contains(Refusal + " channel.", memberCreates.Text, StringComparison.Ordinal);
        Assert.Contains("This server has no study group yet.", (await session.SetupAsync("show", DiscordSession.Admin)).Text, StringComparison.Ordinal);

        var (postAt, revealAt) = await SetUpGroupAsync(session);

        var typing = Payloads.Autocomplete("setup", "zone", string.Empty);
        typing["member"] = DiscordSession.Admin;
        typing["data"]!["options"] = new JsonArray(Payloads.Subcommand("timezone", new JsonObject { ["name"] = "zone", ["type"] = 3, ["value"] = "chicag", ["focused"] = true }));
        var suggestions = session.Emulator.SendInteraction(typing);
        await Eventually.True(() => suggestions.Completed, "zone names were suggested");
        var suggested = Assert.Single(suggestions.Callbacks);
        Assert.Equal(8, suggested["type"]!.GetValue<int>());
        Assert.Contains("America/Chicago", suggested["data"]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));

        var memberChanges = await session.SetupAsync("timezone", DiscordSession.Member("Dee"), Payloads.Option("zone", "Europe/London"));
        var unknownZone = await session.SetupAsync("timezone", DiscordSession.Admin, Payloads.Option("zone", "Mars/Olympus_Mons"));
        var badTime = await session.SetupAsync("daily", DiscordSession.Admin, Payloads.Option("time", "25:00"), Payloads.Option("reveal", "17:00"));
        var show = await session.SetupAsync("show", DiscordSession.Admin);

        Assert.All([memberChanges, unknownZone, badTime, show], reply => Assert.True(reply.Ephemeral, reply.Text));
        Assert.Contains(Refusal + " timezone.", memberChanges.Text, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus_Mons' is not a time zone I know. Use an IANA name such as America/Chicago", unknownZone.Text, StringComparison.Ordinal);
        Assert.Contains("'25:00' is not a time. Use 24-hour HH:MM", badTime.Text, StringComparison.Ordinal);
        Assert.Contains($"Channel: {Channel}\n", show.Text, StringComparison.Ordinal);
        Assert.Contains($"Daily question: {postAt}, revealed at {revealAt}", show.Text, StringComparison.Ordinal);
        Assert.Contains("Time zone: America/Chicago\n", show.Text, StringComparison.Ordinal);
        Assert.Contains("Status: posting on schedule", show.Text, StringComparison.Ordinal);
        Assert.Empty(session.PostsTo());
        await session.AssertEveryInteractionAnsweredAsync();
    }

    [Fact]
    public async Task StudyLoop_MembersAnswerByButtonAndCommand_RevealEditsThePostReportsAndBoardFollow()
    {
        await using var session = await DiscordSession.StartAsync();
        await SetUpGroupAsync(session);

        var daily = await session.CommandAsync("daily", DiscordSession.Admin);
        Assert.True(daily.Ephemeral);
        Assert.Contains("Today's question is open and on its way to the channel.", daily.Text, StringComparison.Ordinal);
        var post = await session.QuestionPostAsync();
        var postId = post["id"]!.GetValue<string>();
        Assert.Equal(["A", "B", "C", "D"], DiscordSession.Buttons(post).Select(b => b["label"]!.GetValue<string>()));
        Assert.Contains("Which chamber pumps oxygenated blood to the body?", DiscordSession.TextOf(post), StringComparison.Ordinal);
        Assert.DoesNotContain("B is right", DiscordSession.TextOf(post), StringComparison.Ordinal);
        Assert.Empty(post["allowed_mentions"]!["parse"]!.AsArray());

        var ana = await session.ClickAsync(DiscordSession.ButtonId(post, "B"), postId, DiscordSession.Member("Ana"));
        var ben = await session.ClickAsync(DiscordSession.ButtonId(post, "A"), postId, DiscordSession.Member("Ben"));
        var cy = await session.CommandAsync("answer", DiscordSession.Member("Cy"), Payloads.Option("choice", "B"));

        Assert.All([ana, ben, cy], receipt => Assert.True(receipt.Ephemeral, receipt.Text));
        Assert.Contains("Your answer B is recorded. The answer is revealed at", ana.Text, StringComparison.Ordinal);
        // A wrong answer gets the same receipt as a right one, apart from the letter.
        Assert.Equal(ana.Text, ben.Text.Replace("answer A", "answer B", StringComparison.Ordinal));
        Assert.Equal(ana.Text, cy.Text);

        var second = await session.ClickAsync(DiscordSession.ButtonId(post, "C"), postId, DiscordSession.Member("Ana"));
        Assert.True(second.Ephemeral);
        Assert.Contains("You already answered B; your first answer counts.", second.Text, StringComparison.Ordinal);

        var roundId = long.Parse(DiscordSession.ButtonId(post, "B").Split(':')[1], CultureInfo.InvariantCulture);
        var forged = await session.ClickAsync($"daily:{roundId + 1000}:B", postId, DiscordSession.Member("Dee"));
        Assert.True(forged.Ephemeral);
        Assert.Contains("That question is not one of this group's rounds.", forged.Text, StringComparison.Ordinal);

        var boardBefore = await session.CommandAsync("leaderboard", DiscordSession.Member("Dee"), Payloads.Option("board", "all"));
        Assert.Contains("No points yet.", boardBefore.Text, StringComparison.Ordinal);

        var reveal = await session.CommandAsync("reveal", DiscordSession.Admin);
        Assert.Contains("Revealed: the answer is now shown in the channel.", reveal.Text, StringComparison.Ordinal);
        var edit = await session.RevealEditAsync(postId);
        var revealText = DiscordSession.TextOf(edit);
        Assert.Contains("Answer revealed ·", revealText, StringComparison.Ordinal);
        Assert.Contains("Answer: B. Left ventricle", revealText, StringComparison.Ordinal);
        Assert.Contains("How the group answered: A: 1 · B: 2 · C: 0 · D: 0 (3 answers)", revealText, StringComparison.Ordinal);
        Assert.Contains("Got it right: Ana, Cy", revealText, StringComparison.Ordinal);
        Assert.All(DiscordSession.Buttons(edit).Take(4), b => Assert.True(b["disabled"]!.GetValue<bool>()));
        Assert.Single(session.PostsTo());

        // Under the reveal, a member reports the question through a form; admins see it in /reports list.
        var reportClick = session.Emulator.SendInteraction(Payloads.Click(DiscordSession.ButtonId(edit, "Report question"), postId, DiscordSession.Member("Dee")));
        await Eventually.True(() => reportClick.Completed, "the report form opened");
        var form = Assert.Single(reportClick.Callbacks);
        Assert.Equal(9, form["type"]!.GetValue<int>());
        var submit = Payloads.ModalSubmit(form["data"]!["custom_id"]!.GetValue<string>(), "reason", "The stem should say 'systemic circulation'.");
        submit["member"] = DiscordSession.Member("Dee");
        var filed = await DiscordSession.ReplyToAsync(session.Emulator.SendInteraction(submit));
        Assert.True(filed.Ephemeral);
        Assert.Contains("Thanks: your report is with the group's admins", filed.Text, StringComparison.Ordinal);
        var reports = await session.CommandAsync("reports", DiscordSession.Admin, Payloads.Subcommand("list"));
        Assert.Contains("The stem should say 'systemic circulation'.", reports.Text, StringComparison.Ordinal);

        var board = await session.CommandAsync("leaderboard", DiscordSession.Member("Dee"), Payloads.Option("board", "all"));
        Assert.False(board.Ephemeral);
        var ranks = board.Text.Split('\n').Where(l => l.Contains(" — ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ranks.Count);
        Assert.Equal(
            ["1. Ana — 1 point (1/1 right)", "1. Cy — 1 point (1/1 right)", "3. Ben — 0 points (0/1 right)"],
            ranks.Order(StringComparer.Ordinal));
        Assert.StartsWith("3. Ben", ranks[2], StringComparison.Ordinal);
        await session.AssertEveryInteractionAnsweredAsync();
    }

    /// <summary>An admin creates the group in the study channel, in Chicago time, with post and reveal times
    /// hours away from now so the schedule never fires during the test. Returns them as /setup show prints them.</summary>
    internal static async Task<(string PostAt, string RevealAt)> SetUpGroupAsync(DiscordSession session)
    {
        var created = await session.SetupAsync("channel", DiscordSession.Admin);
        Assert.True(created.Ephemeral);
        Assert.Contains("Study group created. Daily questions will be posted in this channel.", created.Text, StringComparison.Ordinal);

        var zone = await session.SetupAsync("timezone", DiscordSession.Admin, Payloads.Option("zone", "America/Chicago"));
        Assert.Contains("Time zone changed.", zone.Text, StringComparison.Ordinal);

        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var postAt = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, chicago).DateTime).AddHours(6);
        var (post, reveal) = (postAt.ToString("HH:mm", CultureInfo.InvariantCulture), postAt.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture));
        var schedule = await session.SetupAsync("daily", DiscordSession.Admin, Payloads.Option("time", post), Payloads.Option("reveal", "+2"));
        Assert.Contains("Schedule changed.", schedule.Text, StringComparison.Ordinal);
        return (post, reveal);
    }
}
