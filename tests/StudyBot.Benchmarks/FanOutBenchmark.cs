using System.Diagnostics;
using System.Globalization;
using StudyBot.Daily;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Groups;
using StudyBot.Outbox;

namespace StudyBot.Benchmarks;

/// <summary>P3: every group's daily post due at the same minute, delivered by the real outbox dispatcher through
/// the real Discord REST client to the emulator, which enforces 50 requests/s globally and 5/s per route bucket.</summary>
internal static class FanOutBenchmark
{
    public static async Task<Figure> RunAsync(int groups)
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        using var scratch = new Scratch("p3");
        using var bot = await BotUnderTest.CreateAsync(scratch.Folder, emulator.ApiBaseUrl, DiscordEmulator.Token);
        var store = bot.Get<IGroupStore>();
        var daily = bot.Get<DailyService>();

        // The minute comes: every group's round is opened (as OpenDailyRoundJob does), each writing its post to the outbox.
        var opening = Stopwatch.StartNew();
        var today = BotUnderTest.Group("x", "x").LocalDate(DateTimeOffset.UtcNow);
        await Parallel.ForEachAsync(Enumerable.Range(0, groups), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var group = BotUnderTest.Group($"guild-{i:00000}", (310000000000000000 + i).ToString(CultureInfo.InvariantCulture));
            emulator.AddChannel(group.ChannelId);
            await store.SaveAsync(group, ct);
            await daily.OpenRoundAsync(group, today, ct);
        });
        opening.Stop();

        var dispatcher = bot.Get<OutboxDispatcher>();
        var start = Stopwatch.GetTimestamp();
        var delivered = 0;
        while (delivered < groups)
        {
            var pass = await dispatcher.DispatchDueAsync(CancellationToken.None);
            if (pass == 0)
            {
                var seen = string.Join("; ", emulator.Requests.Take(3).Select(r => $"{r.Method} {r.Path} -> {r.Status}"));
                throw new InvalidOperationException($"P3: the dispatcher stopped after {delivered} of {groups} posts; the emulator saw {emulator.Requests.Count} requests: {seen}");
            }

            delivered += pass;
        }

        var seconds = Latencies.Ms(Stopwatch.GetTimestamp() - start) / 1000;
        var posts = emulator.RequestsTo("POST", "/messages").Count(r => r.Status == 200);
        var tooMany = emulator.Requests.Count(r => r.Status == 429);
        var rate = posts / seconds;
        var ratio = rate / emulator.GlobalLimit;
        return new Figure("P3", $"fan-out: {groups:#,0} groups due at once, posts/s", rate, "req/s", "≥ 0.95 × 50 req/s, 0 × 429", ratio >= 0.95 && tooMany == 0)
        {
            Reference = emulator.GlobalLimit,
            Ratio = ratio,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"{posts:#,0} posts in {seconds:0.0} s, {tooMany} × 429 ({emulator.UnrequestedRateLimits} unrequested), {emulator.SchemaErrors.Count} schema errors; opening {groups:#,0} rounds took {opening.Elapsed.TotalSeconds:0.0} s"),
        };
    }
}
