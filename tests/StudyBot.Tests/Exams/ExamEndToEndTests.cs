using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.App.Hosting;
using StudyBot.App.Local;
using StudyBot.Exams;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Exams;

/// <summary>The whole bot in-process, driven through the local terminal channel as three members would
/// type: schedule, announcement, join, answer, submit, one member who never finishes, the close, reports.
/// The clock is fake; the Quartz stages are run by calling what the job calls, at the instants they are due.</summary>
public sealed class ExamEndToEndTests
{
    [Fact]
    public async Task LocalChannel_ThreeMembersOneNeverFinishes_EveryoneGetsAResultAndTheChannelTheGroupResult()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);
        var time = new FakeTime(new DateTimeOffset(DateTime.UtcNow.Year + 1, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var input = new ScriptedInput();
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var console = new LocalConsole(input, output);
        var builder = StudyBotHost.CreateBuilder([$"--Database:Path={db.Path}"], console);
        builder.Services.AddSingleton<TimeProvider>(time);
        using var host = builder.Build();
        await host.StartAsync();
        var exams = host.Services.GetRequiredService<ExamService>();
        var store = host.Services.GetRequiredService<IExamStore>();
        string Screen() { lock (console.WriteLock) { return output.ToString(); } }
        async Task<string> Say(string line)
        {
            var before = Screen().Length;
            await input.SayAsync(line);
            await input.IdleAsync();
            return Screen()[before..];
        }

        var start = time.Now.AddHours(2);
        Assert.Contains("Scheduled exam #1", await Say($"/exam schedule start:{start:yyyy-MM-dd'T'HH:mm} questions:5 minutes:60"), StringComparison.Ordinal);
        var exam = Assert.Single(await store.UpcomingAsync("local", default));
        var keys = (await store.QuestionsAsync(exam.Id, default)).Select(q => q.Answer!.Value.ToString()).ToList();

        time.Now = start.AddHours(-1);
        await exams.RunStageAsync(exam.Id, ExamStage.AnnounceHourBefore, default);
        await Say("/as Ann");
        var early = await Say("/click Join");
        Assert.Contains("Mock exam · starts in 1 hour", Screen(), StringComparison.Ordinal);
        Assert.Contains("You are registered", early, StringComparison.Ordinal);
        Assert.Contains("· you are registered", await Say("/exam list"), StringComparison.Ordinal);

        time.Now = start;
        await exams.RunStageAsync(exam.Id, ExamStage.Open, default);
        var joined = await Say("/click Join");
        Assert.Contains("Mock exam · open now", Screen(), StringComparison.Ordinal);
        Assert.Contains("│ @ann\n", Screen(), StringComparison.Ordinal);
        Assert.Contains("Registered: Ann.", Screen(), StringComparison.Ordinal);
        Assert.Contains("(only you) Mock exam · Question 1 of 5", joined, StringComparison.Ordinal);

        // Ann: all five right, then review and submit.
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("Your answer: " + keys[i], await Say("/click " + keys[i]), StringComparison.Ordinal);
            await Say(i < 4 ? "/click Next" : "/click Review");
        }

        Assert.Contains("Your answers are in", await Say("/click Submit"), StringComparison.Ordinal);

        // Bob: wrong on the first two, right on the rest, submits.
        await Say("/as Bob");
        await Say("/exam join");
        for (var i = 0; i < 5; i++)
        {
            await Say("/click " + (i < 2 ? Wrong(keys[i]) : keys[i]));
            await Say(i < 4 ? "/click Next" : "/click Review");
        }

        await Say("/click Submit");

        // Cid answers one question and is never seen again; Ann clicking Cid's screen changes nothing.
        await Say("/as Cid");
        await Say("/exam join");
        await Say("/click " + keys[0]);
        await Say("/as Ann");
        Assert.Contains("belongs to another member", await Say("/click " + Wrong(keys[0])), StringComparison.Ordinal);

        time.Now = start.AddMinutes(30);
        await exams.RunStageAsync(exam.Id, ExamStage.Warning, default);
        time.Now = start.AddMinutes(60);
        await exams.RunStageAsync(exam.Id, ExamStage.Close, default);

        await Say("/as Cid");
        Assert.Contains("Time is up", await Say("/click " + Wrong(keys[0])), StringComparison.Ordinal);
        var channel = Screen();
        Assert.Contains("Mock exam results", channel, StringComparison.Ordinal);
        Assert.Contains("3 members sat the exam · pass rate 33% (1 of 3) · average 60%", channel, StringComparison.Ordinal);
        Assert.Contains("1. Ann — 5/5 (100%)", channel, StringComparison.Ordinal);
        Assert.Contains("Mock exam · 30 min left", Screen(), StringComparison.Ordinal);

        var cid = await Say("/exam results");
        Assert.Contains("Score: 1/5 (20%) · not a pass yet", cid, StringComparison.Ordinal);
        Assert.Contains("submitted automatically", cid, StringComparison.Ordinal);
        Assert.Contains("Missed question 1 of 4", await Say("/click Missed questions"), StringComparison.Ordinal);
        await Say("/as Bob");
        Assert.Contains("Score: 3/5 (60%)", await Say("/exam results"), StringComparison.Ordinal);
        var board = await Say("/exam leaderboard");
        Assert.Contains("1. Ann — best 100%", board, StringComparison.Ordinal);
        Assert.Contains("3. Cid — best 20%", board, StringComparison.Ordinal);

        await input.SayAsync("/quit");
        await host.WaitForShutdownAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    private static string Wrong(string key) => key == "A" ? "B" : "A";

    /// <summary>Standard input typed by the test. Idle means the channel has handled every line and is waiting for the next.</summary>
    private sealed class ScriptedInput : TextReader
    {
        private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
        private TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task IdleAsync() => idle.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async Task SayAsync(string line)
        {
            await IdleAsync();
            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lines.Writer.TryWrite(line);
        }

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            if (lines.Reader.TryRead(out var line))
            {
                return line;
            }

            idle.TrySetResult();
            return await lines.Reader.ReadAsync(cancellationToken);
        }
    }
}
