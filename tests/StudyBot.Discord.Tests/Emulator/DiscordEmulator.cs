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

    /// <summary>The request is served (a message is stored) but the response is held for <see cref="DiscordEmulator.SlowResponse"/>,
    /// so a client with a shorter timeout never sees it: a response lost in transit.</summary>
    SlowAfterServing,
}

/// <summary>A channel permission overwrite: <paramref name="Type"/> 0 for a role, 1 for a member.</summary>
internal sealed record EmulatedOverwrite(string Id, int Type, ulong Allow, ulong Deny);

/// <summary>A guild channel as the emulator keeps it.</summary>
internal sealed class EmulatedChannel(string id, string guildId, int type)
{
    public string Id { get; } = id;

    public string GuildId { get; } = guildId;

    /// <summary>0 text, 2 voice, 4 category, 5 announcement, 11 public thread...</summary>
    public int Type { get; } = type;

    public ConcurrentDictionary<string, EmulatedOverwrite> Overwrites { get; } = new();
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
    /// <summary>A text channel whose @everyone overwrite denies View Channel (a private channel): 403 Missing Access.</summary>
    public const string ForbiddenChannelId = "300000000000000004";
    public const string VoiceChannelId = "300000000000000005";
    public const string OtherGuildId = "200000000000000009";
    public const string OtherGuildChannelId = "300000000000000006";

    /// <summary>The bot's managed role, granted the invite's permissions (84992).</summary>
    public const string BotRoleId = "700000000000000007";

    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong EmbedLinks = 1UL << 14;
    public const ulong ReadMessageHistory = 1UL << 16;
    public const ulong Administrator = 1UL << 3;
    public const ulong InvitePermissions = ViewChannel | SendMessages | EmbedLinks | ReadMessageHistory;

    /// <summary>How long Discord remembers an enforced nonce ("the past few minutes").</summary>
    public static readonly TimeSpan NonceWindow = TimeSpan.FromMinutes(5);

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

    private readonly Dictionary<string, (string MessageId, string ChannelId, DateTimeOffset At)> nonces = [];

    private DiscordEmulator(WebApplication app)
    {
        this.app = app;
        RolePermissions[GuildId] = InvitePermissions | (1UL << 6) /* add reactions */;
        RolePermissions[BotRoleId] = InvitePermissions;
        AddChannel(ChannelId);
        AddChannel(ForbiddenChannelId).Overwrites[GuildId] = new EmulatedOverwrite(GuildId, 0, 0, ViewChannel);
        AddChannel(VoiceChannelId, type: 2);
        AddChannel(OtherGuildChannelId, OtherGuildId);
    }

    /// <summary>The guild's channels; a channel not here is unknown (404 Unknown Channel).</summary>
    public ConcurrentDictionary<string, EmulatedChannel> Channels { get; } = new();

    /// <summary>The guild's roles and their permission bits; the @everyone role has the guild's id.</summary>
    public ConcurrentDictionary<string, ulong> RolePermissions { get; } = new();

    /// <summary>The roles the bot's member holds in the guild.</summary>
    public ConcurrentDictionary<string, bool> BotRoles { get; } = new() { [BotRoleId] = true };

    public EmulatedChannel AddChannel(string id, string guildId = GuildId, int type = 0) => Channels[id] = new EmulatedChannel(id, guildId, type);

    /// <summary>Sets (or with allow = deny = 0, effectively clears) a role's (type 0) or member's (type 1) overwrite on a channel.</summary>
    public void SetOverwrite(string channelId, string targetId, int type, ulong allow, ulong deny) =>
        Channels[channelId].Overwrites[targetId] = new EmulatedOverwrite(targetId, type, allow, deny);

    public void DeleteChannel(string channelId) => Channels.TryRemove(channelId, out _);

