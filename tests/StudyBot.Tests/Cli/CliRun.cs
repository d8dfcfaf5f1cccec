using StudyBot.App.Cli;

namespace StudyBot.Tests.Cli;

/// <summary>Runs a verb in-process, as <c>studybot ...</c> would, capturing what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CliVerbs.RunAsync(args, output, errors, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (code, output.ToString(), errors.ToString());
    }
}
