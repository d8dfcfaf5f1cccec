using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.Interactions;

/// <summary>
/// Bad INTERACTION_CREATE payloads: random JSON, real payloads with a field removed or replaced by a value of
/// the wrong type, and huge strings. A payload either fails to parse with a JsonException (which the gateway
/// logs as unreadable and drops) or is answered exactly once, without an exception escaping the dispatcher.
/// </summary>
public sealed class InteractionPayloadPropertyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Cases = 500;

    private static readonly string[] Keys =
    [
        "id", "application_id", "type", "token", "version", "guild_id", "channel_id", "member", "user", "data", "message",
        "custom_id", "component_type", "name", "options", "value", "focused", "permissions", "nick", "global_name",
        "username", "components", "component", "roles",
    ];

    private BotHarness bot = null!;
    private InteractionDispatcher dispatcher = null!;

    public async Task InitializeAsync()
    {
        bot = await BotHarness.CreateAsync(start: false);
        dispatcher = (InteractionDispatcher)bot.Services.GetService(typeof(InteractionDispatcher))!;
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public void RandomJson_ParsesOrIsRefusedCleanly_AndParsedOnesAreAnsweredOnce()
    {
        var stats = new Stats();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), Prop.ForAll(Arb.From(Json(3)), node => ParsesOrAnswersOnce(node, stats)));
        output.WriteLine($"{stats.Cases} random payloads: {stats.Unreadable} refused as unreadable JSON, {stats.Dispatched} parsed and answered once each");
        Assert.True(stats.Dispatched > 0, "no random payload parsed, so the dispatcher was never exercised");
    }

    [Fact]
    public void RealPayloads_WithAFieldRemovedOrOfTheWrongType_AreAnsweredOnce()
    {
        var stats = new Stats();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), Prop.ForAll(Arb.From(Mutated()), node => ParsesOrAnswersOnce(node, stats)));
        output.WriteLine($"{stats.Cases} mutated payloads: {stats.Unreadable} refused as unreadable JSON, {stats.Dispatched} parsed and answered once each");
        Assert.True(stats.Dispatched > Cases / 2, "most mutated payloads should still parse and reach the dispatcher");
    }

    private async Task ParsesOrAnswersOnce(JsonNode? node, Stats stats)
    {
        Interlocked.Increment(ref stats.Cases);
        var json = node?.ToJsonString() ?? "null";
        DiscordInteraction? interaction;
        try
        {
            using var document = JsonDocument.Parse(json);
            interaction = document.RootElement.Deserialize(DiscordJsonContext.Default.DiscordInteraction);
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref stats.Unreadable);
            return; // InteractionDispatcher.DispatchGatewayEventAsync logs these as unreadable and drops them
        }

        if (interaction is null)
        {
            Interlocked.Increment(ref stats.Unreadable);
            return;
        }

        var answers = new List<InteractionCallbackPayload>();
        await dispatcher.DispatchAsync(
            interaction,
            (callback, _) =>
            {
                answers.Add(callback);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        Assert.Single(answers);
        Interlocked.Increment(ref stats.Dispatched);
    }

    private sealed class Stats
    {
        public int Cases;
        public int Unreadable;
        public int Dispatched;
    }

    private static Gen<JsonNode?> Json(int depth)
    {
        var scalars = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements(1e300, -1.5, 0.0, 18446744073709551615.0).Select(d => (JsonNode?)JsonValue.Create(d)),
            Strings().Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return scalars;
        }

        var child = Json(depth - 1);
        var array = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(child, n)).Select(items => (JsonNode?)new JsonArray([.. items]));
        var obj = Gen.Choose(0, 8).SelectMany(n => Gen.ListOf(Gen.Zip(Gen.Elements(Keys), child), n)).Select(fields =>
        {
            var o = new JsonObject();
            foreach (var (key, value) in fields)
            {
                o[key] = value;
            }

            return (JsonNode?)o;
        });
        return Gen.Frequency((2, scalars), (2, array), (6, obj));
    }

    private static Gen<string> Strings() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
        Gen.Elements("2", "3", "8", "1024", "daily:1:B", "exam:1:0:a:0:A", "", ":", "::::", "\u0000", "-1", "99999999999999999999999"),
        Gen.Choose(10_000, 200_000).Select(n => new string('9', n)));

    /// <summary>A real payload of each kind with one field (at any depth) removed or replaced by random JSON.</summary>
    private static Gen<JsonNode?> Mutated() =>
        from kind in Gen.Choose(0, 4)
        from pick in Gen.Choose(0, 1000)
        from remove in ArbMap.Default.GeneratorFor<bool>()
        from replacement in Json(2)
        select Mutate(Payload(kind), pick, remove, replacement);

    private static JsonNode Payload(int kind) => kind switch
    {
        0 => Payloads.Command("answer", [Payloads.Option("choice", "a")]),
        1 => Payloads.Command("setup", [Payloads.Subcommand("time", Payloads.Option("at", "09:00"))]),
        2 => Payloads.Click("daily:42:B"),
        3 => Payloads.Autocomplete("leaderboard", "area", "icd"),
        _ => Payloads.ModalSubmit("report:42", "reason", "typo"),
    };

    private static JsonNode? Mutate(JsonNode payload, int pick, bool remove, JsonNode? replacement)
    {
        payload["id"] = "800000000000000008";
        payload["token"] = "itoken-fuzz";
        payload["application_id"] = "100000000000000001";
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(payload, slots);
        var (parent, key) = slots[pick % slots.Count];
        switch (parent, key)
        {
            case (JsonObject o, string name) when remove:
                o.Remove(name);
                break;
            case (JsonObject o, string name):
                o[name] = replacement;
                break;
            case (JsonArray a, int index) when remove:
                a.RemoveAt(index);
                break;
            case (JsonArray a, int index):
                a[index] = replacement;
                break;
        }

        return payload;
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    slots.Add((o, name));
                    if (value is not null)
                    {
                        Collect(value, slots);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i));
                    if (a[i] is { } item)
                    {
                        Collect(item, slots);
                    }
                }

                break;
        }
    }
}
