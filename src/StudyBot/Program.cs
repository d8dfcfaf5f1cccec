using Microsoft.Extensions.Hosting;
using StudyBot.App.Cli;
using StudyBot.App.Hosting;

if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    using var host = StudyBotHost.CreateBuilder(args).Build();
    var problems = StudyBotHost.ConfigurationProblems(host.Services);
    if (problems.Count > 0)
    {
        await Console.Error.WriteLineAsync("StudyBot cannot start: its configuration has problems.");
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync("  - " + problem);
        }

        return 2;
    }

    await host.RunAsync();
    return 0;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync("StudyBot cannot start: " + ex.Message);
    return 2;
}
