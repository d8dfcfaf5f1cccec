using Microsoft.Extensions.Logging;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Outbox;
using StudyBot.Time;

namespace StudyBot.Practice;

/// <summary>A member who is owed today's nudge, with how many reviews are due for them.</summary>
public sealed record ReminderNudge(ChatUser Member, int Due);

/// <summary>Who asked for practice reminders, and who was already nudged on which local day.</summary>
public interface IReminderStore
{
    /// <summary>Turns the member's reminders in the group on (keeping their current name) or off.</summary>
    Task SetAsync(string groupId, ChatUser member, bool on, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The members of the group who asked for reminders.</summary>
    Task<IReadOnlyList<ChatUser>> OptedInAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>In one transaction: records a nudge on <paramref name="date"/> for each member not yet nudged that day,
    /// and queues the post <paramref name="post"/> builds for exactly those members. Returns them; when every member
    /// was already nudged, nothing is written and the list is empty.</summary>
    Task<IReadOnlyList<ReminderNudge>> NudgeAsync(
        string groupId, LocalDate date, IReadOnlyList<ReminderNudge> nudges, Func<IReadOnlyList<ReminderNudge>, OutboxEntry> post, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Opt-in practice reminders: once a day, at the group's daily post time, one channel post mentions every
/// opted-in member who has reviews due. The platform model has channel posts but no direct messages, so the
/// nudge is a mention that pings exactly those members (<see cref="ChatMessage.Mentions"/>) and nobody else.
/// </summary>
public sealed partial class PracticeReminders(
    IReminderStore reminders, IPracticeStore practice, IOutboxSignal outboxSignal, TimeProvider time, ILogger<PracticeReminders> logger)
{
    /// <summary>Members mentioned in one post: well inside Discord's 100 pinged users and 2000 characters of content.</summary>
    public const int MembersPerPost = 50;

    /// <summary>/practice remind:on|off.</summary>
    public async Task<ChatMessage> SetAsync(ChatContext context, bool on, CancellationToken cancellationToken)
    {
        await reminders.SetAsync(context.GroupId, context.User, on, time.GetUtcNow(), cancellationToken);
        return ChatMessage.Private(on
            ? "Practice reminders are on: on days when you have reviews due, you are mentioned once in the group's channel at the daily question time. `/practice remind:off` stops them."
            : "Practice reminders are off. `/practice remind:on` turns them back on.");
    }

    /// <summary>Nudges the group's opted-in members with reviews due by the end of <paramref name="date"/>, each at
    /// most once that day, however often this runs. Returns how many members were nudged now.</summary>
    public async Task<int> RemindAsync(StudyGroup group, LocalDate date, CancellationToken cancellationToken)
    {
        var members = await reminders.OptedInAsync(group.Id, cancellationToken);
        if (members.Count == 0)
        {
            return 0;
        }

        // "Due today" rather than "due this minute": a card due at noon is worth the morning's nudge.
        var endOfDay = GroupCalendar.At(date.PlusDays(1), LocalTime.Midnight, group.TimeZoneId);
        var due = new List<ReminderNudge>();
        foreach (var member in members)
        {
            var count = await practice.DueCountAsync(member.Id, endOfDay, cancellationToken);
            if (count > 0)
            {
                due.Add(new ReminderNudge(member, count));
            }
        }

        var now = time.GetUtcNow();
        var nudged = 0;
        foreach (var chunk in due.Chunk(MembersPerPost))
        {
            var sent = await reminders.NudgeAsync(group.Id, date, chunk, n => OutboxEntry.Send(group.ChannelId, Nudge(n)), now, cancellationToken);
            nudged += sent.Count;
        }

        if (nudged > 0)
        {
            LogNudged(logger, group.Id, date, nudged);
            outboxSignal.Notify();
        }

        return nudged;
    }

    /// <summary>The channel post: names in the text, pings only for the members named.</summary>
    public static ChatMessage Nudge(IReadOnlyList<ReminderNudge> nudges)
    {
        var names = nudges.Select(n => $"{n.Member.DisplayName} ({DailyMessages.Plural(n.Due, "review")})").ToList();
        var who = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        return ChatMessage.Public(
            "Practice reminder",
            $"Reviews are due today for {who}. Run `/practice` to go through them; `/practice remind:off` stops these reminders.")
            with { Mentions = [.. nudges.Select(n => n.Member.Id)] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId}: practice reminder for {Date} sent to {Members} members")]
    private static partial void LogNudged(ILogger logger, string groupId, LocalDate date, int members);
}
