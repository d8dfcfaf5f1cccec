using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using StudyBot.App.Hosting;
using StudyBot.App.Local;
using StudyBot.App.Scheduling;
using StudyBot.Exams;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Exams;

public sealed class ExamScheduleRestartTests
{
    [Fact]
    public async Task Schedule_ThenRestart_EveryStageIsStillInTheJobStore()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var startText = start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        // First run: an admin schedules an exam, then the process ends.
        await RunAsync(db, new StringReader($"/exam schedule start:{startText} questions:5 minutes:60\n/quit\n"), null);

        // Second run over the same file: the triggers were not re-created by anyone, yet they are all there.
        await RunAsync(db, new SilentInput(), async services =>
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var exam = Assert.Single(await services.GetRequiredService<IExamStore>().UpcomingAsync("local", default));
            foreach (var stage in Enum.GetValues<ExamStage>())
            {
                var trigger = await scheduler.GetTrigger(QuartzExamSchedule.TriggerFor(exam.Id, stage));
                Assert.NotNull(trigger);
                Assert.Equal(ExamStageJob.Key, trigger.JobKey);
            }

            var close = await scheduler.GetTrigger(QuartzExamSchedule.TriggerFor(exam.Id, ExamStage.Close));
            Assert.Equal(exam.EndsAt, close!.StartTimeUtc);
        });
    }

    /// <summary>Runs the bot until the script ends, or, with a check, runs the check while it is up and stops it.</summary>
    private static async Task RunAsync(TempDatabase db, TextReader input, Func<IServiceProvider, Task>? check)
    {
        var console = new LocalConsole(input, new StringWriter(CultureInfo.InvariantCulture));
        using var host = StudyBotHost.CreateBuilder([$"--Database:Path={db.Path}"], console).Build();
        await host.StartAsync();
        if (check is null)
        {
            await host.WaitForShutdownAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            return;
        }

        await check(host.Services);
        await host.StopAsync();
    }

    /// <summary>A terminal nobody types in.</summary>
    private sealed class SilentInput : TextReader
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
    }
}
