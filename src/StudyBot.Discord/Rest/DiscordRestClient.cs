using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Rest;

/// <summary>Discord's REST API with its rate limits: per-route buckets, the global limit, 429 retry_after,
/// backoff on 5xx and timeouts, and a guard that keeps invalid requests far below Discord's ban threshold.</summary>
internal sealed class DiscordRestClient : IDisposable
{
    private const string ProjectUrl = "https://github.com/studybot-cpc/studybot";

    private readonly HttpClient http;
    private readonly DiscordOptions options;
    private readonly DiscordTimings timings;
    private readonly TimeProvider time;
    private readonly ILogger<DiscordRestClient> logger;
    private readonly RateLimitBuckets buckets = new();
    private readonly SlidingWindowLimiter global;
    private readonly InvalidRequestGuard invalidRequests;
    private volatile bool tokenRejected;

    public DiscordRestClient(IOptions<DiscordOptions> options, DiscordTimings timings, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        this.options = options.Value;
        this.timings = timings;
        this.time = time;
        this.logger = logger;
        // Discord counts its global window on its side of the network; a 200 ms margin keeps latency jitter
        // from pushing a burst into the previous second's count (about 42 requests a second in the worst case).
        global = new SlidingWindowLimiter(timings.GlobalRequestsPerSecond, TimeSpan.FromMilliseconds(1200), time);
        invalidRequests = new InvalidRequestGuard(timings.InvalidRequestLimit, timings.InvalidRequestWindow, time);

        var baseUrl = this.options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/";
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = Timeout.InfiniteTimeSpan, // per-attempt timeouts below, so a slow attempt is retried
        };
        var version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"DiscordBot ({ProjectUrl}, {version})");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", this.options.Token);
    }

    /// <summary>How many invalid requests were seen in the current window (for tests and diagnostics).</summary>
    public int InvalidRequestCount => invalidRequests.Count;

    public async Task<TResponse?> SendAsync<TBody, TResponse>(
        DiscordRoute route,
        TBody body,
        JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, bodyType);
        var response = await SendRawAsync(route, bytes, cancellationToken);
        return response.Length == 0 ? default : JsonSerializer.Deserialize(response, responseType);
    }

    public async Task SendAsync<TBody>(DiscordRoute route, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken) =>
        await SendRawAsync(route, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), cancellationToken);

    public async Task<TResponse?> GetAsync<TResponse>(DiscordRoute route, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(route, null, cancellationToken);
        return response.Length == 0 ? default : JsonSerializer.Deserialize(response, responseType);
    }

    public async Task DeleteAsync(DiscordRoute route, CancellationToken cancellationToken) =>
        await SendRawAsync(route, null, cancellationToken);

    private async Task<byte[]> SendRawAsync(DiscordRoute route, byte[]? body, CancellationToken cancellationToken)
    {
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            if (tokenRejected && !route.ExemptFromGlobalLimit)
            {
                // Discord asks clients to stop once the token is invalid; every further call would be another 401.
                throw new DiscordRestException($"Refusing {route.Template}: Discord rejected the bot token earlier.", 401, 0);
            }

            if (invalidRequests.IsTripped)
            {
                DiscordLog.InvalidRequestGuardTripped(logger, route.Template, invalidRequests.Count);
                throw new DiscordRestException(
                    $"Refusing {route.Template}: too many invalid requests in the last {timings.InvalidRequestWindow.TotalMinutes:0} minutes.", 0, 0);
            }

            var bucket = buckets.For(route);
            HttpResponseMessage? response = null;
            byte[] content;
            await bucket.Gate.WaitAsync(cancellationToken);
            try
            {
                var wait = bucket.WaitNeeded(time.GetUtcNow());
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                if (!route.ExemptFromGlobalLimit)
                {
                    await global.WaitAsync(cancellationToken);
                }

                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(options.RequestTimeout);
                try
                {
                    using var request = new HttpRequestMessage(route.Method, route.Path);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    response = await http.SendAsync(request, attemptTimeout.Token);
                    content = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException)
                {
                    response?.Dispose();
                    failures++;
                    if (failures >= timings.RestMaxAttempts)
                    {
                        throw new DiscordRestException($"{route.Template} failed after {failures} attempts: {ex.GetType().Name}.", 0, 0, ex);
                    }

                    var delay = Backoff(failures);
                    DiscordLog.RestTransientFailure(logger, route.Template, ex.GetType().Name, failures, delay);
                    await Task.Delay(delay, time, cancellationToken);
                    continue;
                }

                buckets.Update(route, bucket, Header(response, "X-RateLimit-Bucket"), IntHeader(response, "X-RateLimit-Remaining"),
                    SecondsHeader(response, "X-RateLimit-Reset-After"), time.GetUtcNow());
            }
            finally
            {
                bucket.Gate.Release();
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return content;
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var error = ParseError(content);
                    var scope = Header(response, "X-RateLimit-Scope") ?? (error.Global == true ? "global" : "user");
                    var retryAfter = TimeSpan.FromSeconds(error.RetryAfter ?? SecondsHeader(response, "Retry-After")?.TotalSeconds ?? 1);
                    if (scope != "shared")
                    {
                        invalidRequests.Record();
                    }

                    if (error.Global == true || scope == "global")
                    {
                        global.PauseUntil(time.GetUtcNow() + retryAfter);
                    }
                    else
                    {
                        bucket.Remaining = 0;
                        bucket.ResetAt = time.GetUtcNow() + retryAfter;
                    }

                    DiscordLog.RestRateLimited(logger, route.Template, scope, retryAfter);
                    if (retryAfter > timings.MaxRateLimitWait)
                    {
                        // A long (usually shared-resource) limit: give the caller a transient failure to retry
                        // later (the outbox does) rather than hold its request for many minutes.
                        throw new DiscordRestException($"{route.Template} is rate limited for {retryAfter.TotalSeconds:0} s.", status, error.Code);
                    }

                    if (++rateLimited >= timings.RestMaxAttempts * 2)
                    {
                        throw new DiscordRestException($"{route.Template} stayed rate limited.", status, error.Code);
                    }

                    continue;
                }

                if (status >= 500)
                {
                    failures++;
                    if (failures >= timings.RestMaxAttempts)
                    {
                        throw new DiscordRestException($"{route.Template} failed with {status} after {failures} attempts.", status, 0);
                    }

                    var delay = Backoff(failures);
                    DiscordLog.RestServerError(logger, route.Template, status, failures, delay);
                    await Task.Delay(delay, time, cancellationToken);
                    continue;
                }

                if (status is 401 or 403)
                {
                    invalidRequests.Record();
                }

                if (status == 401 && !route.ExemptFromGlobalLimit)
                {
                    tokenRejected = true;
                }

                var failure = ParseError(content);
                DiscordLog.RestRejected(logger, route.Template, status, failure.Code, failure.Message ?? string.Empty);
                throw new DiscordRestException($"{route.Template} was rejected with {status} (code {failure.Code}): {failure.Message}", status, failure.Code);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = timings.RestRetryBaseDelay * Math.Pow(2, failures - 1);
        return exponential * (0.75 + (Random.Shared.NextDouble() / 2));
    }

    private static ErrorResponse ParseError(byte[] content)
    {
        try
        {
            return content.Length > 0 ? JsonSerializer.Deserialize(content, DiscordJsonContext.Default.ErrorResponse) ?? new ErrorResponse() : new ErrorResponse();
        }
        catch (JsonException)
        {
            // Cloudflare and proxies answer with HTML; the status code alone decides then.
            return new ErrorResponse();
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? SecondsHeader(HttpResponseMessage response, string name) =>
        double.TryParse(Header(response, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? TimeSpan.FromSeconds(value) : null;

    public void Dispose() => http.Dispose();
}
