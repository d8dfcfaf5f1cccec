using System.Data.Common;
using Dapper;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

public sealed class SqlitePracticeStore(SqliteDatabase database) : IPracticeStore
{
    private const string SessionColumns =
        "id, user_id, group_id, area, target, answered, correct, current_question_id, current_served_at, status, started_at";

    public async Task<IReadOnlyList<ReviewCard>> CardsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CardRow>(new CommandDefinition(
            "SELECT user_id, question_id, area, stability, difficulty, last_review, due, reps, lapses FROM review_cards WHERE user_id = @userId",
            new { userId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToCard()).OfType<ReviewCard>()];
    }

    public async Task RecordReviewsAsync(IReadOnlyList<ReviewAnswer> answers, Func<ReviewCard?, ReviewAnswer, ReviewCard> schedule, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var answer in answers)
        {
            await ApplyReviewAsync(connection, transaction, answer, schedule, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RecordPracticeAnswerAsync(
        long sessionId, string answerText, ReviewAnswer answer, Func<ReviewCard?, ReviewAnswer, ReviewCard> schedule, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Claiming the current question and recording the answer share one write transaction, so a
        // double click or a click on an old message can never count twice.
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE practice_sessions
            SET answered = answered + 1, correct = correct + @correct, current_question_id = NULL, updated_at = @at
            WHERE id = @sessionId AND status = 'open' AND current_question_id = @QuestionId AND user_id = @UserId
            """,
            new { sessionId, correct = answer.Correct ? 1 : 0, at = SqlTime.Ms(answer.AnsweredAt), answer.QuestionId, answer.UserId },
            transaction,
            cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO practice_answers (session_id, question_id, answer, correct, answered_at)
            VALUES (@sessionId, @QuestionId, @answerText, @correct, @at)
            ON CONFLICT (session_id, question_id) DO NOTHING
            """,
            new { sessionId, answer.QuestionId, answerText, correct = answer.Correct ? 1 : 0, at = SqlTime.Ms(answer.AnsweredAt) },
            transaction,
            cancellationToken: cancellationToken));
        await ApplyReviewAsync(connection, transaction, answer, schedule, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<PracticeSession?> OpenSessionAsync(string userId, string groupId, CancellationToken cancellationToken) =>
        QuerySessionAsync(
            $"SELECT {SessionColumns} FROM practice_sessions WHERE user_id = @userId AND group_id = @groupId AND status = 'open'",
            new { userId, groupId },
            cancellationToken);

    public Task<PracticeSession?> FindSessionAsync(long sessionId, CancellationToken cancellationToken) =>
        QuerySessionAsync($"SELECT {SessionColumns} FROM practice_sessions WHERE id = @sessionId", new { sessionId }, cancellationToken);

    public async Task<PracticeSession> StartSessionAsync(string userId, string groupId, ContentArea? area, int target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE practice_sessions SET status = 'finished', updated_at = @now WHERE user_id = @userId AND group_id = @groupId AND status = 'open'",
            new { userId, groupId, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO practice_sessions (user_id, group_id, area, target, started_at, updated_at)
            VALUES (@userId, @groupId, @area, @target, @now, @now)
            RETURNING id
            """,
            new { userId, groupId, area = area?.Key(), target, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PracticeSession(id, userId, groupId, area, target, 0, 0, null, null, false, now);
    }

    public async Task SetCurrentAsync(long sessionId, string? questionId, DateTimeOffset servedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE practice_sessions SET current_question_id = @questionId, current_served_at = @at, updated_at = @at WHERE id = @sessionId AND status = 'open'",
            new { sessionId, questionId, at = SqlTime.Ms(servedAt) },
            cancellationToken: cancellationToken));
    }

    public async Task FinishSessionAsync(long sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE practice_sessions SET status = 'finished', current_question_id = NULL, updated_at = @now WHERE id = @sessionId",
            new { sessionId, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> SessionQuestionIdsAsync(long sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT question_id FROM practice_answers WHERE session_id = @sessionId ORDER BY answered_at",
            new { sessionId },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    public async Task<IReadOnlyList<AreaProgress>> AreaProgressAsync(string userId, DateTimeOffset recentSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Area, long Answered, long Correct, long RecentAnswered, long RecentCorrect)>(new CommandDefinition(
            """
            SELECT area, COUNT(*), SUM(correct),
                   SUM(CASE WHEN answered_at >= @since THEN 1 ELSE 0 END),
                   SUM(CASE WHEN answered_at >= @since THEN correct ELSE 0 END)
            FROM review_log WHERE user_id = @userId GROUP BY area
            """,
            new { userId, since = SqlTime.Ms(recentSince) },
            cancellationToken: cancellationToken));
        var progress = new List<AreaProgress>();
        foreach (var row in rows)
        {
            // An area key a later release renamed is skipped rather than shown under the wrong area.
            if (ContentAreas.TryParse(row.Area, out var area))
            {
                progress.Add(new AreaProgress(area, (int)row.Answered, (int)row.Correct, (int)row.RecentAnswered, (int)row.RecentCorrect));
            }
        }

        return progress;
    }

    public async Task<IReadOnlyList<DateTimeOffset>> AnswerTimesAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var times = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT answered_at FROM review_log WHERE user_id = @userId AND answered_at >= @since ORDER BY answered_at",
            new { userId, since = SqlTime.Ms(since) },
            cancellationToken: cancellationToken));
        return [.. times.Select(SqlTime.FromMs)];
    }

    public async Task<int> DueCountAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM review_cards WHERE user_id = @userId AND due <= @now",
            new { userId, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
    }

    private static async Task ApplyReviewAsync(
        DbConnection connection, DbTransaction transaction, ReviewAnswer answer, Func<ReviewCard?, ReviewAnswer, ReviewCard> schedule, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CardRow>(new CommandDefinition(
            "SELECT user_id, question_id, area, stability, difficulty, last_review, due, reps, lapses FROM review_cards WHERE user_id = @UserId AND question_id = @QuestionId",
            new { answer.UserId, answer.QuestionId },
            transaction,
            cancellationToken: cancellationToken));
        var card = schedule(row?.ToCard(), answer);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_cards (user_id, question_id, area, stability, difficulty, last_review, due, reps, lapses)
            VALUES (@UserId, @QuestionId, @Area, @Stability, @Difficulty, @LastReview, @Due, @Reps, @Lapses)
            ON CONFLICT (user_id, question_id) DO UPDATE SET
                area = excluded.area, stability = excluded.stability, difficulty = excluded.difficulty,
                last_review = excluded.last_review, due = excluded.due, reps = excluded.reps, lapses = excluded.lapses
            """,
            new
            {
                card.UserId,
                card.QuestionId,
                Area = card.Area.Key(),
                card.Memory.Stability,
                card.Memory.Difficulty,
                LastReview = SqlTime.Ms(card.LastReview),
                Due = SqlTime.Ms(card.Due),
                card.Reps,
                card.Lapses,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_log (user_id, group_id, question_id, area, correct, source, answered_at, time_taken, stability, difficulty, due)
            VALUES (@UserId, @GroupId, @QuestionId, @Area, @Correct, @Source, @AnsweredAt, @TimeTaken, @Stability, @Difficulty, @Due)
            """,
            new
            {
                answer.UserId,
                answer.GroupId,
                answer.QuestionId,
                Area = answer.Area.Key(),
                Correct = answer.Correct ? 1 : 0,
                Source = answer.Source.ToString().ToLowerInvariant(),
                AnsweredAt = SqlTime.Ms(answer.AnsweredAt),
                TimeTaken = answer.TimeTaken is { } taken ? (long?)taken.TotalMilliseconds : null,
                card.Memory.Stability,
                card.Memory.Difficulty,
                Due = SqlTime.Ms(card.Due),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private async Task<PracticeSession?> QuerySessionAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToSession();
    }

    private sealed record CardRow(
        string user_id, string question_id, string area, double stability, double difficulty, long last_review, long due, long reps, long lapses)
    {
        public ReviewCard? ToCard() => ContentAreas.TryParse(area, out var parsed)
            ? new ReviewCard(user_id, question_id, parsed, new MemoryState(stability, difficulty), SqlTime.FromMs(last_review), SqlTime.FromMs(due), (int)reps, (int)lapses)
            : null;
    }

    private sealed record SessionRow(
        long id, string user_id, string group_id, string? area, long target, long answered, long correct,
        string? current_question_id, long? current_served_at, string status, long started_at)
    {
        public PracticeSession ToSession() => new(
            id,
            user_id,
            group_id,
            ContentAreas.TryParse(area, out var parsed) ? parsed : null,
            (int)target,
            (int)answered,
            (int)correct,
            current_question_id,
            current_served_at is { } served ? SqlTime.FromMs(served) : null,
            status == "finished",
            SqlTime.FromMs(started_at));
    }
}
