using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Chat;
using StudyBot.Data.Stores;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Tests.Practice;

/// <summary>Opt-in practice reminders over the real SQLite stores and outbox: who is mentioned, and how often.</summary>
public sealed class PracticeRemindersTests
{
    [Fact]
    public async Task Remind_OptedInMembersWithReviewsDue_AreMentionedAndNobodyElse()
    {
        using var f = await DailyFixture.CreateAsync();
        var reminders = NewReminders(f);
        await reminders.SetAsync(DailyFixture.Member("Ann"), on: true, default);
        await reminders.SetAsync(DailyFixture.Member("Bob"), on: true, default);
        await DueAsync(f, "ann", f.Time.GetUtcNow().AddDays(-1));
        await DueAsync(f, "bob", f.Time.GetUtcNow().AddDays(3)); // opted in, nothing due
        await DueAsync(f, "cid", f.Time.GetUtcNow().AddDays(-1)); // due, never opted in

        Assert.Equal(1, await reminders.RemindAsync(f.Group, f.Today, default));
        await f.Dispatcher.DispatchDueAsync(default);

        var (_, channel, nudge) = Assert.Single(f.Platform.Sent);
        Assert.Equal(f.Group.ChannelId, channel);
        Assert.Equal(["ann"], nudge.Mentions);
        Assert.Contains("Ann (1 review)", nudge.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob", nudge.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Cid", nudge.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_ReviewDueLaterToday_CountsAsDue()
    {
        using var f = await DailyFixture.CreateAsync();
        var reminders = NewReminders(f);
        await reminders.SetAsync(DailyFixture.Member("Ann"), on: true, default);
        await DueAsync(f, "ann", f.Time.GetUtcNow().AddHours(6)); // 15:00 in Chicago, same day

        Assert.Equal(1, await reminders.RemindAsync(f.Group, f.Today, default));
    }

    [Fact]
    public async Task Remind_ByDefaultOrAfterOptingOut_MentionsNobody()
    {
        using var f = await DailyFixture.CreateAsync();
        var reminders = NewReminders(f);
        await DueAsync(f, "ann", f.Time.GetUtcNow().AddDays(-1));
        await DueAsync(f, "bob", f.Time.GetUtcNow().AddDays(-1));
        await reminders.SetAsync(DailyFixture.Member("Bob"), on: true, default);
        var off = await reminders.SetAsync(DailyFixture.Member("Bob"), on: false, default);

        Assert.Equal(0, await reminders.RemindAsync(f.Group, f.Today, default));
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.True(off.Ephemeral);
        Assert.Contains("off", off.Body, StringComparison.Ordinal);
        Assert.Empty(f.Platform.Sent);
    }

    [Fact]
    public async Task Remind_FiredTwiceAndAfterARestart_NudgesOncePerLocalDay()
    {
        using var f = await DailyFixture.CreateAsync();
        await NewReminders(f).SetAsync(DailyFixture.Member("Ann"), on: true, default);
        await DueAsync(f, "ann", f.Time.GetUtcNow().AddDays(-1));

        Assert.Equal(1, await NewReminders(f).RemindAsync(f.Group, f.Today, default));
        Assert.Equal(0, await NewReminders(f).RemindAsync(f.Group, f.Today, default));

        // A restart: new services and a new dispatcher over the same database, the trigger replayed the same day.
        f.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await NewReminders(f).RemindAsync(f.Group, f.Today, default));
        using var restarted = f.NewDispatcher();
        await restarted.DispatchDueAsync(default);
        Assert.Single(f.Platform.Sent);

        // The review is still due tomorrow, so tomorrow brings one more nudge.
        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await NewReminders(f).RemindAsync(f.Group, f.Today, default));
        await restarted.DispatchDueAsync(default);
        Assert.Equal(2, f.Platform.Sent.Count);
    }

    [Fact]
    public async Task Remind_OneMemberAlreadyNudgedToday_OnlyTheOtherIsMentioned()
    {
        using var f = await DailyFixture.CreateAsync();
        var reminders = NewReminders(f);
        await reminders.SetAsync(DailyFixture.Member("Ann"), on: true, default);
        await DueAsync(f, "ann", f.Time.GetUtcNow().AddDays(-1));
        await reminders.RemindAsync(f.Group, f.Today, default);
        await reminders.SetAsync(DailyFixture.Member("Bob"), on: true, default);
        await DueAsync(f, "bob", f.Time.GetUtcNow().AddDays(-1));

        Assert.Equal(1, await reminders.RemindAsync(f.Group, f.Today, default));
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.Equal(["ann"], f.Platform.Sent[0].Message.Mentions);
        Assert.Equal(["bob"], f.Platform.Sent[1].Message.Mentions);
    }

    private static PracticeReminders NewReminders(DailyFixture f) => new(
        new SqliteReminderStore(f.Db.Database), new SqlitePracticeStore(f.Db.Database), f.Signal, f.Time, NullLogger<PracticeReminders>.Instance);

    /// <summary>Gives the member a review card for the fixture's question, due at <paramref name="due"/>.</summary>
    private static Task DueAsync(DailyFixture f, string userId, DateTimeOffset due) =>
        new SqlitePracticeStore(f.Db.Database).RecordReviewsAsync(
            [new ReviewAnswer(userId, f.Group.Id, DailyFixture.Key.Id, ContentArea.Anatomy, Correct: false, f.Time.GetUtcNow().AddDays(-2), null, ReviewSource.Daily)],
            (_, a) => new ReviewCard(a.UserId, a.QuestionId, a.Area, new MemoryState(1, 5), a.AnsweredAt, due, 1, 0),
            default);
}
