using System.Data.Common;
using Dapper;
using StudyBot.Daily;
using StudyBot.Leaderboards;
using StudyBot.Outbox;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

public sealed class SqliteLeaderboardStore(SqliteDatabase database) : ILeaderboardStore
{
    public async Task<IReadOnlyList<BoardRow>> TopAsync(string groupId, string period, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT user_id, display_name, points, answered, correct FROM board_points
            WHERE group_id = @groupId AND period = @period
            ORDER BY points DESC, display_name
            LIMIT @count
            """,
            new { groupId, period, count },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBoardRow())];
    }

    public async Task<BoardRow?> FindAsync(string groupId, string period, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT user_id, display_name, points, answered, correct FROM board_points WHERE group_id = @groupId AND period = @period AND user_id = @userId",
            new { groupId, period, userId },
            cancellationToken: cancellationToken));
        return row?.ToBoardRow();
    }

    public async Task<int> CountAboveAsync(string groupId, string period, int points, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM board_points WHERE group_id = @groupId AND period = @period AND points > @points",
            new { groupId, period, points },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AreaStat>> AreaStatsAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Area, long Answered, long Correct)>(new CommandDefinition(
            "SELECT area, answered, correct FROM member_area_stats WHERE group_id = @groupId AND user_id = @userId",
            new { groupId, userId },
            cancellationToken: cancellationToken));
        var stats = new List<AreaStat>();
        foreach (var (key, answered, correct) in rows)
        {
            // A key a later release renamed is skipped rather than shown under the wrong area.
            if (ContentAreas.TryParse(key, out var area))
            {
                stats.Add(new AreaStat(area, (int)answered, (int)correct));
            }
        }

        return stats;
    }

    public async Task<bool> RecordWeekCloseAsync(string groupId, string week, OutboxEntry post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO weekly_results (group_id, week, posted_at) VALUES (@groupId, @week, @now) ON CONFLICT DO NOTHING",
            new { groupId, week, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await SqliteOutboxStore.EnqueueAsync(connection, transaction, post, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Credits reveal results to every period's board and to the area statistics, inside the caller's transaction.</summary>
    internal static async Task CreditAsync(
        DbConnection connection, DbTransaction transaction, string groupId, IReadOnlyList<string> periods, IReadOnlyList<ScoreCredit> credits, CancellationToken cancellationToken)
    {
        foreach (var credit in credits)
        {
            var correct = credit.Correct ? 1 : 0;
            foreach (var period in periods)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO board_points (group_id, period, user_id, display_name, points, answered, correct)
                    VALUES (@groupId, @period, @UserId, @DisplayName, @Points, 1, @correct)
                    ON CONFLICT (group_id, period, user_id) DO UPDATE SET
                        display_name = excluded.display_name,
                        points = points + excluded.points,
                        answered = answered + 1,
                        correct = correct + excluded.correct
                    """,
                    new { groupId, period, credit.UserId, credit.DisplayName, credit.Points, correct },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO member_area_stats (group_id, user_id, area, answered, correct)
                VALUES (@groupId, @UserId, @area, 1, @correct)
                ON CONFLICT (group_id, user_id, area) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct
                """,
                new { groupId, credit.UserId, area = credit.Area.Key(), correct },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    private sealed record Row(string user_id, string display_name, long points, long answered, long correct)
    {
        public BoardRow ToBoardRow() => new(user_id, display_name, (int)points, (int)answered, (int)correct);
    }
}
