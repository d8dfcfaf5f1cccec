using System.Globalization;
using Dapper;
using NodaTime;
using ChatUser = StudyBot.Chat.ChatUser;
using StudyBot.Outbox;
using StudyBot.Practice;

namespace StudyBot.Data.Stores;

public sealed class SqliteReminderStore(SqliteDatabase database) : IReminderStore
{
    public async Task SetAsync(string groupId, ChatUser member, bool on, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            on
                ? """
                  INSERT INTO practice_reminders (group_id, user_id, display_name, enabled_at) VALUES (@groupId, @userId, @displayName, @now)
                  ON CONFLICT (group_id, user_id) DO UPDATE SET display_name = excluded.display_name
                  """
                : "DELETE FROM practice_reminders WHERE group_id = @groupId AND user_id = @userId",
            new { groupId, userId = member.Id, displayName = member.DisplayName, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ChatUser>> OptedInAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string UserId, string DisplayName)>(new CommandDefinition(
            "SELECT user_id, display_name FROM practice_reminders WHERE group_id = @groupId ORDER BY enabled_at, user_id",
            new { groupId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ChatUser(r.UserId, r.DisplayName))];
    }

    public async Task<IReadOnlyList<ReminderNudge>> NudgeAsync(
        string groupId, LocalDate date, IReadOnlyList<ReminderNudge> nudges, Func<IReadOnlyList<ReminderNudge>, OutboxEntry> post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudges);
        ArgumentNullException.ThrowIfNull(post);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var localDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var owed = new List<ReminderNudge>();
        foreach (var nudge in nudges)
        {
            // The row is the once-a-day guard: a member already nudged today inserts nothing and is left out.
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO practice_reminders_sent (group_id, user_id, local_date, due, sent_at) VALUES (@groupId, @userId, @localDate, @due, @now)
                ON CONFLICT (group_id, user_id, local_date) DO NOTHING
                """,
                new { groupId, userId = nudge.Member.Id, localDate, due = nudge.Due, now = SqlTime.Ms(now) },
                transaction,
                cancellationToken: cancellationToken));
            if (inserted == 1)
            {
                owed.Add(nudge);
            }
        }

        if (owed.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return [];
        }

        await SqliteOutboxStore.EnqueueAsync(connection, transaction, post(owed), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return owed;
    }
}
