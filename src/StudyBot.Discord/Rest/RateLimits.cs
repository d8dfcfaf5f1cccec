namespace StudyBot.Discord.Rest;

/// <summary>At most N events in any sliding window; callers wait for room.</summary>
internal sealed class SlidingWindowLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Lock gate = new();
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Blocks everyone until the given moment (a global 429).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (gate)
        {
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetUtcNow();
                while (recent.Count > 0 && recent.Peek() <= now - window)
                {
                    recent.Dequeue();
                }

                if (pausedUntil > now)
                {
                    wait = pausedUntil - now;
                }
                else if (recent.Count < limit)
                {
                    recent.Enqueue(now);
                    return;
                }
                else
                {
                    wait = recent.Peek() + window - now;
                }
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }
}

/// <summary>Counts invalid requests (401, 403, non-shared 429) and refuses to send once too many were seen,
/// so a bug can never get the bot's IP banned.</summary>
internal sealed class InvalidRequestGuard(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> seen = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                Trim();
                return seen.Count;
            }
        }
    }

    public void Record()
    {
        lock (gate)
        {
            seen.Enqueue(time.GetUtcNow());
            Trim();
        }
    }

    public bool IsTripped => Count >= limit;

    private void Trim()
    {
        var now = time.GetUtcNow();
        while (seen.Count > 0 && seen.Peek() <= now - window)
        {
            seen.Dequeue();
        }
    }
}

/// <summary>One rate-limit bucket: requests in it go one at a time and wait when Discord says none remain.</summary>
internal sealed class RateLimitBucket
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public int? Remaining { get; set; }

    public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;

    public TimeSpan WaitNeeded(DateTimeOffset now) =>
        Remaining is 0 && ResetAt > now ? ResetAt - now : TimeSpan.Zero;
}

/// <summary>Maps routes to Discord's bucket hashes (learned from X-RateLimit-Bucket) and keeps each bucket's state
/// per major parameter.</summary>
internal sealed class RateLimitBuckets
{
    private readonly Dictionary<string, string> hashByRoute = [];
    private readonly Dictionary<string, RateLimitBucket> buckets = [];
    private readonly Lock gate = new();

    public RateLimitBucket For(DiscordRoute route)
    {
        lock (gate)
        {
            var key = hashByRoute.TryGetValue(route.Template, out var hash) ? $"{hash}:{route.MajorParameter}" : route.BucketKey;
            if (!buckets.TryGetValue(key, out var bucket))
            {
                bucket = new RateLimitBucket();
                buckets[key] = bucket;
            }

            return bucket;
        }
    }

    /// <summary>Records what the response headers said about the bucket this route belongs to.</summary>
    public void Update(DiscordRoute route, RateLimitBucket used, string? hash, int? remaining, TimeSpan? resetAfter, DateTimeOffset now)
    {
        lock (gate)
        {
            var target = used;
            if (hash is { Length: > 0 })
            {
                hashByRoute[route.Template] = hash;
                var key = $"{hash}:{route.MajorParameter}";
                if (!buckets.TryGetValue(key, out var shared))
                {
                    buckets[key] = used;
                    shared = used;
                }

                target = shared;
            }

            if (remaining is { } r)
            {
                target.Remaining = r;
                used.Remaining = r;
            }

            if (resetAfter is { } after)
            {
                target.ResetAt = now + after;
                used.ResetAt = now + after;
            }
        }
    }
}
