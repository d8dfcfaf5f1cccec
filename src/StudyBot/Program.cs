using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StudyBot.App.Cli;
using StudyBot.App.Hosting;

if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    using var host = StudyBotHost.CreateBuilder(args).Build();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("StudyBot cannot start: its configuration has problems.");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }

    return 2;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync("StudyBot cannot start: " + ex.Message);
    return 2;
}
