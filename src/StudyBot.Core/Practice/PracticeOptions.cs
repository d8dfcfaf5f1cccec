using Microsoft.Extensions.Options;

namespace StudyBot.Practice;

/// <summary>How practice sessions run and how readiness is judged. Section "Practice".</summary>
public sealed class PracticeOptions
{
    public const string Section = "Practice";

    /// <summary>A right answer given within this time of the question being shown is rated Easy (else Good).</summary>
    public TimeSpan QuickAnswer { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Questions in a session when the member does not say.</summary>
    public int DefaultQuestions { get; set; } = 10;

    /// <summary>The most questions one session may ask for.</summary>
    public int MaxQuestions { get; set; } = 50;

    /// <summary>Answers an area needs before its accuracy counts as reliable for the readiness estimate.</summary>
    public int ReliableAnswersPerArea { get; set; } = 30;

    /// <summary>The chance of recall FSRS schedules reviews for (FSRS's own default is 0.9).</summary>
    public double DesiredRetention { get; set; } = 0.9;

    /// <summary>The "recent" window of /stats.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Reports every bad Practice setting at once.</summary>
public sealed class PracticeOptionsValidator : IValidateOptions<PracticeOptions>
{
    public ValidateOptionsResult Validate(string? name, PracticeOptions options)
    {
        var failures = new List<string>();
        if (options.QuickAnswer < TimeSpan.Zero || options.QuickAnswer > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Practice:QuickAnswer must be between 00:00:00 and 00:10:00 (was {options.QuickAnswer}).");
        }

        if (options.MaxQuestions is < 1 or > 200)
        {
            failures.Add($"Practice:MaxQuestions must be 1-200 (was {options.MaxQuestions}).");
        }

        if (options.DefaultQuestions < 1 || options.DefaultQuestions > options.MaxQuestions)
        {
            failures.Add($"Practice:DefaultQuestions must be 1-{options.MaxQuestions} (was {options.DefaultQuestions}).");
        }

        if (options.ReliableAnswersPerArea is < 1 or > 1000)
        {
            failures.Add($"Practice:ReliableAnswersPerArea must be 1-1000 (was {options.ReliableAnswersPerArea}).");
        }

        if (options.DesiredRetention is < 0.7 or > 0.99)
        {
            failures.Add($"Practice:DesiredRetention must be 0.70-0.99 (was {options.DesiredRetention}).");
        }

        if (options.RecentWindow < TimeSpan.FromDays(1))
        {
            failures.Add($"Practice:RecentWindow must be at least a day (was {options.RecentWindow}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
