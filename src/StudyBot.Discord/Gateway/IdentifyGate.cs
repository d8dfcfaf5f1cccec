namespace StudyBot.Discord.Gateway;

/// <summary>Paces identifies: shards share a rate-limit key (shard id modulo max_concurrency), and each key may
/// identify once per interval. Shards with different keys identify in parallel.</summary>
internal sealed class IdentifyGate(int maxConcurrency, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<int, SemaphoreSlim> locks = [];
    private readonly Dictionary<int, DateTimeOffset> lastIdentify = [];
    private readonly Lock gate = new();

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var key = shardId % MaxConcurrency;
        SemaphoreSlim keyLock;
        lock (gate)
        {
            if (!locks.TryGetValue(key, out keyLock!))
            {
                keyLock = new SemaphoreSlim(1, 1);
                locks[key] = keyLock;
            }
        }

        await keyLock.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset last;
            lock (gate)
            {
                last = lastIdentify.GetValueOrDefault(key, DateTimeOffset.MinValue);
            }

            var wait = last == DateTimeOffset.MinValue ? TimeSpan.Zero : last + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            lock (gate)
            {
                lastIdentify[key] = time.GetUtcNow();
            }
        }
        finally
        {
            keyLock.Release();
        }
    }
}
