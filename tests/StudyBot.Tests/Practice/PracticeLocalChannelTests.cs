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
        Assert.Contains("Streak: 1 day.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_TodaysDailyQuestionIsOpen_NeverShowsItInPracticeOfItsArea()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);
        var posted = await RunBotAsync(db.Path, "/daily", "/quit");
        var daily = posted[posted.IndexOf("┌ Question of the day", StringComparison.Ordinal)..];
        var stem = daily.Split('\n')[1].TrimStart('│', ' ');
        var areaName = daily.Split('\n').First(l => l.StartsWith("│ Area: ", StringComparison.Ordinal))["│ Area: ".Length..].Trim();
        var area = ContentAreas.All.Single(a => a.DisplayName() == areaName);

        var output = await RunBotAsync(db.Path, [$"/practice {area.Key()} 50", .. Enumerable.Repeat("/click A", 50), "/quit"]);

        Assert.Contains("Practice · question 1 of 50", output, StringComparison.Ordinal);
        Assert.DoesNotContain(stem, output, StringComparison.Ordinal);

        // The session went through every other question of the area, so the daily one was really held back.
        Assert.Contains("You have been through every question available here.", output, StringComparison.Ordinal);
    }

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

    private static async Task<string> RunBotAsync(string databasePath, params string[] lines)
    {
        var output = new StringWriter();
        var console = new LocalConsole(new StringReader(string.Join('\n', lines) + "\n"), output);
        var builder = StudyBotHost.CreateBuilder([$"--Database:Path={databasePath}"], console);

        // A fixed morning: today's round stays open (reveal at 17:00) whenever the test runs.
        builder.Services.AddSingleton<TimeProvider>(new FakeTime(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero)));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.RunAsync(timeout.Token);
        return output.ToString();
    }
}