    /// <summary>The bot's permissions in a channel, computed independently of the bot's own code (the emulator is the oracle).</summary>
    public ulong BotPermissionsIn(EmulatedChannel channel)
    {
        ulong permissions = 0;
        foreach (var (role, bits) in RolePermissions)
        {
            if (role == channel.GuildId || BotRoles.ContainsKey(role))
            {
                permissions |= bits;
            }
        }

        if ((permissions & Administrator) != 0)
        {
            return ulong.MaxValue;
        }

        var overwrites = channel.Overwrites.Values.ToList();
        foreach (var everyone in overwrites.Where(o => o.Id == channel.GuildId))
        {
            permissions = (permissions & ~everyone.Deny) | everyone.Allow;
        }

        var roles = overwrites.Where(o => o.Type == 0 && o.Id != channel.GuildId && BotRoles.ContainsKey(o.Id)).ToList();
        permissions = (permissions & ~roles.Aggregate(0UL, (d, o) => d | o.Deny)) | roles.Aggregate(0UL, (a, o) => a | o.Allow);
        foreach (var member in overwrites.Where(o => o.Type == 1 && o.Id == ApplicationId))
        {
            permissions = (permissions & ~member.Deny) | member.Allow;
        }

        return permissions;
    }

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

    /// <summary>Create-message requests answered with an earlier message because their enforced nonce was seen before.</summary>
    public int NonceHits;

    /// <summary>Handshakes finished: READY or RESUMED sent, so events dispatched from now reach that session.</summary>
    public int CompletedHandshakes;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public int HeartbeatIntervalMs { get; set; } = 250;

    public int Shards { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Requests per window allowed in each route bucket (per major parameter).</summary>
    public int BucketLimit { get; set; } = 5;

    public TimeSpan BucketWindow { get; set; } = TimeSpan.FromSeconds(1);

    public int GlobalLimit { get; set; } = 50;

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
                Interlocked.Increment(ref CompletedHandshakes);
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
                Interlocked.Increment(ref CompletedHandshakes);
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
        var holdResponse = false;
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
                case RestFault.SlowAfterServing:
                    holdResponse = true;
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

        if (!holdResponse)
        {
            return await Route(context, method, path, body);
        }

        var wire = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        int status;
        try
        {
            status = await Route(context, method, path, body);
        }
        finally
        {
            context.Response.Body = wire;
        }

        try
        {
            await Task.Delay(SlowResponse, context.RequestAborted);
            held.Position = 0;
            await held.CopyToAsync(wire, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client stopped waiting: the request took effect, its response is lost
        }

        return status;
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
            case ("GET", ["users", "@me"]):
                return await Checked(context, method, path, new JsonObject
                {
                    ["id"] = ApplicationId,
                    ["username"] = "StudyBot",
                    ["discriminator"] = "0",
                    ["global_name"] = null,
                    ["avatar"] = null,
                    ["bot"] = true,
                    ["flags"] = 0,
                    ["public_flags"] = 0,
                    ["mfa_enabled"] = true,
                    ["locale"] = "en-US",
                    ["premium_type"] = 0,
                });
            case ("GET", ["channels", var channel]):
                if (!Channels.TryGetValue(channel, out var described))
                {
                    return await Error(context, 404, 10003, "Unknown Channel");
                }

                if ((BotPermissionsIn(described) & ViewChannel) == 0)
                {
                    return await Error(context, 403, 50001, "Missing Access");
                }

                return await Checked(context, method, path, new JsonObject
                {
                    ["id"] = described.Id,
                    ["type"] = described.Type,
                    ["flags"] = 0,
                    ["guild_id"] = described.GuildId,
                    ["name"] = "channel-" + described.Id[^4..],
                    ["position"] = 0,
                    ["permission_overwrites"] = new JsonArray([.. described.Overwrites.Values.Select(o => (JsonNode)new JsonObject
                    {
                        ["id"] = o.Id,
                        ["type"] = o.Type,
                        ["allow"] = o.Allow.ToString(CultureInfo.InvariantCulture),
                        ["deny"] = o.Deny.ToString(CultureInfo.InvariantCulture),
                    })]),
                });
            case ("GET", ["guilds", var guild, "roles"]):
                if (guild != GuildId)
                {
                    return await Error(context, 403, 50001, "Missing Access");
                }

                return await Checked(context, method, path, new JsonArray([.. RolePermissions.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Key,
                    ["name"] = r.Key == GuildId ? "@everyone" : "role-" + r.Key[^4..],
                    ["permissions"] = r.Value.ToString(CultureInfo.InvariantCulture),
                    ["position"] = r.Key == GuildId ? 0 : 1,
                    ["color"] = 0,
                    ["colors"] = new JsonObject { ["primary_color"] = 0, ["secondary_color"] = null, ["tertiary_color"] = null },
                    ["hoist"] = false,
                    ["managed"] = r.Key == BotRoleId,
                    ["mentionable"] = false,
                    ["icon"] = null,
                    ["unicode_emoji"] = null,
                    ["flags"] = 0,
                })]));
            case ("GET", ["guilds", var guild, "members", var user]):
                if (guild != GuildId)
                {
                    return await Error(context, 403, 50001, "Missing Access");
                }

