using System.Data.Common;
using Dapper;
using StudyBot.Outbox;

namespace StudyBot.Data.Stores;

public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore
{
    public async Task<IReadOnlyList<PendingOutboxEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // An edit waits while the post it edits is still pending: it must not overtake it.
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT o.id, o.channel_id, o.action, o.message_json, o.edit_of, o.attempts, target.message_id AS edit_message_id
            FROM outbox o LEFT JOIN outbox target ON target.id = o.edit_of
            WHERE o.state = 'pending' AND o.not_before <= @now
              AND (o.edit_of IS NULL OR target.state <> 'pending')
            ORDER BY o.id
            LIMIT @limit
            """,
            new { now = SqlTime.Ms(now), limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    public Task MarkSentAsync(long id, string messageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET state = 'sent', message_id = @messageId, attempts = attempts + 1, done_at = @now WHERE id = @id",
            new { id, messageId, now = SqlTime.Ms(now) },
            cancellationToken);

    public Task MarkRetryAsync(long id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @error, not_before = @retryAt WHERE id = @id",
            new { id, error, retryAt = SqlTime.Ms(retryAt) },
            cancellationToken);

    public Task MarkFailedAsync(long id, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = @error, done_at = @now WHERE id = @id",
            new { id, error, now = SqlTime.Ms(now) },
            cancellationToken);

    /// <summary>Writes an outbox row inside the caller's transaction; returns its id.</summary>
    internal static Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outbox (channel_id, action, message_json, edit_of, not_before, created_at)
            VALUES (@ChannelId, @Action, @Json, @EditOf, @Now, @Now)
            RETURNING id
            """,
            new
            {
                entry.ChannelId,
                Action = entry.Action == OutboxAction.Send ? "send" : "edit",
                Json = OutboxJsonContext.Serialize(entry.Message),
                entry.EditOf,
                Now = SqlTime.Ms(now),
            },
            transaction,
            cancellationToken: cancellationToken));

    private async Task UpdateAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed record Row(long id, string channel_id, string action, string message_json, long? edit_of, long attempts, string? edit_message_id)
    {
        public PendingOutboxEntry ToEntry() => new(
            id,
            new OutboxEntry(channel_id, action == "send" ? OutboxAction.Send : OutboxAction.Edit, OutboxJsonContext.Deserialize(message_json), edit_of),
            (int)attempts,
            edit_message_id);
    }
}
