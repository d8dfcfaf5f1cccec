using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Emulator;

/// <summary>A REST fault the emulator returns instead of serving the next matching request.</summary>
public enum RestFault
{
    Status500,
    Status502,
    RouteRateLimit,
    GlobalRateLimit,
    SharedRateLimit,
    LongSharedRateLimit,
    Slow,
}

/// <summary>One request the bot made, with its body checked against Discord's OpenAPI schema.</summary>
internal sealed record RecordedRequest(string Method, string Path, JsonNode? Body, string? UserAgent, int Status);

/// <summary>An interaction the emulator sent, and what the bot did with it.</summary>
internal sealed class EmulatedInteraction(string id, string token, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string Token { get; } = token;

    public DateTimeOffset Created { get; } = created;

    public ConcurrentQueue<JsonNode> Callbacks { get; } = new();

    public ConcurrentQueue<JsonNode> OriginalEdits { get; } = new();

    public ConcurrentQueue<JsonNode> Followups { get; } = new();

    public bool OriginalDeleted { get; set; }

    public int LateCallbacks;

    public bool Answered => !Callbacks.IsEmpty;

    /// <summary>True once the user sees a final answer: a non-deferred callback, or a deferred one followed by an edit or followup.</summary>
    public bool Completed => Callbacks.Any(c => c["type"]!.GetValue<int>() is 4 or 7 or 8 or 9)
        || (Answered && (!OriginalEdits.IsEmpty || !Followups.IsEmpty));
}

