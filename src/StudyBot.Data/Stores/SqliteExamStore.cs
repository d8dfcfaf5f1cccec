using System.Data.Common;
using Dapper;
using StudyBot.Exams;
using StudyBot.Outbox;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

public sealed class SqliteExamStore(SqliteDatabase database, TimeProvider time) : IExamStore
{
    private const string ExamColumns = "id, group_id, kind, owner_id, channel_id, starts_at, ends_at, question_count, status";

    private const string AttemptColumns =
        "a.id, a.exam_id, a.user_id, a.display_name, a.started_at, a.status, a.position, a.screen, a.submitted_at, a.auto_submitted, a.correct";

    public async Task<MockExam> CreateAsync(NewExam exam, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO exams (group_id, kind, owner_id, channel_id, starts_at, ends_at, question_count, status, created_at)
            VALUES (@GroupId, @Kind, @OwnerId, @ChannelId, @StartsAt, @EndsAt, @Count, @Status, @Now)
            RETURNING id
            """,
            new
            {
                exam.GroupId,
                Kind = Kind(exam.Kind),
                exam.OwnerId,
                exam.ChannelId,
                StartsAt = SqlTime.Ms(exam.StartsAt),
                EndsAt = SqlTime.Ms(exam.EndsAt),
                Count = exam.Questions.Count,
                Status = Status(exam.Status),
                Now = SqlTime.Ms(time.GetUtcNow()),
            },
            transaction,
            cancellationToken: cancellationToken));
        for (var i = 0; i < exam.Questions.Count; i++)
        {
            var q = exam.Questions[i];
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO exam_questions (exam_id, position, question_id, area, question_json) VALUES (@id, @i, @Id2, @Area, @Json)",
                new { id, i, Id2 = q.Id, Area = q.Area.Key(), Json = QuestionJson.Serialize(q) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new MockExam(id, exam.GroupId, exam.Kind, exam.OwnerId, exam.ChannelId, exam.StartsAt, exam.EndsAt, exam.Questions.Count, exam.Status);
    }

    public async Task<MockExam?> FindAsync(long examId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExamRow>(new CommandDefinition(
            $"SELECT {ExamColumns} FROM exams WHERE id = @examId", new { examId }, cancellationToken: cancellationToken));
        return row?.ToExam();
    }

    public async Task<IReadOnlyList<Question>> QuestionsAsync(long examId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var json = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT question_json FROM exam_questions WHERE exam_id = @examId ORDER BY position", new { examId }, cancellationToken: cancellationToken));
        return [.. json.Select(QuestionJson.Deserialize)];
    }

    public async Task<IReadOnlyList<MockExam>> UpcomingAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExamRow>(new CommandDefinition(
            $"SELECT {ExamColumns} FROM exams WHERE group_id = @groupId AND kind = 'group' AND status IN ('scheduled', 'open') ORDER BY starts_at, id",
            new { groupId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToExam())];
    }

    public async Task<IReadOnlyList<string>> RecentQuestionIdsAsync(string groupId, int exams, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT question_id FROM exam_questions WHERE exam_id IN (
                SELECT id FROM exams WHERE group_id = @groupId AND status <> 'cancelled' ORDER BY id DESC LIMIT @exams)
            """,
            new { groupId, exams },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    public async Task<bool> TransitionAsync(long examId, IReadOnlyList<ExamStatus> from, ExamStatus to, OutboxEntry? post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE exams SET status = @to WHERE id = @examId AND status IN @from",
            new { examId, to = Status(to), from = from.Select(Status).ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (post is not null)
        {
            await SqliteOutboxStore.EnqueueAsync(connection, transaction, post, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> PostIfAsync(long examId, ExamStatus status, ExamStage stage, OutboxEntry post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM exams WHERE id = @examId", new { examId }, transaction, cancellationToken: cancellationToken));
        var first = current == Status(status) && await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO exam_stage_posts (exam_id, stage, posted_at) VALUES (@examId, @stage, @now) ON CONFLICT DO NOTHING",
            new { examId, stage = stage.ToString(), now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!first)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await SqliteOutboxStore.EnqueueAsync(connection, transaction, post, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<(ExamAttempt? Attempt, bool Created)> StartAttemptAsync(long examId, string userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO exam_attempts (exam_id, user_id, display_name, started_at)
            SELECT @examId, @userId, @displayName, @now
            WHERE EXISTS (SELECT 1 FROM exams WHERE id = @examId AND status = 'open' AND ends_at > @now)
            ON CONFLICT (exam_id, user_id) DO NOTHING
            """,
            new { examId, userId, displayName, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        var attempt = await ReadAttemptAsync(connection, transaction, "a.exam_id = @examId AND a.user_id = @userId", new { examId, userId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (attempt, inserted == 1);
    }

    public async Task<ExamAttempt?> FindAttemptAsync(long attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAttemptAsync(connection, null, "a.id = @attemptId", new { attemptId }, cancellationToken);
    }

    public async Task<ExamAttempt?> FindAttemptAsync(long examId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAttemptAsync(connection, null, "a.exam_id = @examId AND a.user_id = @userId", new { examId, userId }, cancellationToken);
    }

    public async Task<IReadOnlyList<ExamAttempt>> InProgressAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"""
            SELECT {AttemptColumns} FROM exam_attempts a JOIN exams e ON e.id = a.exam_id
            WHERE e.group_id = @groupId AND a.user_id = @userId AND a.status = 'in_progress'
            ORDER BY e.kind = 'group' DESC, a.id DESC
            """,
            new { groupId, userId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAttempt())];
    }

    public async Task<bool> RegisterAsync(long examId, string userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO exam_registrations (exam_id, user_id, display_name, registered_at)
            SELECT @examId, @userId, @displayName, @now
            WHERE EXISTS (SELECT 1 FROM exams WHERE id = @examId AND kind = 'group' AND status = 'scheduled')
            ON CONFLICT (exam_id, user_id) DO NOTHING
            """,
            new { examId, userId, displayName, now = SqlTime.Ms(now) },
            cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM exam_registrations WHERE exam_id = @examId AND user_id = @userId)",
            new { examId, userId },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Chat.ChatUser>> RegisteredAsync(long examId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string UserId, string DisplayName)>(new CommandDefinition(
            "SELECT user_id, display_name FROM exam_registrations WHERE exam_id = @examId ORDER BY registered_at, user_id",
            new { examId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Chat.ChatUser(r.UserId, r.DisplayName))];
    }

    public async Task<IReadOnlyList<long>> RegisteredExamsAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT e.id FROM exam_registrations r JOIN exams e ON e.id = r.exam_id
            WHERE e.group_id = @groupId AND r.user_id = @userId AND e.status IN ('scheduled', 'open')
                AND NOT EXISTS (SELECT 1 FROM exam_attempts a WHERE a.exam_id = e.id AND a.user_id = @userId)
            ORDER BY e.starts_at, e.id
            """,
            new { groupId, userId },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<IReadOnlyList<ExamAnswer>> AnswersAsync(long attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAnswersAsync(connection, null, attemptId, cancellationToken);
    }

    public async Task<AttemptChange> StepAsync(long attemptId, int? expectedScreen, int position, AnswerChange? change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var turn = await database.InteractiveWriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The checks and the write share one transaction: an answer can never land after the close has read the attempt.
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE exam_attempts SET position = @position, screen = screen + 1
            WHERE id = @attemptId AND status = 'in_progress' AND (@expectedScreen IS NULL OR screen = @expectedScreen)
              AND EXISTS (SELECT 1 FROM exams e WHERE e.id = exam_attempts.exam_id AND e.status = 'open' AND e.ends_at > @now)
            """,
            new { attemptId, position, expectedScreen, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (moved == 0)
        {
            var refusal = await DiagnoseAsync(connection, transaction, attemptId, now, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return AttemptChange.Refused(refusal);
        }

        var sql = change switch
        {
            AnswerChange.Choose => """
                INSERT INTO exam_answers (attempt_id, position, choice, flagged, updated_at) VALUES (@attemptId, @Position, @choice, 0, @now)
                ON CONFLICT (attempt_id, position) DO UPDATE SET choice = excluded.choice, updated_at = excluded.updated_at
                """,
            AnswerChange.ToggleFlag => """
                INSERT INTO exam_answers (attempt_id, position, choice, flagged, updated_at) VALUES (@attemptId, @Position, NULL, 1, @now)
                ON CONFLICT (attempt_id, position) DO UPDATE SET flagged = 1 - flagged, updated_at = excluded.updated_at
                """,
            _ => null,
        };
        if (sql is not null)
        {
            var choice = (change as AnswerChange.Choose)?.Choice.ToString();
            await connection.ExecuteAsync(new CommandDefinition(
                sql, new { attemptId, change!.Position, choice, now = SqlTime.Ms(now) }, transaction, cancellationToken: cancellationToken));
        }

        var attempt = await ReadAttemptAsync(connection, transaction, "a.id = @attemptId", new { attemptId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AttemptChange(attempt, AttemptRefusal.None);
    }

    public async Task<AttemptChange> SubmitAsync(long attemptId, int expectedScreen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var turn = await database.InteractiveWriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var submitted = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE exam_attempts SET status = 'submitted', submitted_at = @now, screen = screen + 1
            WHERE id = @attemptId AND status = 'in_progress' AND screen = @expectedScreen
              AND EXISTS (SELECT 1 FROM exams e WHERE e.id = exam_attempts.exam_id AND e.status = 'open' AND e.ends_at > @now)
            """,
            new { attemptId, expectedScreen, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (submitted == 0)
        {
            var refusal = await DiagnoseAsync(connection, transaction, attemptId, now, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return AttemptChange.Refused(refusal);
        }

        var attempt = await ReadAttemptAsync(connection, transaction, "a.id = @attemptId", new { attemptId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AttemptChange(attempt, AttemptRefusal.None);
    }

    public async Task<bool> CloseAsync(long examId, DateTimeOffset now, Func<IReadOnlyList<SubmittedAttempt>, ClosePlan> plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE exams SET status = 'closed', closed_at = @now WHERE id = @examId AND status IN ('scheduled', 'open')",
            new { examId, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (closed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        // Work left open is submitted as of the end (or now, if the close came early), never later.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE exam_attempts SET status = 'submitted', auto_submitted = 1, screen = screen + 1,
                submitted_at = MIN(@now, (SELECT ends_at FROM exams WHERE id = @examId))
            WHERE exam_id = @examId AND status = 'in_progress'
            """,
            new { examId, now = SqlTime.Ms(now) },
            transaction,
            cancellationToken: cancellationToken));
        var groupId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT group_id FROM exams WHERE id = @examId", new { examId }, transaction, cancellationToken: cancellationToken));
        var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"SELECT {AttemptColumns} FROM exam_attempts a WHERE a.exam_id = @examId ORDER BY a.id",
            new { examId },
            transaction,
            cancellationToken: cancellationToken))).Select(r => r.ToAttempt()).ToList();
        var submitted = new List<SubmittedAttempt>(attempts.Count);
        foreach (var attempt in attempts)
        {
            submitted.Add(new SubmittedAttempt(attempt, await ReadAnswersAsync(connection, transaction, attempt.Id, cancellationToken)));
        }

        var result = plan(submitted);
        foreach (var credit in result.Credits)
        {
            await CreditAsync(connection, transaction, groupId!, credit, result.CountOnBoard, cancellationToken);
        }

        if (result.Announcement is not null)
        {
            await SqliteOutboxStore.EnqueueAsync(connection, transaction, result.Announcement, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ExamAttempt?> LatestScoredAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<AttemptRow>(new CommandDefinition(
            $"""
            SELECT {AttemptColumns} FROM exam_attempts a JOIN exams e ON e.id = a.exam_id
            WHERE e.group_id = @groupId AND a.user_id = @userId AND a.correct IS NOT NULL
            ORDER BY e.closed_at DESC, a.id DESC LIMIT 1
            """,
            new { groupId, userId },
            cancellationToken: cancellationToken));
        return row?.ToAttempt();
    }

    public async Task<bool> HasUnseenReportAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM exam_attempts a JOIN exams e ON e.id = a.exam_id
                WHERE e.group_id = @groupId AND a.user_id = @userId AND a.correct IS NOT NULL AND a.report_seen = 0)
            """,
            new { groupId, userId },
            cancellationToken: cancellationToken));
    }

    public async Task MarkReportSeenAsync(long attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE exam_attempts SET report_seen = 1 WHERE id = @attemptId AND report_seen = 0", new { attemptId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ExamBoardRow>> BoardAsync(string groupId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BoardRow>(new CommandDefinition(
            """
            SELECT user_id, display_name, exams, passes, best_permille, total_correct, total_questions FROM exam_board
            WHERE group_id = @groupId ORDER BY best_permille DESC, display_name LIMIT @count
            """,
            new { groupId, count },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ExamBoardRow(r.user_id, r.display_name, (int)r.exams, (int)r.passes, (int)r.best_permille, (int)r.total_correct, (int)r.total_questions))];
    }

    public async Task<IReadOnlySet<string>> UnnamedMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM exam_unnamed WHERE group_id = @groupId", new { groupId }, cancellationToken: cancellationToken));
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    public async Task SetNamedAsync(string groupId, string userId, bool named, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            named
                ? "DELETE FROM exam_unnamed WHERE group_id = @groupId AND user_id = @userId"
                : "INSERT INTO exam_unnamed (group_id, user_id) VALUES (@groupId, @userId) ON CONFLICT DO NOTHING",
            new { groupId, userId },
            cancellationToken: cancellationToken));
    }

    private static async Task CreditAsync(DbConnection connection, DbTransaction transaction, string groupId, ExamCredit credit, bool countOnBoard, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE exam_attempts SET correct = @Correct WHERE id = @AttemptId", new { credit.Correct, credit.AttemptId }, transaction, cancellationToken: cancellationToken));
        foreach (var area in credit.Areas)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO member_area_stats (group_id, user_id, area, answered, correct) VALUES (@groupId, @UserId, @area, @Total, @Correct)
                ON CONFLICT (group_id, user_id, area) DO UPDATE SET answered = answered + excluded.answered, correct = correct + excluded.correct
                """,
                new { groupId, credit.UserId, area = area.Area.Key(), area.Total, area.Correct },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (!countOnBoard)
        {
            return;
        }

        var permille = credit.Total == 0 ? 0 : (int)Math.Round(1000.0 * credit.Correct / credit.Total, MidpointRounding.AwayFromZero);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO exam_board (group_id, user_id, display_name, exams, passes, best_permille, total_correct, total_questions)
            VALUES (@groupId, @UserId, @DisplayName, 1, @passes, @permille, @Correct, @Total)
            ON CONFLICT (group_id, user_id) DO UPDATE SET
                display_name = excluded.display_name,
                exams = exams + 1,
                passes = passes + excluded.passes,
                best_permille = MAX(best_permille, excluded.best_permille),
                total_correct = total_correct + excluded.total_correct,
                total_questions = total_questions + excluded.total_questions
            """,
            new { groupId, credit.UserId, credit.DisplayName, passes = credit.Passed ? 1 : 0, permille, credit.Correct, credit.Total },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Why a step or submit changed nothing. A member's own submit is "already submitted" even after a
    /// practice exam closed; otherwise a finished exam is "closed" before anything else.</summary>
    private static async Task<AttemptRefusal> DiagnoseAsync(DbConnection connection, DbTransaction transaction, long attemptId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            "SELECT a.status, a.auto_submitted, e.status AS exam_status, e.ends_at FROM exam_attempts a JOIN exams e ON e.id = a.exam_id WHERE a.id = @attemptId",
            new { attemptId },
            transaction,
            cancellationToken: cancellationToken));
        if (s is null)
        {
            return AttemptRefusal.NotFound;
        }

        var submitted = s.status == "submitted";
        if (submitted && s.auto_submitted == 0)
        {
            return AttemptRefusal.AlreadySubmitted;
        }

        if (s.exam_status != "open" || s.ends_at <= SqlTime.Ms(now))
        {
            return AttemptRefusal.ExamClosed;
        }

        return submitted ? AttemptRefusal.AlreadySubmitted : AttemptRefusal.StaleScreen;
    }

    private static async Task<ExamAttempt?> ReadAttemptAsync(DbConnection connection, DbTransaction? transaction, string where, object parameters, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AttemptRow>(new CommandDefinition(
            $"SELECT {AttemptColumns} FROM exam_attempts a WHERE {where}", parameters, transaction, cancellationToken: cancellationToken));
        return row?.ToAttempt();
    }

    private static async Task<IReadOnlyList<ExamAnswer>> ReadAnswersAsync(DbConnection connection, DbTransaction? transaction, long attemptId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Position, string? Choice, long Flagged)>(new CommandDefinition(
            "SELECT position, choice, flagged FROM exam_answers WHERE attempt_id = @attemptId ORDER BY position",
            new { attemptId },
            transaction,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ExamAnswer((int)r.Position, ChoiceLetter.TryParse(r.Choice, out var letter) ? letter : null, r.Flagged != 0))];
    }

    private static string Kind(ExamKind kind) => kind == ExamKind.Group ? "group" : "practice";

    private static string Status(ExamStatus status) => status.ToString().ToLowerInvariant();

    private sealed record ExamRow(long id, string group_id, string kind, string owner_id, string channel_id, long starts_at, long ends_at, long question_count, string status)
    {
        public MockExam ToExam() => new(
            id,
            group_id,
            kind == "group" ? ExamKind.Group : ExamKind.Practice,
            owner_id,
            channel_id,
            SqlTime.FromMs(starts_at),
            SqlTime.FromMs(ends_at),
            (int)question_count,
            Enum.Parse<ExamStatus>(status, ignoreCase: true));
    }

    private sealed record AttemptRow(
        long id, long exam_id, string user_id, string display_name, long started_at, string status, long position, long screen, long? submitted_at, long auto_submitted, long? correct)
    {
        public ExamAttempt ToAttempt() => new(
            id,
            exam_id,
            user_id,
            display_name,
            SqlTime.FromMs(started_at),
            status == "submitted" ? AttemptStatus.Submitted : AttemptStatus.InProgress,
            (int)position,
            (int)screen,
            submitted_at is { } at ? SqlTime.FromMs(at) : null,
            auto_submitted != 0,
            correct is { } c ? (int)c : null);
    }

    private sealed record StateRow(string status, long auto_submitted, string exam_status, long ends_at);

    private sealed record BoardRow(string user_id, string display_name, long exams, long passes, long best_permille, long total_correct, long total_questions);
}
