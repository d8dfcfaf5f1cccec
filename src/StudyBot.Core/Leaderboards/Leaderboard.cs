using StudyBot.Questions;

namespace StudyBot.Leaderboards;

/// <summary>A row of a board: one member's points in a period, with a place shared by ties.</summary>
public sealed record BoardEntry(int Place, string UserId, string DisplayName, int Points, int Answered, int Correct);

/// <summary>A member's revealed results in one content area.</summary>
public sealed record AreaStat(ContentArea Area, int Answered, int Correct)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
}

/// <summary>Board aggregates, credited at reveal in the same transaction as the round's close.</summary>
public interface ILeaderboardStore
{
    /// <summary>The top of a board, highest points first (an index read, whatever the history).</summary>
    Task<IReadOnlyList<BoardRow>> TopAsync(string groupId, string period, int count, CancellationToken cancellationToken);

    /// <summary>One member's row in a period, or null.</summary>
    Task<BoardRow?> FindAsync(string groupId, string period, string userId, CancellationToken cancellationToken);

    /// <summary>How many members have more points than <paramref name="points"/> in the period.</summary>
    Task<int> CountAboveAsync(string groupId, string period, int points, CancellationToken cancellationToken);

    /// <summary>A member's revealed per-area results.</summary>
    Task<IReadOnlyList<AreaStat>> AreaStatsAsync(string groupId, string userId, CancellationToken cancellationToken);

    /// <summary>Records that a week's results were posted and queues the post, once: false if already recorded.</summary>
    Task<bool> RecordWeekCloseAsync(string groupId, string week, Outbox.OutboxEntry post, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A stored board row, before places are assigned.</summary>
public sealed record BoardRow(string UserId, string DisplayName, int Points, int Answered, int Correct);

/// <summary>Board periods and ranking.</summary>
public static class Boards
{
    public const string AllTime = "all";

    /// <summary>The all-time board of one content area.</summary>
    public static string AreaPeriod(ContentArea area) => "area:" + area.Key();

    /// <summary>Competition ranking ("1, 2, 2, 4"): members with equal points share a place.
    /// Rows must be sorted by points, highest first.</summary>
    public static IReadOnlyList<BoardEntry> Rank(IReadOnlyList<BoardRow> rows)
    {
        var entries = new List<BoardEntry>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var place = i > 0 && row.Points == rows[i - 1].Points ? entries[i - 1].Place : i + 1;
            entries.Add(new BoardEntry(place, row.UserId, row.DisplayName, row.Points, row.Answered, row.Correct));
        }

        return entries;
    }
}
