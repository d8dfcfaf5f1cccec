using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>How a shard ended for good.</summary>
internal enum ShardStopReason
{
    None,
    Shutdown,
    FatalCloseCode,
}

/// <summary>One gateway connection (one shard): hello, heartbeats with zombie detection, identify or resume,
/// and reconnection, until the host stops or Discord closes with a code that forbids reconnecting.</summary>
internal sealed class GatewayShard(
    int shardId,
    int shardCount,
    Uri gatewayUrl,
    string token,
    IdentifyGate identifyGate,
    DiscordTimings timings,
    TimeProvider time,
    Func<string, JsonElement, CancellationToken, Task> onDispatch,
    ILogger logger) : IDisposable
{
    /// <summary>GUILDS only: interactions arrive without any intent, and nothing else is read.</summary>
    public const int Intents = 1 << 0;

    // A close code of our own in the 4000s keeps the session resumable (1000/1001 would end it).
    private const WebSocketCloseStatus ReconnectClose = (WebSocketCloseStatus)4900;

    private readonly SemaphoreSlim sendLock = new(1, 1);
    private string? sessionId;
    private Uri? resumeUrl;
    private int? sequence;

    public int ShardId => shardId;

    /// <summary>Why the shard stopped; <see cref="ShardStopReason.None"/> while it runs.</summary>
    public ShardStopReason StopReason { get; private set; }

    /// <summary>The close code that stopped the shard, when <see cref="StopReason"/> is <see cref="ShardStopReason.FatalCloseCode"/>.</summary>
    public int? FatalCloseCode { get; private set; }

    /// <summary>True after READY or RESUMED on the current connection.</summary>
    public bool IsReady { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            SessionEnd end;
            try
            {
                end = await RunConnectionAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or JsonException or IOException or InvalidOperationException)
            {
                end = SessionEnd.Failed;
                DiscordLog.GatewayConnectionLost(logger, ex, shardId, ex.GetType().Name);
            }

            if (end == SessionEnd.Reconnect && !IsReady)
            {
                // A connection that ended before READY or RESUMED: back off, or a server that keeps
                // closing on us would be hammered in a tight loop.
                end = SessionEnd.Failed;
            }

            IsReady = false;
            if (end == SessionEnd.Fatal)
            {
                StopReason = ShardStopReason.FatalCloseCode;
                return;
            }

            if (end == SessionEnd.Failed)
            {
                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(timings.ReconnectMaxDelay.Ticks, timings.ReconnectBaseDelay.Ticks * (1L << Math.Min(failures - 1, 16))));
                DiscordLog.GatewayReconnecting(logger, shardId, delay, sessionId is not null);
                try
                {
                    await Task.Delay(delay, time, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            else
            {
                failures = 0;
            }
        }

        StopReason = ShardStopReason.Shutdown;
    }

    private enum SessionEnd
    {
        Reconnect,
        Failed,
        Fatal,
    }

    private async Task<SessionEnd> RunConnectionAsync(CancellationToken stopping)
    {
        using var socket = new ClientWebSocket();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var resuming = sessionId is not null && resumeUrl is not null;
        var url = WithQuery(resuming ? resumeUrl! : gatewayUrl);
        DiscordLog.GatewayConnecting(logger, shardId, url.GetLeftPart(UriPartial.Authority), resuming);
        await socket.ConnectAsync(url, connection.Token);

        var limiter = new SlidingWindowLimiter(timings.GatewaySendsPerWindow, timings.GatewaySendWindow, time);
        var hello = await ReceiveAsync(socket, connection.Token);
        if (hello is not { Op: 10 })
        {
            throw new InvalidOperationException("The gateway did not start with Hello.");
        }

        var interval = TimeSpan.FromMilliseconds(hello.D.Deserialize(DiscordJsonContext.Default.HelloData)!.HeartbeatInterval);
        var heartbeat = new HeartbeatState();
        var beating = HeartbeatLoopAsync(socket, limiter, interval, heartbeat, connection.Token);

        try
        {
            if (resuming)
            {
                await SendAsync(socket, limiter, new ResumeCommand { D = new ResumeData { Token = token, SessionId = sessionId!, Seq = sequence } }, DiscordJsonContext.Default.ResumeCommand, connection.Token);
            }
            else
            {
                await IdentifyAsync(socket, limiter, connection.Token);
            }

            while (true)
            {
                GatewayPayload? payload;
                try
                {
                    payload = await ReceiveAsync(socket, connection.Token);
                }
                catch (Exception ex) when (heartbeat.Zombie && ex is WebSocketException or OperationCanceledException)
                {
                    DiscordLog.GatewayZombie(logger, shardId);
                    return SessionEnd.Reconnect;
                }

                if (payload is null)
                {
                    return OnClosed(socket);
                }

                if (payload.S is { } s)
                {
                    sequence = s;
                }

                switch (payload.Op)
                {
                    case 0:
                        OnDispatch(payload, stopping);
                        break;
                    case 1:
                        // Discord asks for a heartbeat now; the interval timer carries on as before.
                        await SendAsync(socket, limiter, new HeartbeatCommand { D = sequence }, DiscordJsonContext.Default.HeartbeatCommand, connection.Token, isHeartbeat: true);
                        break;
                    case 7:
                        DiscordLog.GatewayReconnectRequested(logger, shardId);
                        await CloseForReconnectAsync(socket);
                        return SessionEnd.Reconnect;
                    case 9:
                        var resumable = payload.D.ValueKind == JsonValueKind.True;
                        DiscordLog.GatewayInvalidSession(logger, shardId, resumable);
                        await CloseForReconnectAsync(socket);
                        if (!resumable)
                        {
                            ForgetSession();
                            var wait = timings.InvalidSessionMinDelay + ((timings.InvalidSessionMaxDelay - timings.InvalidSessionMinDelay) * Random.Shared.NextDouble());
                            await Task.Delay(wait, time, stopping);
                        }

                        return SessionEnd.Reconnect;
                    case 11:
                        heartbeat.Acknowledged = true;
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await connection.CancelAsync();
            try
            {
                await beating;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // the heartbeat loop ends with its connection
            }
        }
    }

    private void OnDispatch(GatewayPayload payload, CancellationToken stopping)
    {
        switch (payload.T)
        {
            case "READY":
                var ready = payload.D.Deserialize(DiscordJsonContext.Default.ReadyData)!;
                sessionId = ready.SessionId;
                resumeUrl = Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out var resume) ? resume : gatewayUrl;
                IsReady = true;
                DiscordLog.GatewayReady(logger, shardId, shardCount);
                break;
            case "RESUMED":
                IsReady = true;
                DiscordLog.GatewayResumed(logger, shardId, sequence ?? 0);
                break;
            default:
                break;
        }

        if (payload.T is { } name)
        {
            // Never do work on the receive loop: a slow handler must not delay heartbeats or other events.
            var data = payload.D.Clone();
            _ = Task.Run(() => onDispatch(name, data, stopping), CancellationToken.None);
        }
    }

    private SessionEnd OnClosed(ClientWebSocket socket)
    {
        var code = (int?)socket.CloseStatus ?? 0;
        switch (code)
        {
            case 4004:
            case >= 4010 and <= 4014:
                FatalCloseCode = code;
                var meaning = FatalMeaning(code);
                DiscordLog.GatewayFatalClose(logger, shardId, code, meaning);
                return SessionEnd.Fatal;
            case 4007: // invalid sequence
            case 4009: // session timed out
                ForgetSession();
                DiscordLog.GatewayClosed(logger, shardId, code, resume: false);
                return SessionEnd.Reconnect;
            default:
                DiscordLog.GatewayClosed(logger, shardId, code, resume: sessionId is not null);
                return SessionEnd.Reconnect;
        }
    }

    private static string FatalMeaning(int code) => code switch
    {
        4004 => "authentication failed: the bot token is wrong or was reset; set Discord:Token to the current token",
        4010 => "invalid shard",
        4011 => "sharding required: the bot is in too many guilds for one shard",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable the privileged intent in the developer portal or stop requesting it",
        _ => "unknown",
    };

    private void ForgetSession()
    {
        sessionId = null;
        resumeUrl = null;
        sequence = null;
    }

    private async Task IdentifyAsync(ClientWebSocket socket, SlidingWindowLimiter limiter, CancellationToken cancellationToken)
    {
        await identifyGate.WaitAsync(shardId, cancellationToken);
        var identify = new IdentifyCommand
        {
            D = new IdentifyData
            {
                Token = token,
                Intents = Intents,
                Properties = new IdentifyProperties(),
                Shard = [shardId, shardCount],
            },
        };
        await SendAsync(socket, limiter, identify, DiscordJsonContext.Default.IdentifyCommand, cancellationToken);
    }

    private async Task HeartbeatLoopAsync(ClientWebSocket socket, SlidingWindowLimiter limiter, TimeSpan interval, HeartbeatState state, CancellationToken cancellationToken)
    {
        // The first beat waits a random fraction of the interval so that many clients don't beat in step.
        await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!state.Acknowledged)
            {
                // No ACK since the last beat: the connection is a zombie. Drop it; the session resumes.
                state.Zombie = true;
                socket.Abort();
                return;
            }

            state.Acknowledged = false;
            await SendAsync(socket, limiter, new HeartbeatCommand { D = sequence }, DiscordJsonContext.Default.HeartbeatCommand, cancellationToken, isHeartbeat: true);
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    private async Task SendAsync<T>(ClientWebSocket socket, SlidingWindowLimiter limiter, T payload, JsonTypeInfo<T> type, CancellationToken cancellationToken, bool isHeartbeat = false)
    {
        // Heartbeats must never wait behind other sends: Discord allows 120 sends a minute and we
        // send far fewer than that otherwise, so only non-heartbeat sends are counted.
        if (!isHeartbeat)
        {
            await limiter.WaitAsync(cancellationToken);
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, type);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private static async Task<GatewayPayload?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(buffer.WrittenSpan, DiscordJsonContext.Default.GatewayPayload);
            }
        }
    }

    private static async Task CloseForReconnectAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(ReconnectClose, "reconnecting", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The socket is being replaced anyway.
        }
    }

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    public void Dispose() => sendLock.Dispose();

    private sealed class HeartbeatState
    {
        public volatile bool Acknowledged = true;
        public volatile bool Zombie;
    }
}
