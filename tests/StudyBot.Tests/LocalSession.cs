using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.App.Hosting;
using StudyBot.App.Local;

namespace StudyBot.Tests;

/// <summary>Runs the real bot on the local channel with scripted input, in-process or as a child process.</summary>
public static class LocalSession
{
    public const string TestBank = """
        version: 1
        questions:
          - id: ana-001
            area: anatomy
            difficulty: easy
            stem: Which chamber pumps oxygenated blood to the body?
            choices:
              A: Right atrium
              B: Left ventricle
              C: Right ventricle
              D: Left atrium
            answer: B
            rationale: B is right; the left ventricle pumps into the aorta.
            source: test
        """;

    /// <summary>A temporary folder with a one-question bank; returns (folder, bank path, database path).</summary>
    public static (string Folder, string Bank, string Database) Workspace(string bank = TestBank)
    {
        var folder = Directory.CreateTempSubdirectory("studybot-e2e").FullName;
        var bankPath = Path.Combine(folder, "bank.yaml");
        File.WriteAllText(bankPath, bank);
        return (folder, bankPath, Path.Combine(folder, "data", "studybot.db"));
    }

    /// <summary>Runs the host in-process until the script ends; returns everything the terminal showed.</summary>
    public static Task<string> RunInProcessAsync(string script, params string[] args) => RunInProcessAsync(script, args, configure: null);

    /// <summary>As <see cref="RunInProcessAsync(string, string[])"/>, with services replaced (a fake clock, say).</summary>
    public static async Task<string> RunInProcessAsync(string script, string[] args, Action<IServiceCollection>? configure)
    {
        var output = new StringWriter();
        var builder = StudyBotHost.CreateBuilder(args, new LocalConsole(new StringReader(script), output));
        configure?.Invoke(builder.Services);
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.RunAsync(timeout.Token);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return output.ToString();
    }

    /// <summary>How to start the built program (studybot.dll beside the tests) with redirected streams and
    /// <paramref name="environment"/> added to this process's own.</summary>
    public static ProcessStartInfo ProgramStart(IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "studybot.dll")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs the built program as a child process with the script piped to its standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(string script, IDictionary<string, string> environment)
    {
        var start = ProgramStart(environment);
        start.Environment.Remove("STUDYBOT_DISCORD__TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
