using Quartz;
using StudyBot.App.Scheduling;

namespace StudyBot.Tests.Scheduling;

/// <summary>The durable jobs the host registers for every group's triggers, for tests that build a bare scheduler.</summary>
public static class GroupJobs
{
    public static async Task AddAllAsync(IScheduler scheduler)
    {
        await scheduler.AddJob(JobBuilder.Create<OpenDailyRoundJob>().WithIdentity(OpenDailyRoundJob.Key).StoreDurably(true).Build(), default, default);
        await scheduler.AddJob(JobBuilder.Create<RevealDailyRoundJob>().WithIdentity(RevealDailyRoundJob.Key).StoreDurably(true).Build(), default, default);
        await scheduler.AddJob(JobBuilder.Create<WeeklyCloseJob>().WithIdentity(WeeklyCloseJob.Key).StoreDurably(true).Build(), default, default);
        await scheduler.AddJob(JobBuilder.Create<PracticeReminderJob>().WithIdentity(PracticeReminderJob.Key).StoreDurably(true).Build(), default, default);
    }
}
