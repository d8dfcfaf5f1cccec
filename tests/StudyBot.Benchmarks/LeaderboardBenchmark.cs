using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StudyBot.Daily;
using StudyBot.Groups;

namespace StudyBot.Benchmarks;

/// <summary>P4: /leaderboard (this week's top 10) for a group with a long history against the same read with a
/// short one. History is generated with SQL in one transaction, shaped as reveals leave it: revealed rounds,
/// their answers, and the weekly and all-time aggregates credited at each reveal.</summary>
internal static class LeaderboardBenchmark
{
    private const string GuildId = "200000000000000002";
    private const string ChannelId = "300000000000000003";

    public static async Task<Figure> RunAsync(int bigMembers, int bigRounds, int smallMembers, int smallRounds)
    {
        using var bigScratch = new Scratch("p4-big");
        using var smallScratch = new Scratch("p4-small");
        using var big = await BotUnderTest.CreateAsync(bigScratch.Folder);
        using var small = await BotUnderTest.CreateAsync(smallScratch.Folder);
        var generate = Stopwatch.StartNew();
        var bigAnswers = await GenerateAsync(big, bigMembers, bigRounds);
        var smallAnswers = await GenerateAsync(small, smallMembers, smallRounds);
        generate.Stop();

        var payload = CommandPayload();
        for (var i = 0; i < 200; i++)
        {
            Check(await big.HandleAsync(payload, CancellationToken.None));
            Check(await small.HandleAsync(payload, CancellationToken.None));
        }

        const int Blocks = 6;
        const int PerBlock = 300;
        var bigTimes = new Latencies(Blocks * PerBlock);
        var smallTimes = new Latencies(Blocks * PerBlock);
        for (var block = 0; block < Blocks; block++)
        {
            // Alternating blocks, so a burst of load from the machine's other users lands on both.
            foreach (var (bot, times) in block % 2 == 0 ? new[] { (big, bigTimes), (small, smallTimes) } : [(small, smallTimes), (big, bigTimes)])
            {
                for (var i = 0; i < PerBlock; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var reply = await bot.HandleAsync(payload, CancellationToken.None);
                    times.Add(Stopwatch.GetTimestamp() - start);
                    Check(reply);
                }
            }
        }

        var b = bigTimes.Percentile(50);
        var s = smallTimes.Percentile(50);
        return new Figure("P4", $"/leaderboard week top 10, {bigAnswers / 1e6:0.#}M answers of history (median)", b, "ms", "≤ 1.5 × the 50k-answer read", b / s <= 1.5)
        {
            Reference = s,
            Ratio = b / s,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"{bigMembers:#,0} members × {bigRounds} rounds vs {smallMembers:#,0} × {smallRounds} ({smallAnswers:#,0} answers); p99 {bigTimes.Percentile(99):0.00} vs {smallTimes.Percentile(99):0.00} ms; {Blocks * PerBlock} reads each after 200 warm-up, whole Discord path; generating the data took {generate.Elapsed.TotalSeconds:0} s"),
        };
    }

    private static byte[] CommandPayload() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["id"] = "700000000000000007",
        ["application_id"] = BotUnderTest.ApplicationId,
        ["type"] = 2,
        ["token"] = "itoken-board",
        ["version"] = 1,
        ["guild_id"] = GuildId,
        ["channel_id"] = ChannelId,
        ["member"] = new Dictionary<string, object?>
        {
            ["user"] = new Dictionary<string, object?> { ["id"] = "u000007", ["username"] = "member7" },
            ["permissions"] = "1024",
            ["roles"] = Array.Empty<string>(),
        },
        ["data"] = new Dictionary<string, object?> { ["id"] = "500000000000000005", ["name"] = "leaderboard", ["type"] = 1, ["options"] = Array.Empty<object>() },
    });

    private static void Check(byte[] reply)
    {
        var text = Encoding.UTF8.GetString(reply);
        if (!text.Contains("Member", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("P4: the board came back without members: " + text);
        }
    }

    /// <summary>Members × rounds answers on revealed rounds (one a day back from today), and board rows for the
    /// all-time board and every week those days fall in. Returns the number of answers.</summary>
    private static async Task<long> GenerateAsync(BotUnderTest bot, int members, int rounds)
    {
        var group = BotUnderTest.Group(GuildId, ChannelId);
        await bot.Get<IGroupStore>().SaveAsync(group, CancellationToken.None);
        var today = group.LocalDate(DateTimeOffset.UtcNow);
        var (template, _) = await bot.Get<DailyService>().OpenRoundAsync(group, today, CancellationToken.None);
        var periods = Enumerable.Range(0, rounds).Select(d => group.WeekKey(today.PlusDays(-d))).Append("all").Distinct().ToList();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = bot.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size = -1000000; PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var sql = connection.CreateCommand();
        sql.Transaction = (SqliteTransaction)transaction;
        sql.Parameters.AddWithValue("$template", template.Id);
        sql.Parameters.AddWithValue("$members", members);
        sql.Parameters.AddWithValue("$rounds", rounds);
        sql.Parameters.AddWithValue("$today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        sql.CommandText = """
            UPDATE daily_rounds SET status = 'revealed' WHERE id = $template;
            WITH RECURSIVE d(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM d WHERE x < $rounds - 1)
            INSERT INTO daily_rounds (group_id, local_date, question_id, question_json, channel_id, opened_at, reveal_at, status, revealed_at)
            SELECT t.group_id, date($today, '-' || d.x || ' days'), t.question_id, t.question_json, t.channel_id, t.opened_at, t.reveal_at, 'revealed', t.reveal_at
            FROM d CROSS JOIN daily_rounds t WHERE t.id = $template AND $rounds > 1;
            WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < $members - 1)
            INSERT INTO daily_answers (round_id, user_id, display_name, answer, answered_at)
            SELECT r.id, printf('u%07d', m.x), 'Member ' || m.x, substr('ABCD', 1 + (m.x % 4), 1), r.opened_at + m.x
            FROM daily_rounds r CROSS JOIN m WHERE r.group_id = (SELECT group_id FROM daily_rounds WHERE id = $template)
            ORDER BY r.id, m.x;
            """;
        await sql.ExecuteNonQueryAsync();

        sql.CommandText = """
            WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < $members - 1)
            INSERT INTO board_points (group_id, period, user_id, display_name, points, answered, correct)
            SELECT (SELECT group_id FROM daily_rounds WHERE id = $template), $period, printf('u%07d', m.x), 'Member ' || m.x,
                   abs(random()) % ($rounds + 1), $rounds, abs(random()) % ($rounds + 1)
            FROM m;
            """;
        var period = sql.Parameters.Add("$period", SqliteType.Text);
        foreach (var p in periods)
        {
            period.Value = p;
            await sql.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "SELECT COUNT(*) FROM daily_answers";
        return (long)(await analyze.ExecuteScalarAsync())!;
    }
}
