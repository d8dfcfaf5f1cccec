using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.App.Hosting;
using StudyBot.Data;

namespace StudyBot.App.Cli;

/// <summary>
/// The admin verbs of the executable (<c>studybot bank validate|import|export</c>, <c>studybot codes import</c>).
/// Without a verb the program runs the bot. Exit codes: 0 done, 1 the input has problems (listed; nothing
/// stored), 2 the command line is wrong.
/// </summary>
public static class CliVerbs
{
    public const int Ok = 0;
    public const int InputProblems = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Usage:
          studybot                                   run the bot (Discord when a token is set, else the local channel)
          studybot bank validate <file|folder> [--format yaml|csv|gift|aiken|red] [--area <key>] [--codes <icd10cm order file>] [--hcpcs <file>]
          studybot bank import <file|folder> [--group <id>] [--format ...] [--area <key>] [--database <path>]
          studybot bank export <folder|file.yaml> [--group <id>] [--database <path>]
          studybot codes import <file> [--database <path>]
        """;

    /// <summary>True when the first argument names a verb rather than host configuration.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var verb = string.Join(' ', args.Take(2)).ToLowerInvariant();
        var rest = args.Skip(2);
        switch (verb)
        {
            case "bank validate":
                return await BankVerbs.ValidateAsync(rest, output, errors);
            case "bank import":
                return await BankVerbs.ImportAsync(rest, output, errors, cancellationToken);
            case "bank export":
                return await BankVerbs.ExportAsync(rest, output, errors, cancellationToken);
            case "codes import":
                return await CodesVerbs.ImportAsync(rest, output, errors, cancellationToken);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(UsageText);
                return Ok;
            default:
                await errors.WriteLineAsync($"studybot: '{string.Join(' ', args.Take(2))}' is not a command.");
                await errors.WriteLineAsync(UsageText);
                return Usage;
        }
    }

    /// <summary>Writes a usage error and returns <see cref="Usage"/>.</summary>
    internal static async Task<int> UsageErrorAsync(TextWriter errors, string verb, string message)
    {
        await errors.WriteLineAsync($"studybot {verb}: {message}");
        await errors.WriteLineAsync(UsageText);
        return Usage;
    }

    /// <summary>The bot's database, as the bot itself would find it (config/appsettings.json, STUDYBOT_DATABASE__PATH),
    /// or the one named by --database; brought up to date before use.</summary>
    internal static async Task<SqliteDatabase> OpenDatabaseAsync(string? path, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true)
            .AddEnvironmentVariables(StudyBotHost.EnvironmentPrefix)
            .Build();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (path is not null)
        {
            options.Path = path;
        }

        var database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(options));
        await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        return database;
    }
}