/// <summary>A Discord stand-in on loopback: the gateway (websocket) and the REST routes StudyBot uses, with
/// Discord's rate limits and the 3-second interaction deadline, scriptable to misbehave.</summary>
internal sealed class DiscordEmulator : IAsyncDisposable
{
    public const string Token = "emulated.bot-token.Zx9_secret-value";
    public const string ApplicationId = "100000000000000001";
    public const string GuildId = "200000000000000002";
    public const string ChannelId = "300000000000000003";
    public const string ForbiddenChannelId = "300000000000000004";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<(Func<string, bool> Matches, RestFault Fault)> faults = new();
    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset WindowEnd)> bucketUse = new();
    private readonly Lock globalGate = new();
    private readonly Lock gatewayGate = new();
    private readonly Dictionary<string, EmulatedSession> sessions = [];
    private DateTimeOffset globalWindowEnd;
    private int globalCount;
    private long nextId = 900000000000000000;
    private GatewayConnection? current;

    private DiscordEmulator(WebApplication app) => this.app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<string> SchemaErrors { get; } = new();

    public ConcurrentDictionary<string, JsonNode> Messages { get; } = new();

    public ConcurrentDictionary<string, EmulatedInteraction> Interactions { get; } = new();

    /// <summary>"identify" or "resume", one per gateway handshake, in order.</summary>
    public ConcurrentQueue<string> Handshakes { get; } = new();

    public ConcurrentQueue<JsonNode> Identifies { get; } = new();

    /// <summary>429s the emulator had to send because the client ignored the rate-limit headers.</summary>
    public int UnrequestedRateLimits;

    public int HeartbeatsReceived;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public int HeartbeatIntervalMs { get; set; } = 250;

    public int Shards { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Requests per window allowed in each route bucket (per major parameter).</summary>
    public int BucketLimit { get; set; } = 5;

    public TimeSpan BucketWindow { get; set; } = TimeSpan.FromSeconds(1);

    public int GlobalLimit { get; set; } = 50;

    /// <summary>More channels the bot may post in, one per guild (the fan-out benchmark's thousands of groups).</summary>
    public ConcurrentDictionary<string, bool> ChannelsOfOtherGuilds { get; } = new();

    public TimeSpan SlowResponse { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>When true, heartbeats get no ACK (a zombied connection).</summary>
    public bool WithholdAcks { get; set; }

    /// <summary>When set, the next identify is answered by closing with this code.</summary>
    public int? CloseOnIdentify { get; set; }

    public static async Task<DiscordEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new DiscordEmulator(app);
        app.UseWebSockets();
        app.Map("/gateway", emulator.GatewayAsync);
        app.Map("/resume-gateway", emulator.GatewayAsync);
        app.Map("/api/v10/{**rest}", emulator.RestAsync);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        emulator.ApiBaseUrl = new Uri(address, "/api/v10");
        emulator.GatewayUrl = new Uri($"ws://{address.Authority}/gateway");
        return emulator;
    }

    public void FailNext(string pathContains, RestFault fault) => faults.Enqueue((p => p.Contains(pathContains, StringComparison.Ordinal), fault));

    public IEnumerable<RecordedRequest> RequestsTo(string method, string pathContains) =>
        Requests.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal));

    // ---------------------------------------------------------------- gateway

    /// <summary>Sends an INTERACTION_CREATE to the connected bot (or queues it for the session to replay on resume).</summary>
    public EmulatedInteraction SendInteraction(JsonObject interaction)
    {
        var id = NextId();
        var token = "itoken-" + Guid.NewGuid().ToString("N");
        interaction["id"] = id;
        interaction["token"] = token;
        interaction["application_id"] = ApplicationId;
        interaction["version"] = 1;
        var record = new EmulatedInteraction(id, token, DateTimeOffset.UtcNow);
        Interactions[id] = record;
        Dispatch("INTERACTION_CREATE", interaction);
        return record;
    }

    /// <summary>Records an interaction that was delivered to the bot's HTTP endpoint and answered in the HTTP
    /// response, so later edits and followups through REST are accepted.</summary>
    public EmulatedInteraction TrackHttpInteraction(string id, string token, JsonNode initialResponse)
    {
        var record = new EmulatedInteraction(id, token, DateTimeOffset.UtcNow);
        record.Callbacks.Enqueue(initialResponse);
        Interactions[id] = record;
        return record;
    }

    public void Dispatch(string eventName, JsonNode data)
    {
        GatewayConnection? connection;
        JsonObject payload;
        lock (gatewayGate)
        {
            connection = current;
            var session = connection?.Session ?? sessions.Values.LastOrDefault()
                ?? throw new InvalidOperationException("No gateway session to dispatch to.");
            payload = new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = ++session.Sequence, ["d"] = data.DeepClone() };
            session.Events.Add(payload);
        }

        connection?.Send(payload);
    }

    public Task SendReconnectAsync() => Current().SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    public Task SendInvalidSessionAsync(bool resumable) => Current().SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    public Task RequestHeartbeatAsync() => Current().SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    public Task CloseAsync(int code) => Current().CloseAsync(code);

    public void DropConnection() => Current().Abort();

    public bool IsConnected
    {
        get
        {
            lock (gatewayGate)
            {
                return current is { Ready: true };
            }
        }
    }

    private GatewayConnection Current()
    {
        lock (gatewayGate)
        {
            return current ?? throw new InvalidOperationException("The bot is not connected.");
        }
    }

    private async Task GatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new GatewayConnection(socket);
        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var message = await ReceiveAsync(socket, context.RequestAborted);
                if (message is null)
                {
                    break;
                }

                await OnGatewayMessageAsync(connection, message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the bot dropped the connection
        }
        finally
        {
            lock (gatewayGate)
            {
                if (current == connection)
                {
                    current = null;
                }
            }
        }
    }

    private async Task OnGatewayMessageAsync(GatewayConnection connection, JsonNode message)
    {
        var op = message["op"]!.GetValue<int>();
        switch (op)
        {
            case 1:
                Interlocked.Increment(ref HeartbeatsReceived);
                if (!WithholdAcks)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 11 });
                }

                break;
            case 2:
                Handshakes.Enqueue("identify");
                Identifies.Enqueue(message.DeepClone());
                var d = message["d"]!;
                if (CloseOnIdentify is { } code)
                {
                    CloseOnIdentify = null;
                    await connection.CloseAsync(code);
                    return;
                }

                if (d["token"]?.GetValue<string>() != Token)
                {
                    await connection.CloseAsync(4004);
                    return;
                }

                var session = new EmulatedSession("session-" + Guid.NewGuid().ToString("N"));
                lock (gatewayGate)
                {
                    sessions[session.Id] = session;
                    connection.Session = session;
                    connection.Ready = true;
                    current = connection;
                }

                var shard = d["shard"]?.AsArray();
                await connection.SendAsync(new JsonObject
                {
                    ["op"] = 0,
                    ["t"] = "READY",
                    ["s"] = ++session.Sequence,
                    ["d"] = new JsonObject
                    {
                        ["v"] = 10,
                        ["session_id"] = session.Id,
                        ["resume_gateway_url"] = GatewayUrl.AbsoluteUri.Replace("/gateway", "/resume-gateway", StringComparison.Ordinal),
                        ["user"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "StudyBot" },
                        ["guilds"] = new JsonArray(),
                        ["application"] = new JsonObject { ["id"] = ApplicationId },
                        ["shard"] = shard?.DeepClone(),
                    },
                });
                break;
            case 6:
                Handshakes.Enqueue("resume");
                var resume = message["d"]!;
                EmulatedSession? known;
                List<JsonObject> missed;
                lock (gatewayGate)
                {
                    sessions.TryGetValue(resume["session_id"]?.GetValue<string>() ?? string.Empty, out known);
                    var seq = resume["seq"]?.GetValue<int?>() ?? 0;
                    missed = known is null ? [] : known.Events.Where(e => e["s"]!.GetValue<int>() > seq).ToList();
                    if (known is not null && resume["token"]?.GetValue<string>() == Token)
                    {
                        connection.Session = known;
                        connection.Ready = true;
                        current = connection;
                    }
                }

                if (known is null || connection.Session is null)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
                    return;
                }

                foreach (var missedEvent in missed)
                {
                    await connection.SendAsync(missedEvent);
                }

                await connection.SendAsync(new JsonObject { ["op"] = 0, ["t"] = "RESUMED", ["s"] = known.Sequence, ["d"] = null });
                break;
            default:
                await connection.CloseAsync(4001);
                break;
        }
    }

    private static async Task<JsonNode?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray());
            }
        }
    }

    private sealed class EmulatedSession(string id)
    {
        public string Id { get; } = id;

        public int Sequence { get; set; }

        public List<JsonObject> Events { get; } = [];
    }

    private sealed class GatewayConnection(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim sendLock = new(1, 1);

        public EmulatedSession? Session { get; set; }

        public bool Ready { get; set; }

        public void Send(JsonNode payload) => _ = SendAsync(payload);

        public async Task SendAsync(JsonNode payload)
        {
            await sendLock.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // the bot went away; a resume replays what it missed
            }
            finally
            {
                sendLock.Release();
            }
        }

        public async Task CloseAsync(int code)
        {
            await sendLock.WaitAsync();
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "emulator", CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // already gone
            }
            finally
            {
                sendLock.Release();
            }
        }

        public void Abort() => socket.Abort();

        public void Dispose() => sendLock.Dispose();
    }

    // ---------------------------------------------------------------- REST

    private async Task RestAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = "/" + (string?)context.Request.RouteValues["rest"];
        JsonNode? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.ContentType.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                body = JsonNode.Parse(text);
                using var document = JsonDocument.Parse(text);
                foreach (var error in OpenApiRequestValidator.Instance.Validate(method, path, document.RootElement))
                {
                    SchemaErrors.Enqueue($"{method} {path}: {error}");
                }
            }
        }

        var status = await ServeAsync(context, method, path, body);
        Requests.Enqueue(new RecordedRequest(method, path, body, context.Request.Headers.UserAgent.ToString(), status));
    }

    private async Task<int> ServeAsync(HttpContext context, string method, string path, JsonNode? body)
    {
        var isInteractionRoute = path.StartsWith("/interactions/", StringComparison.Ordinal) || path.StartsWith("/webhooks/", StringComparison.Ordinal);
        if (!isInteractionRoute && context.Request.Headers.Authorization != $"Bot {Token}")
        {
            return await Error(context, 401, 0, "401: Unauthorized");
        }

        if (TakeFault(path) is { } fault)
        {
            switch (fault)
            {
                case RestFault.Status500:
                    return await Error(context, 500, 0, "Internal Server Error");
                case RestFault.Status502:
                    context.Response.StatusCode = 502;
                    await context.Response.WriteAsync("<html>502 Bad Gateway</html>");
                    return 502;
                case RestFault.RouteRateLimit:
                    return await RateLimited(context, "user", global: false, 0.2);
                case RestFault.GlobalRateLimit:
                    return await RateLimited(context, "global", global: true, 0.2);
                case RestFault.SharedRateLimit:
                    return await RateLimited(context, "shared", global: false, 0.2);
                case RestFault.LongSharedRateLimit:
                    return await RateLimited(context, "shared", global: false, 1336.57);
                case RestFault.Slow:
                    await Task.Delay(SlowResponse, context.RequestAborted);
                    break;
            }
        }

        if (!isInteractionRoute && !TakeGlobal())
        {
            Interlocked.Increment(ref UnrequestedRateLimits);
            return await RateLimited(context, "global", global: true, 1);
        }

        var (bucketHash, major) = Bucket(method, path);
        var key = bucketHash + ":" + major;
        var now = DateTimeOffset.UtcNow;
        var use = bucketUse.AddOrUpdate(key, _ => (1, now + BucketWindow), (_, old) => old.WindowEnd <= now ? (1, now + BucketWindow) : (old.Count + 1, old.WindowEnd));
        var resetAfter = Math.Max(0, (use.WindowEnd - now).TotalSeconds);
        context.Response.Headers["X-RateLimit-Limit"] = BucketLimit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(0, BucketLimit - use.Count).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = use.WindowEnd.ToUnixTimeMilliseconds() / 1000.0 + string.Empty;
        context.Response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Bucket"] = bucketHash;
        if (use.Count > BucketLimit)
        {
            Interlocked.Increment(ref UnrequestedRateLimits);
            return await RateLimited(context, "user", global: false, resetAfter);
        }

        return await Route(context, method, path, body);
    }

    private async Task<int> Route(HttpContext context, string method, string path, JsonNode? body)
    {
        var parts = path.Trim('/').Split('/');
        switch (method, parts)
        {
            case ("GET", ["gateway", "bot"]):
                return await Json(context, 200, new JsonObject
                {
                    ["url"] = GatewayUrl.AbsoluteUri,
                    ["shards"] = Shards,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 0, ["max_concurrency"] = MaxConcurrency },
                });
            case ("POST", ["channels", var channel, "messages"]):
                if (ChannelProblem(channel) is { } problem)
                {
                    return await Error(context, problem.Status, problem.Code, problem.Message);
                }

                var id = NextId();
                body!["id"] = id;
                body["channel_id"] = channel;
                Messages[id] = body;
                return await Json(context, 200, new JsonObject { ["id"] = id, ["channel_id"] = channel });
            case ("PATCH", ["channels", var channel, "messages", var messageId]):
                if (ChannelProblem(channel) is { } editProblem)
                {
                    return await Error(context, editProblem.Status, editProblem.Code, editProblem.Message);
                }

                if (!Messages.ContainsKey(messageId))
                {
                    return await Error(context, 404, 10008, "Unknown Message");
                }

                body!["id"] = messageId;
                body["channel_id"] = channel;
                Messages[messageId] = body;
                return await Json(context, 200, new JsonObject { ["id"] = messageId, ["channel_id"] = channel });
            case ("PUT", ["applications", ApplicationId, "commands"]):
            case ("PUT", ["applications", ApplicationId, "guilds", _, "commands"]):
                return await Json(context, 200, body!.DeepClone());
            case ("POST", ["interactions", var interactionId, var token, "callback"]):
                if (!Interactions.TryGetValue(interactionId, out var interaction) || interaction.Token != token)
                {
                    return await Error(context, 404, 10062, "Unknown interaction");
                }

                if (DateTimeOffset.UtcNow - interaction.Created > TimeSpan.FromSeconds(3))
                {
                    Interlocked.Increment(ref interaction.LateCallbacks);
                    return await Error(context, 404, 10062, "Unknown interaction");
                }

                if (interaction.Answered)
                {
                    return await Error(context, 400, 40060, "Interaction has already been acknowledged.");
                }

                interaction.Callbacks.Enqueue(body!);
                context.Response.StatusCode = 204;
                return 204;
            case ("PATCH", ["webhooks", ApplicationId, var token, "messages", "@original"]):
                var edited = ByToken(token);
                if (edited is null || !edited.Answered)
                {
                    return await Error(context, 404, 10015, "Unknown Webhook");
                }

                edited.OriginalEdits.Enqueue(body!);
                return await Json(context, 200, new JsonObject { ["id"] = NextId() });
            case ("DELETE", ["webhooks", ApplicationId, var token, "messages", "@original"]):
                var deleted = ByToken(token);
                if (deleted is null || !deleted.Answered)
                {
                    return await Error(context, 404, 10015, "Unknown Webhook");
                }

                deleted.OriginalDeleted = true;
                context.Response.StatusCode = 204;
                return 204;
            case ("POST", ["webhooks", ApplicationId, var token]):
                var followed = ByToken(token);
                if (followed is null || !followed.Answered)
                {
                    return await Error(context, 404, 10015, "Unknown Webhook");
                }

                followed.Followups.Enqueue(body!);
                return await Json(context, 200, new JsonObject { ["id"] = NextId() });
            default:
                return await Error(context, 404, 0, "404: Not Found");
        }
    }

    private (int Status, int Code, string Message)? ChannelProblem(string channel) => channel switch
    {
        ChannelId => null,
        ForbiddenChannelId => (403, 50001, "Missing Access"),
        _ when ChannelsOfOtherGuilds.ContainsKey(channel) => null,
        _ => (404, 10003, "Unknown Channel"),
    };

    private EmulatedInteraction? ByToken(string token) => Interactions.Values.FirstOrDefault(i => i.Token == token);

    private RestFault? TakeFault(string path)
    {
        if (faults.TryPeek(out var next) && next.Matches(path) && faults.TryDequeue(out var taken))
        {
            return taken.Fault;
        }

        return null;
    }

    private bool TakeGlobal()
    {
        lock (globalGate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= globalWindowEnd)
            {
                globalWindowEnd = now + TimeSpan.FromSeconds(1);
                globalCount = 0;
            }

            return ++globalCount <= GlobalLimit;
        }
    }

    private static (string Hash, string Major) Bucket(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        // Message create and edit share a bucket per channel, like Discord's; everything else has its own.
        return parts switch
        {
            ["channels", var channel, "messages", ..] => ("bucket-messages", channel),
            ["interactions", var id, ..] => ("bucket-callback", id),
            ["webhooks", var app, var token, ..] => ("bucket-webhook", app + token),
            ["applications", ..] => ("bucket-commands", parts.Length > 3 ? parts[3] : parts[1]),
            _ => ("bucket-" + method + "-" + string.Join('-', parts), string.Empty),
        };
    }

    private static async Task<int> RateLimited(HttpContext context, string scope, bool global, double retryAfter)
    {
        context.Response.Headers["X-RateLimit-Scope"] = scope;
        context.Response.Headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        if (global)
        {
            context.Response.Headers["X-RateLimit-Global"] = "true";
        }

        return await Json(context, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = retryAfter, ["global"] = global, ["code"] = 0 });
    }

    private static Task<int> Error(HttpContext context, int status, int code, string message) =>
        Json(context, status, new JsonObject { ["message"] = message, ["code"] = code });

    private static async Task<int> Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
        return status;
    }

    private string NextId() => Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
