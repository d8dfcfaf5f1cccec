using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using StudyBot.Daily;

namespace StudyBot.Data.Stores;

/// <summary>
/// Group commit for daily answers: answers that arrive while a commit is under way wait for the next one and
/// share its transaction and its fsync. Each caller still returns only after the transaction that holds its
/// answer has committed, so "recorded" is never said before the answer is durable.
/// </summary>
/// <remarks>
/// One writer at a time, started by the first answer and ending when no answer is waiting, so an idle store
/// holds no connection and no task. With synchronous=FULL every commit costs an fsync; one answer per
/// transaction caps a burst at the disk's fsync rate and makes concurrent answers queue on SQLite's busy
/// handler, which sleeps. If a batch fails, its answers are retried one per transaction, so one bad row
/// cannot fail the others.
/// </remarks>
internal sealed class AnswerGroupCommit(SqliteDatabase database)
{
    // Large enough that a burst drains in a few commits; small enough that one commit stays short for readers.
    private const int MaxBatch = 512;

    private readonly ConcurrentQueue<Pending> queue = new();
    private int writing;

    public Task<AnswerOutcome> RecordAsync(DailyAnswer answer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(answer, cancellationToken);
        queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteAsync, CancellationToken.None);
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (true)
        {
            while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            {
                // A caller that gave up before its answer was written gets nothing written.
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                // Hand back the writer role, then look again: an answer queued just before the hand-back
                // found the role taken and is waiting for this writer.
                Volatile.Write(ref writing, 0);
                if (queue.IsEmpty || Interlocked.CompareExchange(ref writing, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var outcomes = await WriteBatchAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var one in batch)
            {
                await CommitAsync([one]);
            }
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
    }

    private async Task<AnswerOutcome[]> WriteBatchAsync(List<Pending> batch)
    {
        // Not the callers' tokens: the batch belongs to all of them, and each caller can stop waiting on its own.
        var none = CancellationToken.None;
        using var turn = await database.InteractiveWriteTurnAsync(none);
        await using var connection = await database.OpenAsync(none);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(none);

        // The status check and the insert share one write transaction, so an answer can never slip in
        // after the reveal has read the answers.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO daily_answers (round_id, user_id, display_name, answer, answered_at)
            SELECT $round, $user, $name, $answer, $at
            WHERE EXISTS (SELECT 1 FROM daily_rounds WHERE id = $round AND status = 'open')
            ON CONFLICT (round_id, user_id) DO NOTHING
            """;
        var round = insert.Parameters.Add("$round", SqliteType.Integer);
        var user = insert.Parameters.Add("$user", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var text = insert.Parameters.Add("$answer", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Prepare();

        await using var first = connection.CreateCommand();
        first.Transaction = transaction;
        first.CommandText = "SELECT display_name, answer, answered_at FROM daily_answers WHERE round_id = $round AND user_id = $user";
        var firstRound = first.Parameters.Add("$round", SqliteType.Integer);
        var firstUser = first.Parameters.Add("$user", SqliteType.Text);

        var outcomes = new AnswerOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var answer = batch[i].Answer;
            round.Value = answer.RoundId;
            user.Value = answer.UserId;
            name.Value = answer.DisplayName;
            text.Value = answer.Answer;
            at.Value = SqlTime.Ms(answer.AnsweredAt);
            if (await insert.ExecuteNonQueryAsync(none) == 1)
            {
                outcomes[i] = new AnswerOutcome.Recorded(answer);
                continue;
            }

            firstRound.Value = answer.RoundId;
            firstUser.Value = answer.UserId;
            await using var reader = await first.ExecuteReaderAsync(none);
            outcomes[i] = await reader.ReadAsync(none)
                ? new AnswerOutcome.AlreadyAnswered(new DailyAnswer(
                    answer.RoundId, answer.UserId, reader.GetString(0), reader.GetString(1), SqlTime.FromMs(reader.GetInt64(2))))
                : new AnswerOutcome.RoundClosed();
        }

        await transaction.CommitAsync(none);
        return outcomes;
    }

    private sealed class Pending(DailyAnswer answer, CancellationToken cancellationToken)
    {
        public DailyAnswer Answer { get; } = answer;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Callers continue on the thread pool, not on the writer, which has the next batch to commit.
        public TaskCompletionSource<AnswerOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
