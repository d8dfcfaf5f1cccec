using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace StudyBot.Tests.Faults;

/// <summary>The real program on the local channel, answering as fast as answers are piped in, killed with SIGKILL
/// at random moments and restarted on the same database: every answer whose receipt reached the terminal must
/// be in the database afterwards.</summary>
public sealed partial class KillDurabilityTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public async Task KilledMidAnswers_ManyTimes_EveryReceiptedAnswerIsInTheDatabase()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var (folder, bank, database) = LocalSession.Workspace();
        var environment = BotEnvironment(bank, database);
        var receipted = new HashSet<string>(StringComparer.Ordinal);
        var losses = new List<string>();
        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                using var bot = StartBot(environment);
                var lines = new List<string>();
                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var reading = Task.Run(async () =>
                {
                    while (await bot.StandardOutput.ReadLineAsync() is { } line)
                    {
                        lock (lines)
                        {
                            lines.Add(line);
                        }

                        if (line.StartsWith("StudyBot local channel", StringComparison.Ordinal))
                        {
                            ready.TrySetResult();
                        }
                    }
                });
                await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

                // The restart recovered: every answer receipted before any earlier kill is stored.
                losses.AddRange(Missing(database, receipted));

                // Answers keep coming until the kill, so the kill lands among commits and receipts.
                var script = string.Concat(Enumerable.Range(0, 3000).Select(i => $"/as k{kill:00}m{i:0000}\n/answer B\n"));
                var feeding = Task.Run(async () =>
                {
                    try
                    {
                        await bot.StandardInput.WriteAsync("/daily\n" + script);
                    }
                    catch (IOException)
                    {
                        // the pipe broke at the kill
                    }
                });
                await Task.Delay(random.Next(100, 1500));
                bot.Kill(); // SIGKILL on Unix: no shutdown code runs
                await bot.WaitForExitAsync();
                await reading.WaitAsync(TimeSpan.FromSeconds(10));
                await feeding.WaitAsync(TimeSpan.FromSeconds(10));
                lock (lines)
                {
                    receipted.UnionWith(Receipted(lines));
                }
            }

            // The last kill's receipts are checked after one more restart.
            using (var last = StartBot(environment))
            {
                while (await last.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("StudyBot local channel", StringComparison.Ordinal))
                {
                }

                losses.AddRange(Missing(database, receipted));
                await last.StandardInput.WriteAsync("/quit\n");
                last.StandardInput.Close();
                await last.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }

            output.WriteLine($"kills: {Kills}, receipted answers: {receipted.Count}, lost: {losses.Distinct().Count()} (seed {seed})");
            Assert.True(receipted.Count >= Kills, $"only {receipted.Count} receipts in {Kills} runs: the kills came too early to test anything");
            Assert.Empty(losses.Distinct());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> BotEnvironment(string bank, string database)
    {
        // Local noon, so the round opened by /daily stays open for hours whatever the time of day the test runs.
        var offset = 12 - DateTime.UtcNow.Hour;
        var zone = offset >= 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}";
        return new()
        {
            ["STUDYBOT_BANK__PATH"] = bank,
            ["STUDYBOT_DATABASE__PATH"] = database,
            ["STUDYBOT_LOCALCHANNEL__TIMEZONE"] = zone,
            ["STUDYBOT_LOCALCHANNEL__DAILYAT"] = "00:00",
            ["STUDYBOT_LOCALCHANNEL__REVEALAT"] = "23:59",
        };
    }

    private static Process StartBot(Dictionary<string, string> environment)
    {
        var start = LocalSession.ProgramStart(environment);
        start.Environment.Remove("STUDYBOT_DISCORD__TOKEN");
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>User ids whose "recorded" receipt was printed: the local channel echoes "/as" as "(You are now X.)"
    /// and the receipt follows that member's /answer.</summary>
    private static IEnumerable<string> Receipted(List<string> lines)
    {
        string? current = null;
        foreach (var line in lines)
        {
            if (ActingAs().Match(line) is { Success: true } match)
            {
                current = match.Groups[1].Value.ToLowerInvariant();
            }
            else if (current is not null && line.Contains("is recorded", StringComparison.Ordinal))
            {
                yield return current;
            }
        }
    }

    private static List<string> Missing(string database, HashSet<string> receipted)
    {
        if (receipted.Count == 0)
        {
            return [];
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT a.user_id FROM daily_answers a JOIN daily_rounds r ON r.id = a.round_id WHERE r.group_id = 'local'";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }

        return [.. receipted.Where(r => !stored.Contains(r)).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r} (receipted, not stored)"))];
    }

    [GeneratedRegex(@"^\(You are now (.+)\.\)$")]
    private static partial Regex ActingAs();
}
