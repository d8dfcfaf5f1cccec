using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using StudyBot.Daily;
using StudyBot.Groups;

namespace StudyBot.Benchmarks;

/// <summary>P1 (answer throughput against bare SQLite inserts) and P2 (latency at a steady 2,000 answers/s).</summary>
internal static class AnswerBenchmarks
{
    private const string GuildId = "200000000000000002";
    private const string ChannelId = "300000000000000003";

    /// <summary>How many answers are in flight at once: Discord delivers a burst of clicks to handlers that run
    /// concurrently (the gateway loop never waits for one).</summary>
    private const int Concurrency = 64;

    public static async Task<Figure> ThroughputAsync(int answers, int runs)
    {
        using var scratch = new Scratch("p1");
        using var bot = await BotUnderTest.CreateAsync(scratch.Folder);
        var roundId = await OpenRoundAsync(bot);

        // Warm-up: JIT, connection pool, page cache, for both paths.
        await RunProductAsync(bot, roundId, "warm", 1_000);
        using var bareScratch = new Scratch("p1-bare");
        await BareAsync(bareScratch.File("bare.db"), roundId, "warm", 1_000);

        var product = new List<double>();
        var bare = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // Interleaved, so drift in the shared machine's load hits both alike.
            product.Add(await RunProductAsync(bot, roundId, $"r{run}", answers));
            bare.Add(await BareAsync(bareScratch.File("bare.db"), roundId, $"r{run}", answers));
        }

        var stored = await CountAnswersAsync(bot.DatabasePath, roundId);
        var expected = 1_000 + (runs * answers);
        if (stored != expected)
        {
            throw new InvalidOperationException($"P1: {stored} answers stored, {expected} expected");
        }

        var p = Median.Of(product);
        var b = Median.Of(bare);
        return new Figure("P1", "answer throughput, whole path (payload JSON → receipt JSON)", p, "answers/s", "≥ 0.70 × bare", p / b >= 0.7)
        {
            Reference = b,
            Ratio = p / b,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"median of {runs} runs × {answers:#,0}; {Concurrency} in flight; bare = one connection, prepared INSERT, one transaction per row, WAL + synchronous=FULL; all {stored:#,0} answers verified in the database"),
        };
    }

    public static async Task<Figure> LatencyAsync(int rate, TimeSpan duration)
    {
        using var scratch = new Scratch("p2");
        using var bot = await BotUnderTest.CreateAsync(scratch.Folder);
        var roundId = await OpenRoundAsync(bot);
        await RunProductAsync(bot, roundId, "warm", 1_000);

        var total = (int)(rate * duration.TotalSeconds);
        var payloads = Payloads(roundId, "steady", total);
        var latencies = new Latencies(total);
        var interval = Stopwatch.Frequency / (double)rate;
        var pending = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var i = 0;
        while (i < total)
        {
            // Open loop: answer i is due at start + i/rate whether or not earlier ones finished, and its latency
            // counts from when it was due (no coordinated omission). The pacer releases whatever is due and then
            // sleeps for a timer tick; it never spins, so it does not take a core from the bot on a 2-core machine.
            var now = Stopwatch.GetTimestamp();
            for (; i < total && start + (long)(i * interval) <= now; i++)
            {
                var due = start + (long)(i * interval);
                var payload = payloads[i];
                pending.Add(Task.Run(async () =>
                {
                    var receipt = await bot.HandleAsync(payload, CancellationToken.None);
                    latencies.Add(Stopwatch.GetTimestamp() - due);
                    Check(receipt);
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        var elapsed = Latencies.Ms(Stopwatch.GetTimestamp() - start) / 1000;
        var p99 = latencies.Percentile(99);
        return new Figure("P2", $"answer latency at a steady {rate:#,0}/s: p99", p99, "ms", "p99 ≤ 5 ms", p99 <= 5)
        {
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"p50 {latencies.Percentile(50):0.00} ms, p99 {p99:0.00} ms, max {latencies.Max:0.00} ms; {total:#,0} answers over {duration.TotalSeconds:0} s (achieved {total / elapsed:#,0}/s), open loop, latency from the scheduled arrival"),
        };
    }

    public static async Task<long> OpenRoundAsync(BotUnderTest bot)
    {
        var group = BotUnderTest.Group(GuildId, ChannelId);
        await bot.Get<IGroupStore>().SaveAsync(group, CancellationToken.None);
        var today = group.LocalDate(DateTimeOffset.UtcNow);
        var (round, _) = await bot.Get<DailyService>().OpenRoundAsync(group, today, CancellationToken.None);
        return round.Id;
    }

    private static byte[][] Payloads(long roundId, string tag, int count) =>
        [.. Enumerable.Range(0, count).Select(i => BotUnderTest.ClickPayload(
            1_000_000 + i, GuildId, ChannelId, $"{tag}-{i}", string.Create(CultureInfo.InvariantCulture, $"daily:{roundId}:{"ABCD"[i % 4]}")))];

    /// <summary>Answers/s through the whole inbound path, <see cref="Concurrency"/> at a time.</summary>
    private static async Task<double> RunProductAsync(BotUnderTest bot, long roundId, string tag, int count)
    {
        var payloads = Payloads(roundId, tag, count);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                Check(await bot.HandleAsync(payloads[i], CancellationToken.None));
            }
        })));
        return count / (Latencies.Ms(Stopwatch.GetTimestamp() - start) / 1000);
    }

    private static void Check(byte[] receipt)
    {
        if (!Encoding.UTF8.GetString(receipt).Contains("is recorded", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected receipt: " + Encoding.UTF8.GetString(receipt));
        }
    }

    /// <summary>The reference: the same rows into the same table with the same durability, and nothing else.</summary>
    private static async Task<double> BareAsync(string path, long roundId, string tag, int count)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE IF NOT EXISTS daily_answers (
                    round_id INTEGER NOT NULL, user_id TEXT NOT NULL, display_name TEXT NOT NULL, answer TEXT NOT NULL,
                    answered_at INTEGER NOT NULL, PRIMARY KEY (round_id, user_id)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS daily_answers_user ON daily_answers (user_id, round_id);
                """;
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO daily_answers (round_id, user_id, display_name, answer, answered_at) VALUES ($r, $u, $d, $a, $t)";
        var r = insert.Parameters.Add("$r", SqliteType.Integer);
        var u = insert.Parameters.Add("$u", SqliteType.Text);
        var d = insert.Parameters.Add("$d", SqliteType.Text);
        var a = insert.Parameters.Add("$a", SqliteType.Text);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        insert.Prepare();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            r.Value = roundId;
            u.Value = $"{tag}-{i}";
            d.Value = $"Member {tag}-{i}";
            a.Value = "ABCD"[i % 4].ToString();
            t.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync(); // autocommit: one durable transaction per row, like one receipt per answer
        }

        return count / (Latencies.Ms(Stopwatch.GetTimestamp() - start) / 1000);
    }

    private static async Task<long> CountAnswersAsync(string path, long roundId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM daily_answers WHERE round_id = $r";
        count.Parameters.AddWithValue("$r", roundId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
