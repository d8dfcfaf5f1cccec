using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using StudyBot.Daily;
using StudyBot.Outbox;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

public sealed class SqliteDailyStore(SqliteDatabase database, TimeProvider time) : IDailyStore
{
    private readonly AnswerGroupCommit answerCommit = new(database);

    private const string RoundColumns =
        "id, group_id, local_date, question_json, channel_id, opened_at, reveal_at, status, post_outbox_id";

    public async Task<(DailyRound Round, bool Created)> OpenAsync(NewRound round, Func<long, OutboxEntry> post, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO daily_rounds (group_id, local_date, question_id, question_json, channel_id, opened_at, reveal_at)
            VALUES (@GroupId, @LocalDate, @QuestionId, @QuestionJson, @ChannelId, @OpenedAt, @RevealAt)
            ON CONFLICT (group_id, local_date) DO NOTHING
            RETURNING id
            """,
            new
            {
                round.GroupId,
                LocalDate = SqlTime.Date(round.LocalDate),
                QuestionId = round.Question.Id,
                QuestionJson = QuestionJson.Serialize(round.Question),
                round.ChannelId,
                OpenedAt = SqlTime.Ms(round.OpenedAt),
                RevealAt = SqlTime.Ms(round.RevealAt),
            },
            transaction,
            cancellationToken: cancellationToken));

        if (id is not { } roundId)
        {
            await transaction.RollbackAsync(cancellationToken);
            var existing = await FindByDateAsync(round.GroupId, round.LocalDate, cancellationToken)
                ?? throw new InvalidOperationException("A round conflicted on insert but cannot be read back.");
            return (existing, false);
        }

        var outboxId = await SqliteOutboxStore.EnqueueAsync(connection, transaction, post(roundId), time.GetUtcNow(), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE daily_rounds SET post_outbox_id = @outboxId WHERE id = @roundId", new { outboxId, roundId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (new DailyRound(roundId, round.GroupId, round.LocalDate, round.Question, round.ChannelId, round.OpenedAt, round.RevealAt, RoundStatus.Open, outboxId), true);
    }

    public Task<DailyRound?> OpenUndeliveredAsync(string groupId, CancellationToken cancellationToken) =>
        QueryOneAsync(
            $"""
            SELECT {RoundColumns} FROM daily_rounds
            WHERE group_id = @groupId AND status = 'open' AND post_outbox_id IN (SELECT id FROM outbox WHERE state = 'failed')
            ORDER BY local_date DESC LIMIT 1
            """,
            new { groupId },
            cancellationToken);

    public async Task<bool> RepostAsync(long roundId, string channelId, Func<long, OutboxEntry> post, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE daily_rounds SET channel_id = @channelId
            WHERE id = @roundId AND status = 'open' AND post_outbox_id IN (SELECT id FROM outbox WHERE state = 'failed')
            """,
            new { roundId, channelId },
            transaction,
            cancellationToken: cancellationToken));
        if (moved == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var outboxId = await SqliteOutboxStore.EnqueueAsync(connection, transaction, post(roundId), time.GetUtcNow(), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE daily_rounds SET post_outbox_id = @outboxId WHERE id = @roundId", new { outboxId, roundId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<DailyRound?> FindAsync(long roundId, CancellationToken cancellationToken) =>
        QueryOneAsync($"SELECT {RoundColumns} FROM daily_rounds WHERE id = @roundId", new { roundId }, cancellationToken);

    public Task<DailyRound?> FindByDateAsync(string groupId, LocalDate date, CancellationToken cancellationToken) =>
        QueryOneAsync(
            $"SELECT {RoundColumns} FROM daily_rounds WHERE group_id = @groupId AND local_date = @date",
            new { groupId, date = SqlTime.Date(date) },
            cancellationToken);

    public Task<DailyRound?> LatestOpenAsync(string groupId, CancellationToken cancellationToken) =>
        QueryOneAsync(
            $"SELECT {RoundColumns} FROM daily_rounds WHERE group_id = @groupId AND status = 'open' ORDER BY local_date DESC LIMIT 1",
            new { groupId },
            cancellationToken);

    public async Task<IReadOnlyList<DailyRound>> OpenDueForRevealAsync(string groupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RoundRow>(new CommandDefinition(
            $"SELECT {RoundColumns} FROM daily_rounds WHERE group_id = @groupId AND status = 'open' AND reveal_at <= @now ORDER BY local_date",
            new { groupId, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRound())];
    }

    public async Task<IReadOnlyList<string>> RecentQuestionIdsAsync(string groupId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT question_id FROM daily_rounds WHERE group_id = @groupId ORDER BY local_date DESC LIMIT @count",
            new { groupId, count },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    /// <summary>Records the answer in a group commit shared with the answers arriving at the same time; returns once
    /// the transaction holding it has committed.</summary>
    public Task<AnswerOutcome> RecordAnswerAsync(DailyAnswer answer, CancellationToken cancellationToken) =>
        answerCommit.RecordAsync(answer, cancellationToken);

    public async Task<int> PendingAnswersAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM daily_answers a JOIN daily_rounds r ON r.id = a.round_id
            WHERE a.user_id = @userId AND r.group_id = @groupId AND r.status = 'open'
            """,
            new { groupId, userId },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> RevealAsync(long roundId, DateTimeOffset now, Func<RevealContext, RevealPlan> plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE daily_rounds SET status = 'revealed', revealed_at = @now WHERE id = @roundId AND status = 'open'",
            new { roundId, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (closed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var (groupId, date) = await connection.QuerySingleAsync<(string, string)>(new CommandDefinition(
            "SELECT group_id, local_date FROM daily_rounds WHERE id = @roundId", new { roundId }, transaction, cancellationToken: cancellationToken));
        var answers = (await connection.QueryAsync<AnswerRow>(new CommandDefinition(
            "SELECT round_id, user_id, display_name, answer, answered_at FROM daily_answers WHERE round_id = @roundId ORDER BY answered_at",
            new { roundId },
            transaction,
            cancellationToken: cancellationToken))).Select(a => a.ToAnswer()).ToList();

        var streaks = await ExtendStreaksAsync(connection, transaction, groupId, date, answers, cancellationToken);
        var result = plan(new RevealContext(answers, streaks));
        await SqliteLeaderboardStore.CreditAsync(connection, transaction, groupId!, result.Periods, result.Credits, cancellationToken);
        await SqliteOutboxStore.EnqueueAsync(connection, transaction, result.Announcement, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Streak> StreakAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Current, long Best, string LastRoundDate)?>(new CommandDefinition(
            "SELECT current, best, last_round_date FROM member_streaks WHERE group_id = @groupId AND user_id = @userId",
            new { groupId, userId },
            cancellationToken: cancellationToken));
        if (row is not { } streak)
        {
            return new Streak(0, 0);
        }

        var latest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MAX(local_date) FROM daily_rounds WHERE group_id = @groupId AND status = 'revealed'",
            new { groupId },
            cancellationToken: cancellationToken));
        return new Streak(streak.LastRoundDate == latest ? (int)streak.Current : 0, (int)streak.Best);
    }

    private static async Task<Dictionary<string, int>> ExtendStreaksAsync(
        DbConnection connection, DbTransaction transaction, string groupId, string date, List<DailyAnswer> answers, CancellationToken cancellationToken)
    {
        var previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MAX(local_date) FROM daily_rounds WHERE group_id = @groupId AND status = 'revealed' AND local_date < @date",
            new { groupId, date },
            transaction,
            cancellationToken: cancellationToken));
        var streaks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var row = await connection.QuerySingleOrDefaultAsync<(long Current, long Best, string LastRoundDate)?>(new CommandDefinition(
                "SELECT current, best, last_round_date FROM member_streaks WHERE group_id = @groupId AND user_id = @UserId",
                new { groupId, answer.UserId },
                transaction,
                cancellationToken: cancellationToken));
            if (row is { } existing && string.CompareOrdinal(existing.LastRoundDate, date) >= 0)
            {
                // Already counted (a round revealed out of date order): leave the chain as it is.
                streaks[answer.UserId] = (int)existing.Current;
                continue;
            }

            var current = row is { } last && last.LastRoundDate == previous ? (int)last.Current + 1 : 1;
            var best = Math.Max(current, (int)(row?.Best ?? 0));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO member_streaks (group_id, user_id, current, best, last_round_date) VALUES (@groupId, @UserId, @current, @best, @date)
                ON CONFLICT (group_id, user_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_round_date = excluded.last_round_date
                """,
                new { groupId, answer.UserId, current, best, date },
                transaction,
                cancellationToken: cancellationToken));
            streaks[answer.UserId] = current;
        }

        return streaks;
    }

    private async Task<DailyRound?> QueryOneAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RoundRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToRound();
    }

    private sealed record RoundRow(
        long id, string group_id, string local_date, string question_json, string channel_id, long opened_at, long reveal_at, string status, long? post_outbox_id)
    {
        public DailyRound ToRound() => new(
            id,
            group_id,
            SqlTime.ParseDate(local_date),
            QuestionJson.Deserialize(question_json),
            channel_id,
            SqlTime.FromMs(opened_at),
            SqlTime.FromMs(reveal_at),
            status == "open" ? RoundStatus.Open : RoundStatus.Revealed,
            post_outbox_id);
    }

    private sealed record AnswerRow(long round_id, string user_id, string display_name, string answer, long answered_at)
    {
        public DailyAnswer ToAnswer() => new(round_id, user_id, display_name, answer, SqlTime.FromMs(answered_at));
    }
}
