using System.Diagnostics;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Interactions;

namespace StudyBot.Tests.Faults;

/// <summary>Refusals through the whole Discord path (payload → mapper → router → feature → SQLite) with the real
/// command set, and the real program's log output. The router's own admin check (with a fake command), forged
/// buttons at the service level, exam screens of another member, stale HTTP signatures and the Discord adapter's
/// logs are covered where those parts are tested; these add what only the assembled bot can show.</summary>
public sealed class SecurityTests
{
    private const string GuildA = "210000000000000001";
    private const string GuildB = "210000000000000002";

    [Fact]
    public async Task EveryAdminCommand_FromAMemberWithoutManageServer_IsRefused_AndChangesNothing()
    {
        using var app = await DiscordAppHarness.CreateAsync();
        await app.Get<IGroupStore>().SaveAsync(Group(GuildA), default);
        var definitions = app.Get<InteractionRouter>().Definitions;
        var adminOnly = definitions
            .SelectMany(d => d.Subcommands.Count == 0
                ? (d.AdminOnly ? [(d.Name, (string?)null)] : [])
                : d.Subcommands.Where(s => d.AdminOnly || s.AdminOnly).Select(s => (d.Name, (string?)s.Name)))
            .ToList();
        Assert.Contains(adminOnly, c => c.Name == "daily");
        Assert.Contains(adminOnly, c => c.Name == "reveal");

        foreach (var (name, subcommand) in adminOnly)
        {
            foreach (var member in new[] { DiscordAppHarness.Member("400000000000000009"), DiscordAppHarness.Member("400000000000000009", "0") })
            {
                var reply = await app.SendAsync(DiscordAppHarness.Command(GuildA, member, name, subcommand));
                Assert.Contains("Only group admins", reply, StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, app.Count("SELECT COUNT(*) FROM daily_rounds"));
        Assert.Equal(0, app.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, app.Count("SELECT COUNT(*) FROM exams"));
        Assert.Equal(1, app.Count("SELECT COUNT(*) FROM groups WHERE paused = 0"));

        // The same command from a member with Manage Server runs.
        var admin = await app.SendAsync(DiscordAppHarness.Command(GuildA, DiscordAppHarness.Member("400000000000000001", DiscordAppHarness.AdminPermissions), "daily"));
        Assert.Contains("on its way to the channel", admin, StringComparison.Ordinal);
        Assert.Equal(1, app.Count("SELECT COUNT(*) FROM daily_rounds"));
    }

    [Fact]
    public async Task ForgedAnswerButtons_AnotherGroupsRoundOrAnotherMembersName_AreRefused_AndNothingIsStored()
    {
        using var app = await DiscordAppHarness.CreateAsync();
        var groups = app.Get<IGroupStore>();
        var daily = app.Get<DailyService>();
        await groups.SaveAsync(Group(GuildA), default);
        await groups.SaveAsync(Group(GuildB), default);
        var today = Group(GuildA).LocalDate(DateTimeOffset.UtcNow);
        var (roundA, _) = await daily.OpenRoundAsync(Group(GuildA), today, default);
        static System.Text.Json.Nodes.JsonObject Mallory() => DiscordAppHarness.Member("400000000000000066");
        const string Alice = "400000000000000011";

        // Guild B's member answers guild A's round by editing the round id in the custom id.
        var otherGroup = await app.SendAsync(DiscordAppHarness.Click(GuildB, Mallory(), $"daily:{roundA.Id}:B"));
        Assert.Contains("is not one of this group", otherGroup, StringComparison.Ordinal);

        // A member of guild A tries to put an answer in Alice's name into the custom id.
        foreach (var forged in new[] { $"daily:{roundA.Id}:B:{Alice}", $"daily:{roundA.Id}:B&user={Alice}", $"daily:{roundA.Id}:{Alice}", $"daily:{Alice}:B" })
        {
            var reply = await app.SendAsync(DiscordAppHarness.Click(GuildA, Mallory(), forged));
            Assert.DoesNotContain("is recorded", reply, StringComparison.Ordinal);
        }

        Assert.Equal(0, app.Count("SELECT COUNT(*) FROM daily_answers"));

        // A genuine click is recorded under the member who clicked, whatever the payload claims elsewhere.
        var genuine = await app.SendAsync(DiscordAppHarness.Click(GuildA, Mallory(), $"daily:{roundA.Id}:B"));
        Assert.Contains("is recorded", genuine, StringComparison.Ordinal);
        Assert.Equal(1, app.Count("SELECT COUNT(*) FROM daily_answers WHERE user_id = '400000000000000066'"));
        Assert.Equal(0, app.Count($"SELECT COUNT(*) FROM daily_answers WHERE user_id = '{Alice}'"));
    }

    [Fact]
    public async Task RealProgram_WithAToken_FailingToReachDiscord_AndWithBadSettings_NeverLogsTheToken()
    {
        const string Token = "MTAwMDAwMDAwMDAwMDAwMDAx.Gx9Zq1.secret-token-value_never_logged";
        var (folder, bank, database) = LocalSession.Workspace();
        try
        {
            // Nothing listens on these: every REST call and gateway connect fails and is logged, at Trace level.
            var failing = await RunAsync(TimeSpan.FromSeconds(90), "failed with HttpRequestException (attempt 2)", new()
            {
                ["STUDYBOT_DISCORD__TOKEN"] = Token,
                ["STUDYBOT_DISCORD__APPLICATIONID"] = "100000000000000001",
                ["STUDYBOT_DISCORD__APIBASEURL"] = "http://127.0.0.1:9/api/v10",
                ["STUDYBOT_DISCORD__GATEWAYURL"] = "ws://127.0.0.1:9/gateway",
                ["STUDYBOT_LOGGING__LOGLEVEL__DEFAULT"] = "Trace",
                ["STUDYBOT_BANK__PATH"] = bank,
                ["STUDYBOT_DATABASE__PATH"] = database,
            });
            Assert.Contains("failed with HttpRequestException", failing, StringComparison.Ordinal); // the failures were logged
            Assert.DoesNotContain(Token, failing, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token-value", failing, StringComparison.Ordinal);

            // Settings that stop the host at start: the problems are listed, the token is not.
            var refused = await RunAsync(TimeSpan.FromSeconds(90), until: null, new()
            {
                ["STUDYBOT_DISCORD__TOKEN"] = Token,
                ["STUDYBOT_DISCORD__DEFERAFTER"] = "00:00:10",
                ["STUDYBOT_BANK__PATH"] = bank,
                ["STUDYBOT_DATABASE__PATH"] = database,
            });
            Assert.Contains("DeferAfter", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token-value", refused, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static StudyGroup Group(string id) =>
        new(id, ChatPlatformKind.Discord, "chan-" + id, "UTC", new LocalTime(0, 0), new LocalTime(23, 59), IsoDayOfWeek.Monday);

    /// <summary>Runs studybot.dll until it exits, or its output contains <paramref name="until"/>, or
    /// <paramref name="limit"/> passes (then kills it); returns stdout and stderr.</summary>
    private static async Task<string> RunAsync(TimeSpan limit, string? until, Dictionary<string, string> environment)
    {
        var start = LocalSession.ProgramStart(environment);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        async Task Collect(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        var reading = Task.WhenAll(Collect(process.StandardOutput), Collect(process.StandardError));
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < limit)
        {
            lock (output)
            {
                if (until is not null && output.ToString().Contains(until, StringComparison.Ordinal))
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await reading;
        lock (output)
        {
            return output.ToString();
        }
    }
}
