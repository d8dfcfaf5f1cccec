using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyBot.Questions;

namespace StudyBot.App.Hosting;

/// <summary>Where the question bank is read from. Section "Bank".</summary>
public sealed class BankOptions
{
    public const string Section = "Bank";

    /// <summary>A folder of native YAML files, or one file. Relative paths are tried from the working
    /// directory first, then from the program's folder (where the shipped config/bank is copied).</summary>
    public string Path { get; set; } = "config/bank";

    public string ResolvedPath => HostPaths.Resolve(Path);
}

/// <summary>Loads the bank once per path; a bank with problems stops the host with every problem listed.</summary>
public sealed class BankProvider
{
    private readonly ConcurrentDictionary<string, Lazy<(QuestionBank? Bank, IReadOnlyList<BankProblem> Problems)>> loaded = new(StringComparer.Ordinal);

    public (QuestionBank? Bank, IReadOnlyList<BankProblem> Problems) Load(string path) =>
        loaded.GetOrAdd(path, p => new(() => BankLoader.Load(p))).Value;

    public QuestionBank Bank(string path) => Load(path).Bank
        ?? throw new InvalidOperationException("The question bank did not load: " + string.Join("; ", Load(path).Problems));
}

public sealed class BankOptionsValidator(BankProvider provider) : IValidateOptions<BankOptions>
{
    private const int MaxListed = 50;

    public ValidateOptionsResult Validate(string? name, BankOptions options)
    {
        var problems = provider.Load(options.ResolvedPath).Problems;
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = problems.Take(MaxListed).Select(p => $"Bank:Path ({options.ResolvedPath}): {p}").ToList();
        if (problems.Count > MaxListed)
        {
            failures.Add($"... and {problems.Count - MaxListed} more problems");
        }

        return ValidateOptionsResult.Fail(failures);
    }
}

public static class BankSetup
{
    public static IServiceCollection AddQuestionBank(this IServiceCollection services)
    {
        services.AddOptions<BankOptions>().BindConfiguration(BankOptions.Section).ValidateOnStart();
        services.AddSingleton<BankProvider>();
        services.AddSingleton<IValidateOptions<BankOptions>, BankOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<BankProvider>().Bank(sp.GetRequiredService<IOptions<BankOptions>>().Value.ResolvedPath));
        services.AddSingleton<IQuestionSource, QuestionSource>();
        services.AddSingleton<StudyBot.Interactions.ICommandHandler, BankCommand>();
        return services;
    }
}

/// <summary>Resolves relative paths of files the program ships (config/...).</summary>
public static class HostPaths
{
    public static string Resolve(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return System.IO.Path.GetFullPath(path);
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, path);
    }
}
