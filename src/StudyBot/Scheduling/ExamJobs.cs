using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Data.Stores;
using StudyBot.Exams;

namespace StudyBot.App.Scheduling;

/// <summary>Fires one timed stage of one exam (announce, open, warn, close). The service checks the exam's state
/// and the clock, so a misfire replayed after a restart, or a stage of a cancelled exam, does the right thing.</summary>
public sealed class ExamStageJob(ExamService exams) : IJob
{
    public const string ExamIdKey = "examId";
    public const string StageKey = "stage";

    public static readonly JobKey Key = new("exam-stage", "exams");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (long.TryParse(data.GetString(ExamIdKey), NumberStyles.None, CultureInfo.InvariantCulture, out var examId)
            && Enum.TryParse<ExamStage>(data.GetString(StageKey), out var stage))
        {
            await exams.RunStageAsync(examId, stage, cancellationToken);
        }
    }
}

/// <summary>Keeps each exam's stages as one-shot triggers in Quartz's persistent store (the bot's SQLite file),
/// so a restart between scheduling and the exam changes nothing. A stage missed while the bot was down fires
/// at restart (FireNow); the service then decides from the clock whether it still applies.</summary>
public sealed partial class QuartzExamSchedule(
    ISchedulerFactory schedulers, TimeProvider time, IOptions<ExamOptions> options, ILogger<QuartzExamSchedule> logger) : IExamSchedule
{
    private static readonly ExamStage[] Stages = Enum.GetValues<ExamStage>();

    public static TriggerKey TriggerFor(long examId, ExamStage stage) =>
        new(string.Create(CultureInfo.InvariantCulture, $"exam/{examId}/{stage}"), "exams");

    /// <summary>When each stage fires; practice exams only close.</summary>
    public static IEnumerable<(ExamStage Stage, DateTimeOffset At)> StageTimes(MockExam exam, TimeSpan warning)
    {
        if (exam.Kind == ExamKind.Group)
        {
            yield return (ExamStage.AnnounceDayBefore, exam.StartsAt - TimeSpan.FromHours(24));
            yield return (ExamStage.AnnounceHourBefore, exam.StartsAt - TimeSpan.FromHours(1));
            yield return (ExamStage.Open, exam.StartsAt);
            if (exam.EndsAt - warning > exam.StartsAt)
            {
                yield return (ExamStage.Warning, exam.EndsAt - warning);
            }
        }

        yield return (ExamStage.Close, exam.EndsAt);
    }

    public async Task ScheduleAsync(MockExam exam, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.AddJob(JobBuilder.Create<ExamStageJob>().WithIdentity(ExamStageJob.Key).StoreDurably().Build(), AddJobOptions.Replacing, cancellationToken);

        var now = time.GetUtcNow();
        foreach (var (stage, at) in StageTimes(exam, options.Value.WarningFor(exam)).Where(s => s.At > now))
        {
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(TriggerFor(exam.Id, stage))
                .ForJob(ExamStageJob.Key)
                .UsingJobData(ExamStageJob.ExamIdKey, exam.Id.ToString(CultureInfo.InvariantCulture))
                .UsingJobData(ExamStageJob.StageKey, stage.ToString())
                .StartAt(at)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        }

        LogScheduled(logger, exam.Id, exam.StartsAt, exam.EndsAt);
    }

    public async Task UnscheduleAsync(long examId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJobs([.. Stages.Select(s => TriggerFor(examId, s))], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exam {ExamId}: stages scheduled from {StartsAt} to {EndsAt}")]
    private static partial void LogScheduled(ILogger logger, long examId, DateTimeOffset startsAt, DateTimeOffset endsAt);
}

public static class ExamSchedulingSetup
{
    /// <summary>The exam store and the Quartz-backed exam schedule. Call after AddQuartz (the scheduler factory).</summary>
    public static IServiceCollection AddExamScheduling(this IServiceCollection services)
    {
        services.AddSingleton<IExamStore, SqliteExamStore>();
        services.AddSingleton<IExamSchedule, QuartzExamSchedule>();
        services.AddTransient<ExamStageJob>();
        return services;
    }
}
