using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using StudyBot.App.Scheduling;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;
using StudyBot.Exams;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.OnDiscord;

/// <summary>
/// A scheduled group mock exam on Discord: the real app host against the emulator, three members, one of whom
/// never finishes. The app reads the test's clock; each Quartz stage (announce, open, close) is fired through the
/// scheduler at the instant it is due, so nothing waits for minutes.
/// </summary>
public sealed partial class DiscordExamTests
{
    private const int Questions = 5;

    // A payload's member object can belong to one interaction only, so each use gets a fresh one.
    private static JsonObject Ana => DiscordSession.Member("Ana");

    private static JsonObject Ben => DiscordSession.Member("Ben");

    private static JsonObject Cy => DiscordSession.Member("Cy");

    // The emulator does not number private messages; the bot never reads the id of the message clicked on.
    private const string PrivateMessageId = "800000000000000008";

    [Fact]
    public async Task GroupExam_ThreeMembersOneNeverFinishes_EphemeralScreensUpdateInPlaceAndEveryoneGetsAResult()
    {
        var clock = new ShiftedTime();
        await using var session = await DiscordSession.StartAsync(shippedBank: true, time: clock);
        await DiscordStudyLoopTests.SetUpGroupAsync(session);

        // The admin schedules a short exam two hours ahead, in the group's time zone.
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var startText = TimeZoneInfo.ConvertTime(clock.GetUtcNow().AddHours(2), chicago).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var memberSchedules = await session.CommandAsync("exam", Ben, Payloads.Subcommand("schedule", Payloads.Option("start", startText)));
        Assert.True(memberSchedules.Ephemeral);
        Assert.Contains("Only group admins (members with the Manage Server permission) can use /exam schedule.", memberSchedules.Text, StringComparison.Ordinal);
        var scheduled = await session.CommandAsync(
            "exam", DiscordSession.Admin,
            Payloads.Subcommand("schedule", Payloads.Option("start", startText), Payloads.Option("questions", Questions, 4), Payloads.Option("minutes", 10, 4)));
        Assert.True(scheduled.Ephemeral);
        var examId = long.Parse(ExamNumber().Match(scheduled.Text).Groups[1].Value, CultureInfo.InvariantCulture);
        var store = session.Host.Services.GetRequiredService<IExamStore>();
        var exam = (await store.FindAsync(examId, default))!;
        var questions = await store.QuestionsAsync(examId, default);
        var keys = questions.Select(q => q.Answer!.Value.ToString()).ToList();
        Assert.Equal(Questions, keys.Count);
        Assert.Empty(session.PostsTo());

        // An hour before: the announcement with a Join button; Ana registers early.
        clock.JumpTo(exam.StartsAt.AddHours(-1));
        var announcement = await StageAsync(session, examId, ExamStage.AnnounceHourBefore, "Mock exam · starts in 1 hour");
        var registered = await session.ClickAsync(DiscordSession.ButtonId(announcement, "Join"), Id(announcement), Ana);
        AssertNewPrivateMessage(registered);
        Assert.Contains($"You are registered for exam #{examId}", registered.Text, StringComparison.Ordinal);

        // At the start it opens; the registered member is named and pinged, nobody else.
        clock.JumpTo(exam.StartsAt);
        var opened = await StageAsync(session, examId, ExamStage.Open, "Mock exam · open now");
        Assert.Contains("Registered: Ana.", DiscordSession.TextOf(opened), StringComparison.Ordinal);
        Assert.Equal(["400000000000000011"], opened["allowed_mentions"]!["users"]!.AsArray().Select(u => u!.GetValue<string>()));

        // All three join by button (Ben on the older announcement); each gets a private first question.
        var anaScreen = await JoinAsync(session, opened, Ana);
        var benScreen = await JoinAsync(session, announcement, Ben);
        var cyScreen = await JoinAsync(session, opened, Cy);

        // Ana: every answer right, flags question 2 on the way, reviews and submits.
        for (var i = 0; i < Questions; i++)
        {
            anaScreen = await ScreenClickAsync(session, anaScreen, keys[i], Ana);
            Assert.Contains($"Question {i + 1} of {Questions}", anaScreen.Text, StringComparison.Ordinal);
            Assert.Contains("Your answer: " + keys[i], anaScreen.Text, StringComparison.Ordinal);
            if (i == 1)
            {
                anaScreen = await ScreenClickAsync(session, anaScreen, "Flag", Ana);
                Assert.Contains("Flagged for review", anaScreen.Text, StringComparison.Ordinal);
                Assert.Contains("[Unflag]", anaScreen.Text, StringComparison.Ordinal);
            }

            anaScreen = await ScreenClickAsync(session, anaScreen, i < Questions - 1 ? "Next" : "Review", Ana);
        }

        Assert.Contains("Review", anaScreen.Text, StringComparison.Ordinal);
        Assert.Contains($"Answered {Questions} of {Questions}.", anaScreen.Text, StringComparison.Ordinal);
        Assert.Contains("Unanswered: none", anaScreen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Flagged for review: none", anaScreen.Text, StringComparison.Ordinal);
        Assert.Contains("[First flagged]", anaScreen.Text, StringComparison.Ordinal);
        var anaReview = anaScreen;
        anaScreen = await ScreenClickAsync(session, anaScreen, "Submit", Ana);
        Assert.Contains("Your answers are in", anaScreen.Text, StringComparison.Ordinal);

        // Submitting twice (from the review screen she submitted on) is refused privately.
        var again = await session.ClickAsync(DiscordSession.ButtonId(anaReview.Message!, "Submit"), PrivateMessageId, Ana);
        AssertNewPrivateMessage(again);
        Assert.Contains("You have already submitted this exam, so nothing was changed.", again.Text, StringComparison.Ordinal);

        // Ben: wrong on the first two (he goes back once to check), right on the rest, submits. A click on the
        // screen he has moved on from is refused.
        var benFirst = benScreen;
        for (var i = 0; i < Questions; i++)
        {
            benScreen = await ScreenClickAsync(session, benScreen, i < 2 ? Wrong(keys[i]) : keys[i], Ben);
            if (i == 1)
            {
                benScreen = await ScreenClickAsync(session, benScreen, "Previous", Ben);
                Assert.Contains($"Question 1 of {Questions}", benScreen.Text, StringComparison.Ordinal);
                Assert.Contains("Your answer: " + Wrong(keys[0]), benScreen.Text, StringComparison.Ordinal);
                benScreen = await ScreenClickAsync(session, benScreen, "Next", Ben);
            }

            benScreen = await ScreenClickAsync(session, benScreen, i < Questions - 1 ? "Next" : "Review", Ben);
        }

        var stale = await session.ClickAsync(DiscordSession.ButtonId(benFirst.Message!, keys[0]), PrivateMessageId, Ben);
        AssertNewPrivateMessage(stale);
        Assert.Contains("That screen is out of date (you have moved on since), so nothing was changed.", stale.Text, StringComparison.Ordinal);
        benScreen = await ScreenClickAsync(session, benScreen, "Submit", Ben);
        Assert.Contains("Your answers are in", benScreen.Text, StringComparison.Ordinal);

        // Cy answers question 1 and is never seen again.
        cyScreen = await ScreenClickAsync(session, cyScreen, keys[0], Cy);
        Assert.Contains("Your answer: " + keys[0], cyScreen.Text, StringComparison.Ordinal);

        // Ana clicking a button of Cy's screen is refused privately and changes nothing.
        var forged = await session.ClickAsync(DiscordSession.ButtonId(cyScreen.Message!, Wrong(keys[0])), PrivateMessageId, Ana);
        AssertNewPrivateMessage(forged);
        Assert.Contains("This exam screen belongs to another member, so nothing was changed.", forged.Text, StringComparison.Ordinal);
        cyScreen = await session.CommandAsync("exam", Cy, Payloads.Subcommand("resume"));
        AssertNewPrivateMessage(cyScreen);
        Assert.Contains($"Question 1 of {Questions}", cyScreen.Text, StringComparison.Ordinal);
        Assert.Contains("Your answer: " + keys[0], cyScreen.Text, StringComparison.Ordinal);

        // The close submits Cy's open attempt; the channel gets the group result.
        clock.JumpTo(exam.EndsAt);
        var result = DiscordSession.TextOf(await StageAsync(session, examId, ExamStage.Close, "Mock exam results"));
        Assert.Contains("3 members sat the exam · pass rate 33% (1 of 3) · average 60%", result, StringComparison.Ordinal);
        Assert.Contains("Top scores: 1. Ana — 5/5 (100%)\n2. Ben — 3/5 (60%)\n3. Cy — 1/5 (20%)", result, StringComparison.Ordinal);
        Assert.Contains("Hardest questions: Q2 (", result, StringComparison.Ordinal);
        Assert.Contains("): 1 of 3 right — ", result, StringComparison.Ordinal);

        // Cy's answer after the close, on his own latest screen, is refused; his saved answer was scored.
        var late = await session.ClickAsync(DiscordSession.ButtonId(cyScreen.Message!, Wrong(keys[0])), PrivateMessageId, Cy);
        AssertNewPrivateMessage(late);
        Assert.Contains("Time is up: this exam closed", late.Text, StringComparison.Ordinal);

        // Each member's private report, with a line per content area of the exam.
        var areas = questions.Select(q => q.Area.DisplayName()).Distinct().ToList();
        var reports = new[] { (Ana, "Score: 5/5 (100%) · PASS"), (Ben, "Score: 3/5 (60%) · not a pass yet"), (Cy, "Score: 1/5 (20%) · not a pass yet") };
        foreach (var (member, score) in reports)
        {
            var report = await session.CommandAsync("exam", member, Payloads.Subcommand("results"));
            Assert.True(report.Ephemeral, report.Text);
            Assert.Contains(score, report.Text, StringComparison.Ordinal);
            Assert.All(areas, area => Assert.Matches($@"{Regex.Escape(area)}: \d/\d \(\d+%\)", report.Text));
        }

        var cyReport = await session.CommandAsync("exam", Cy, Payloads.Subcommand("results"));
        Assert.Contains("(submitted automatically at the close)", cyReport.Text, StringComparison.Ordinal);
        Assert.Contains("⚠ below pass mark", cyReport.Text, StringComparison.Ordinal);
        var missed = await ScreenClickAsync(session, cyReport, "Missed questions", Cy);
        Assert.Contains("Missed question 1 of 4 · question 2", missed.Text, StringComparison.Ordinal);

        Assert.Single(ChannelShows(session, "Mock exam results"));
        await session.AssertEveryInteractionAnsweredAsync();
    }

    /// <summary>Fires an exam stage through the scheduler (the job Quartz runs at the stage's time) and returns the post it makes.</summary>
    private static async Task<JsonNode> StageAsync(DiscordSession session, long examId, ExamStage stage, string title)
    {
        var scheduler = await session.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var data = new JobDataMap
        {
            [ExamStageJob.ExamIdKey] = examId.ToString(CultureInfo.InvariantCulture),
            [ExamStageJob.StageKey] = stage.ToString(),
        };
        await scheduler.TriggerJob(ExamStageJob.Key, data);
        await Eventually.True(() => ChannelShows(session, title).Count > 0, $"the {stage} post");

        // What the channel shows, not the POSTs: a retried post that Discord matched to its first by the enforced
        // nonce is still one message.
        var shown = ChannelShows(session, title);
        Assert.True(shown.Count == 1, $"{shown.Count} messages titled '{title}' ({session.Emulator.NonceHits} nonce hits):\n{session.Logs.AllText}");
        return shown[0];
    }

    private static List<JsonNode> ChannelShows(DiscordSession session, string title) =>
        [.. session.Emulator.Messages.Values.Where(m =>
            m["channel_id"]?.GetValue<string>() == DiscordEmulator.ChannelId && DiscordSession.TextOf(m).Contains(title, StringComparison.Ordinal))];

    /// <summary>Join on a channel post: the exam must open in a new private message, never by rewriting the post.</summary>
    private static async Task<VisibleReply> JoinAsync(DiscordSession session, JsonNode post, JsonObject member)
    {
        var screen = await session.ClickAsync(DiscordSession.ButtonId(post, "Join"), Id(post), member);
        AssertNewPrivateMessage(screen);
        Assert.Contains($"Question 1 of {Questions}", screen.Text, StringComparison.Ordinal);
        Assert.Matches(@"Time left: \d+ min", screen.Text);
        return screen;
    }

    /// <summary>Clicks a button on a member's private screen; the screen must be replaced in place.</summary>
    private static async Task<VisibleReply> ScreenClickAsync(DiscordSession session, VisibleReply screen, string label, JsonObject member)
    {
        var next = await session.ClickAsync(DiscordSession.ButtonId(screen.Message!, label), PrivateMessageId, member);
        Assert.True(next.UpdatedInPlace, $"'{label}' answered with callback {next.CallbackType}: {next.Text}");
        return next;
    }

    private static void AssertNewPrivateMessage(VisibleReply reply)
    {
        Assert.True(reply.Ephemeral, reply.Text);
        Assert.False(reply.UpdatedInPlace, reply.Text);
    }

    private static string Id(JsonNode message) => message["id"]!.GetValue<string>();

    private static string Wrong(string key) => key == "A" ? "B" : "A";

    [GeneratedRegex(@"Scheduled exam #(\d+)")]
    private static partial Regex ExamNumber();
}
