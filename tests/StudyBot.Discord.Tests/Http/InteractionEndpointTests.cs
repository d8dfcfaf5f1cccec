using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Http;

public sealed class InteractionEndpointTests : IAsyncLifetime
{
    private readonly Ed25519PrivateKeyParameters privateKey;
    private readonly string publicKeyHex;
    private BotHarness bot = null!;
    private Uri endpoint = null!;
    private static readonly HttpClient client = new();

    public InteractionEndpointTests()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        privateKey = (Ed25519PrivateKeyParameters)pair.Private;
        publicKeyHex = Convert.ToHexString(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()).ToLowerInvariant();
    }

    public async Task InitializeAsync()
    {
        bot = await BotHarness.CreateAsync(settings: new()
        {
            ["Discord:Mode"] = "Http",
            ["Discord:PublicKey"] = publicKeyHex,
            ["Discord:HttpListenUrl"] = "http://127.0.0.1:0/interactions",
        });
        endpoint = await bot.Services.GetRequiredService<DiscordHostedService>().HttpEndpointAddress.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string Sign(string timestamp, string body)
    {
        var message = Encoding.UTF8.GetBytes(timestamp + body);
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant();
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return await client.SendAsync(request);
    }

    private const string PingBody = """{"id":"1","application_id":"100000000000000001","type":1,"token":"t","version":1}""";

    [Fact]
    public async Task Ping_ValidSignature_AnswersPong()
    {
        var timestamp = Now();

        using var response = await PostAsync(PingBody, timestamp, Sign(timestamp, PingBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task TamperedBody_Is401()
    {
        var timestamp = Now();
        var signature = Sign(timestamp, PingBody);

        using var response = await PostAsync(PingBody.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal), timestamp, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TamperedTimestamp_Is401()
    {
        var timestamp = Now();
        var signature = Sign(timestamp, PingBody);

        using var response = await PostAsync(PingBody, (long.Parse(timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ReplayedOldRequest_CorrectlySigned_Is401()
    {
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(PingBody, old, Sign(old, PingBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-301)] // just past Discord's 5-minute window
    [InlineData(-86_400)] // a request captured a day ago
    [InlineData(301)] // a timestamp from the future, past the window
    public async Task ReplayedCommand_CorrectlySignedWithAStaleTimestamp_Is401_AndTheCommandNeverRuns(int ageSeconds)
    {
        var interaction = Payloads.Command("answer", [Payloads.Option("choice", "a")]);
        interaction["id"] = "800000000000000010";
        interaction["application_id"] = Emulator.DiscordEmulator.ApplicationId;
        interaction["token"] = "http-token-replayed";
        var body = interaction.ToJsonString();
        var stale = DateTimeOffset.UtcNow.AddSeconds(ageSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(body, stale, Sign(stale, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Handler.Commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public async Task ReplayedCommand_WithAnUnreadableTimestamp_Is401_AndTheCommandNeverRuns(string timestamp)
    {
        var interaction = Payloads.Command("answer", [Payloads.Option("choice", "a")]);
        interaction["id"] = "800000000000000011";
        interaction["application_id"] = Emulator.DiscordEmulator.ApplicationId;
        interaction["token"] = "http-token-bad-time";
        var body = interaction.ToJsonString();

        using var response = await PostAsync(body, timestamp, Sign(timestamp, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Handler.Commands);
    }

    [Fact]
    public async Task SignatureFromAnotherKey_Is401()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var otherKey = (Ed25519PrivateKeyParameters)generator.GenerateKeyPair().Private;
        var timestamp = Now();
        var message = Encoding.UTF8.GetBytes(timestamp + PingBody);
        var signer = new Ed25519Signer();
        signer.Init(true, otherKey);
        signer.BlockUpdate(message, 0, message.Length);

        using var response = await PostAsync(PingBody, timestamp, Convert.ToHexString(signer.GenerateSignature()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MissingSignature_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(PingBody, Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignedCommand_IsHandled_AndAnsweredInTheHttpResponse()
    {
        var interaction = Payloads.Command("leaderboard");
        interaction["id"] = "800000000000000008";
        interaction["application_id"] = Emulator.DiscordEmulator.ApplicationId;
        interaction["token"] = "http-token";
        var body = interaction.ToJsonString();
        var timestamp = Now();

        using var response = await PostAsync(body, timestamp, Sign(timestamp, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var callback = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(4, callback["type"]!.GetValue<int>());
        Assert.Equal("leaderboard", Assert.Single(bot.Handler.Commands).Name);
        Assert.Empty(bot.Emulator.Identifies); // no gateway in HTTP mode
    }

    [Fact]
    public async Task SlowCommand_HttpResponseDefers_ThenTheOriginalIsEditedOverRest()
    {
        var release = new TaskCompletionSource();
        bot.Handler.OnCommand = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new StudyBot.Chat.ReplyResponse(StudyBot.Chat.ChatMessage.Private("Stats", "9 of 12"));
        };
        var interaction = Payloads.Command("stats");
        interaction["id"] = "800000000000000009";
        interaction["application_id"] = Emulator.DiscordEmulator.ApplicationId;
        interaction["token"] = "http-token-slow";
        var body = interaction.ToJsonString();
        var timestamp = Now();

        using var response = await PostAsync(body, timestamp, Sign(timestamp, body));
        var callback = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(5, callback["type"]!.GetValue<int>());
        var tracked = bot.Emulator.TrackHttpInteraction("800000000000000009", "http-token-slow", callback);

        release.SetResult();
        await Eventually.True(() => !tracked.OriginalEdits.IsEmpty, "the original was edited");
        Assert.Equal("Stats", Assert.Single(tracked.OriginalEdits)["embeds"]![0]!["title"]!.GetValue<string>());
    }
}
