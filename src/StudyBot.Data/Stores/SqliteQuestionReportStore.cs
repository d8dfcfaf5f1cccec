using Dapper;
using StudyBot.Chat;
using StudyBot.Reports;
using CommandDefinition = Dapper.CommandDefinition;

namespace StudyBot.Data.Stores;

public sealed class SqliteQuestionReportStore(SqliteDatabase database) : IQuestionReportStore
{
    public async Task<bool> FileAsync(string groupId, string questionId, long roundId, ChatUser user, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO question_reports (group_id, question_id, round_id, user_id, display_name, reason, created_at)
            VALUES (@groupId, @questionId, @roundId, @UserId, @DisplayName, @reason, @now)
            ON CONFLICT DO NOTHING
            """,
            new { groupId, questionId, roundId, UserId = user.Id, user.DisplayName, reason, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task<IReadOnlyList<QuestionReport>> OpenAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string QuestionId, string UserId, string DisplayName, string Reason, long CreatedAt)>(new CommandDefinition(
            """
            SELECT id, question_id, user_id, display_name, reason, created_at FROM question_reports
            WHERE group_id = @groupId AND resolved_at IS NULL ORDER BY question_id, id
            """,
            new { groupId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new QuestionReport(r.Id, r.QuestionId, r.UserId, r.DisplayName, r.Reason, SqlTime.FromMs(r.CreatedAt)))];
    }

    public async Task<string?> ResolveAsync(string groupId, long reportId, string resolvedBy, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var questionId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT question_id FROM question_reports WHERE id = @reportId AND group_id = @groupId AND resolved_at IS NULL",
            new { reportId, groupId },
            transaction,
            cancellationToken: cancellationToken));
        if (questionId is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE question_reports SET resolved_at = @now, resolved_by = @resolvedBy, resolution = @note
                WHERE group_id = @groupId AND question_id = @questionId AND resolved_at IS NULL
                """,
                new { groupId, questionId, resolvedBy, note, now = SqlTime.Ms(now) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return questionId;
    }

    public async Task<IReadOnlySet<string>> WithheldAsync(string groupId, int minReporters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT question_id FROM question_reports WHERE group_id = @groupId AND resolved_at IS NULL
            GROUP BY question_id HAVING COUNT(DISTINCT user_id) >= @minReporters
            """,
            new { groupId, minReporters },
            cancellationToken: cancellationToken));
        return ids.ToHashSet(StringComparer.Ordinal);
    }
}
