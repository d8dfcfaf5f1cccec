using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Outbox;
using StudyBot.Time;

namespace StudyBot.Leaderboards;

/// <summary>
/// The weekly challenge: when a group's week ends (its own zone, its own first day), the final board and
/// the winners are posted once; the new week's board is simply a new period key, so it starts empty
/// while the all-time board carries on.
/// </summary>
public sealed partial class WeeklyChallenge(ILeaderboardStore boards, IOutboxSignal signal, TimeProvider time, ILogger<WeeklyChallenge> logger)
{
    private const int BoardSize = 10;

    /// <summary>Closes the week before the one containing <paramref name="now"/> in the group's zone.
    /// Returns true when the result was posted now, false when there was nothing to post or it was posted before.</summary>
    public async Task<bool> ClosePreviousWeekAsync(StudyGroup group, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var thisWeek = GroupCalendar.WeekStart(group.LocalDate(now), group.WeekStart);
        return await CloseWeekAsync(group, thisWeek.PlusWeeks(-1), cancellationToken);
    }

    public async Task<bool> CloseWeekAsync(StudyGroup group, LocalDate weekStart, CancellationToken cancellationToken)
    {
        var week = GroupCalendar.WeekKey(weekStart, group.WeekStart);
        var board = Boards.Rank(await boards.TopAsync(group.Id, week, BoardSize, cancellationToken));
        if (board.Count == 0)
        {
            return false;
        }

        var posted = await boards.RecordWeekCloseAsync(group.Id, week, OutboxEntry.Send(group.ChannelId, Final(weekStart, board)), time.GetUtcNow(), cancellationToken);
        if (posted)
        {
            var winners = board.Count(e => e.Place == 1);
            LogClosed(logger, group.Id, week, winners);
            signal.Notify();
        }

        return posted;
    }

    /// <summary>The final board of a week, winners first. Ties share a place, so several members can win.</summary>
    public static ChatMessage Final(LocalDate weekStart, IReadOnlyList<BoardEntry> board)
    {
        var winners = board.Where(e => e.Place == 1 && e.Points > 0).ToList();
        var body = new StringBuilder();
        body.Append(winners.Count switch
        {
            0 => "Nobody scored this week.",
            1 => $"Winner: {winners[0].DisplayName} with {DailyMessages.Plural(winners[0].Points, "point")}!",
            _ => $"Winners: {string.Join(", ", winners.SkipLast(1).Select(w => w.DisplayName))} and {winners[^1].DisplayName}, tied with {DailyMessages.Plural(winners[0].Points, "point")} each!",
        });
        body.Append("\n\n");
        foreach (var entry in board)
        {
            body.Append(CultureInfo.InvariantCulture, $"{entry.Place}. {entry.DisplayName} — {DailyMessages.Plural(entry.Points, "point")} ({entry.Correct}/{entry.Answered} right)\n");
        }

        body.Append("\nA new week starts now: everyone is back to zero on the weekly board. The all-time board carries on.");
        return new ChatMessage(
            $"Weekly challenge results · week of {weekStart.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
            body.ToString(),
            [],
            [],
            Ephemeral: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId}: week {Week} closed with {Winners} winner(s)")]
    private static partial void LogClosed(ILogger logger, string groupId, string week, int winners);
}
