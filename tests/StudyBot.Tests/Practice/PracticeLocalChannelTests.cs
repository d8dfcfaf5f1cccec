using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.App.Hosting;
using StudyBot.App.Local;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Practice;

/// <summary>The whole bot in-process, driven through the local terminal channel as a member would type.</summary>
public sealed class PracticeLocalChannelTests
{
    [Fact]
    public async Task Practice_ThroughTheLocalChannel_AsksExplainsResumesAfterRestartAndShowsReadiness()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);

        var first = await RunBotAsync(db.Path, "/practice medical-terminology 3", "/click B", "/quit");
        var second = await RunBotAsync(db.Path, "/practice", "/click A", "/click C", "/stats", "/quit");

        Assert.Contains("(only you) Practice · question 1 of 3", first, StringComparison.Ordinal);
        Assert.Matches("✓ Right|✗ Not quite", first);
        Assert.Contains("Why: ", first, StringComparison.Ordinal);
        Assert.Contains("Practice · question 2 of 3", first, StringComparison.Ordinal);

        Assert.Contains("Welcome back: resuming your practice (1 of 3 answered).", second, StringComparison.Ordinal);
        Assert.Contains("Practice finished", second, StringComparison.Ordinal);
        Assert.Contains("You got ", second, StringComparison.Ordinal);
        Assert.Contains("Predicted exam score: ", second, StringComparison.Ordinal);
        Assert.Contains("Medical terminology: 30 days: ", second, StringComparison.Ordinal);
        Assert.Contains("Study streak (days with any answer): 1 day.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_TodaysDailyQuestionIsOpen_NeverShowsItInPracticeOfItsArea()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);
        var bank = Path.Combine(db.Folder, "bank.yaml");
        File.WriteAllText(bank, SmallAnatomyBank(6));
        var posted = await RunBotAsync(db.Path, [$"--Bank:Path={bank}"], "/daily", "/quit");
        var daily = posted[posted.IndexOf("┌ Question of the day", StringComparison.Ordinal)..];
        var stem = daily.Split('\n')[1].TrimStart('│', ' ');

        var output = await RunBotAsync(db.Path, [$"--Bank:Path={bank}"], ["/practice anatomy 6", .. Enumerable.Repeat("/click A", 6), "/quit"]);

        Assert.Contains("Practice · question 1 of 6", output, StringComparison.Ordinal);
        Assert.DoesNotContain(stem, output, StringComparison.Ordinal);

        // The session went through the five other questions of the area, so the daily one was really held back.
        Assert.Contains("You have been through every question available here.", output, StringComparison.Ordinal);
    }

    private static string SmallAnatomyBank(int count) =>
        "version: 1\nquestions:\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"""
              - id: ana-{i:000}
                area: anatomy
                difficulty: easy
                stem: Anatomy question number {i}?
                choices:
                  A: first {i}
                  B: second {i}
                  C: third {i}
                  D: fourth {i}
                answer: B
                rationale: B is right for question {i}.
                source: test

            """));

    [Fact]
    public async Task Stats_DailyAnswer_CountsOnlyAfterTheRevealAndThenComesBackForReview()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);

        var output = await RunBotAsync(db.Path, "/daily", "/answer A", "/stats", "/reveal", "/stats", "/quit");

        var beforeReveal = output[output.IndexOf("> /stats", StringComparison.Ordinal)..output.IndexOf("> /reveal", StringComparison.Ordinal)];
        var afterReveal = output[output.LastIndexOf("> /stats", StringComparison.Ordinal)..];
        Assert.Contains("waiting for the reveal", beforeReveal, StringComparison.Ordinal);
        Assert.DoesNotContain("30 days:", beforeReveal, StringComparison.Ordinal);
        Assert.Contains("Predicted exam score: not yet", beforeReveal, StringComparison.Ordinal);
        Assert.Contains("30 days: ", afterReveal, StringComparison.Ordinal);
        Assert.Contains("Predicted exam score: ", afterReveal, StringComparison.Ordinal);
        Assert.DoesNotContain("Predicted exam score: not yet", afterReveal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PracticeRemind_ThroughTheLocalChannel_TurnsOnAndOffAndRefusesAnythingElse()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);

        var output = await RunBotAsync(db.Path, "/practice remind:on", "/practice remind:sometimes", "/practice remind:off", "/quit");

        Assert.Contains("(only you) Practice reminders are on", output, StringComparison.Ordinal);
        Assert.Contains("Say `/practice remind:on`", output, StringComparison.Ordinal);
        Assert.Contains("(only you) Practice reminders are off", output, StringComparison.Ordinal);
    }

    private static Task<string> RunBotAsync(string databasePath, params string[] lines) => RunBotAsync(databasePath, [], lines);

    private static Task<string> RunBotAsync(string databasePath, string[] args, params string[] lines) =>
        LocalSession.RunInProcessAsync(
            string.Join('\n', lines) + "\n",
            [$"--Database:Path={databasePath}", .. args],
            // A fixed morning: today's round stays open (reveal at 17:00) whenever the test runs.
            services => services.AddSingleton<TimeProvider>(new FakeTime(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero))));
}