                if (user != ApplicationId)
                {
                    return await Error(context, 404, 10007, "Unknown Member");
                }

                return await Checked(context, method, path, new JsonObject
                {
                    ["avatar"] = null,
                    ["banner"] = null,
                    ["communication_disabled_until"] = null,
                    ["flags"] = 0,
                    ["joined_at"] = "2026-01-05T10:00:00.000000+00:00",
                    ["nick"] = null,
                    ["pending"] = false,
                    ["premium_since"] = null,
                    ["roles"] = new JsonArray([.. BotRoles.Keys.Select(r => (JsonNode)r)]),
                    ["user"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "StudyBot", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null, ["bot"] = true, ["flags"] = 0, ["public_flags"] = 0, ["primary_guild"] = null },
                    ["mute"] = false,
                    ["deaf"] = false,
                });
            case ("POST", ["channels", var channel, "messages"]):
                if (ChannelProblem(channel, body) is { } problem)
                {
                    return await Error(context, problem.Status, problem.Code, problem.Message);
                }

                // enforce_nonce: the same nonce from the same author (always the bot here) within a few minutes
                // returns the message already made instead of creating another.
                var nonce = body!["enforce_nonce"]?.GetValue<bool>() == true ? body["nonce"]?.ToJsonString() : null;
                (string MessageId, string ChannelId, DateTimeOffset At) made;
                lock (nonces)
                {
                    if (nonce is not null && nonces.TryGetValue(nonce, out made) && DateTimeOffset.UtcNow - made.At < NonceWindow)
                    {
                        Interlocked.Increment(ref NonceHits);
                    }
                    else
                    {
                        made = (NextId(), channel, DateTimeOffset.UtcNow);
                        body["id"] = made.MessageId;
                        body["channel_id"] = channel;
                        Messages[made.MessageId] = body;
                        if (nonce is not null)
                        {
                            nonces[nonce] = made;
                        }
                    }
                }

                return await Json(context, 200, new JsonObject { ["id"] = made.MessageId, ["channel_id"] = made.ChannelId });
            case ("PATCH", ["channels", var channel, "messages", var messageId]):
                if (ChannelProblem(channel, body) is { } editProblem)
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

    private (int Status, int Code, string Message)? ChannelProblem(string channelId, JsonNode? body)
    {
        if (!Channels.TryGetValue(channelId, out var channel))
        {
            return (404, 10003, "Unknown Channel");
        }

        var permissions = BotPermissionsIn(channel);
        var needed = SendMessages | ReadMessageHistory | (body?["embeds"] is JsonArray { Count: > 0 } ? EmbedLinks : 0);
        return (permissions & ViewChannel) == 0 ? (403, 50001, "Missing Access")
            : (permissions & needed) != needed ? (403, 50013, "Missing Permissions")
            : null;
    }

    /// <summary>Answers 200 with a body that is first checked against the operation's response schema in Discord's
    /// OpenAPI description, so what the emulator says is what Discord could say.</summary>
    private async Task<int> Checked(HttpContext context, string method, string path, JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        foreach (var error in OpenApiRequestValidator.Instance.ValidateResponse(method, path, document.RootElement))
        {
            SchemaErrors.Enqueue($"response to {method} {path}: {error}");
        }

        return await Json(context, 200, body);
    }

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
