using Microsoft.Extensions.Logging;
using StudyBot.Chat;

namespace StudyBot.Outbox;

/// <summary>
/// Delivers outbox rows through the chat platform, oldest first. A row is marked sent only after the
/// platform accepted it, so a crash before that re-sends it after restart, and a crash after it does
/// not post twice. Transient faults are retried with exponential backoff; permanent ones (the channel
/// is gone, the bot lost its permission) are given up with a log line, never retried forever.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore store,
    IChatPlatform platform,
    IEnumerable<IUndeliverableChannelHandler> undeliverable,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : IDisposable
{
    private const int BatchSize = 50;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    // One delivery pass at a time in this process: two passes reading the same pending row would post it twice.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Delivers every row that is due now; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await DispatchLockedAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<int> DispatchLockedAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var due = await store.DueAsync(time.GetUtcNow(), BatchSize, cancellationToken);
            var progress = 0;
            foreach (var row in due)
            {
                if (await DeliverAsync(row, cancellationToken))
                {
                    delivered++;
                    progress++;
                }
            }

            // Another pass after any progress: an edit held back while its post was pending is due now.
            if (progress == 0)
            {
                return delivered;
            }
        }
    }

    private async Task<bool> DeliverAsync(PendingOutboxEntry row, CancellationToken cancellationToken)
    {
        var entry = row.Entry;
        try
        {
            string messageId;
            if (entry.Action == OutboxAction.Edit && row.EditMessageId is { } target)
            {
                await platform.EditAsync(entry.ChannelId, target, entry.Message, cancellationToken);
                messageId = target;
            }
            else
            {
                // An edit whose original post never reached the channel is posted as a new message:
                // the reveal must be seen even if the question's post was lost.
                messageId = await platform.SendAsync(entry.ChannelId, entry.Message, cancellationToken);
            }

            await store.MarkSentAsync(row.Id, messageId, time.GetUtcNow(), cancellationToken);
            return true;
        }
        catch (ChatDeliveryException ex) when (ex.IsPermanent)
        {
            LogGaveUp(logger, row.Id, entry.ChannelId, ex.Message);
            await store.MarkFailedAsync(row.Id, ex.Message, time.GetUtcNow(), cancellationToken);
            foreach (var handler in undeliverable)
            {
                await handler.ChannelFailedAsync(entry.ChannelId, ex.Message, cancellationToken);
            }

            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var backoff = Backoff(row.Attempts + 1);
            LogRetrying(logger, ex, row.Id, entry.ChannelId, row.Attempts + 1, backoff);
            await store.MarkRetryAsync(row.Id, ex.Message, time.GetUtcNow() + backoff, cancellationToken);
            return false;
        }
    }

    /// <summary>2 s, 4 s, 8 s ... capped at ten minutes.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempt, 1, 20))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} to channel {ChannelId} given up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long id, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} to channel {ChannelId} failed (attempt {Attempt}); retrying in {Backoff}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, long id, string channelId, int attempt, TimeSpan backoff);
}
