using Microsoft.Extensions.Options;

namespace StudyBot.Daily;

/// <summary>How daily rounds are picked and scored. Section "Daily".</summary>
public sealed class DailyOptions
{
    public const string Section = "Daily";

    /// <summary>A question asked in a group's last N rounds is not picked again (while others remain).</summary>
    public int RecentRoundsExcluded { get; set; } = 60;

    /// <summary>Points credited for a correct answer at reveal.</summary>
    public int PointsPerCorrectAnswer { get; set; } = 1;

    /// <summary>Names listed under "Got it right" in a reveal before "and N more".</summary>
    public int MaxNamesInReveal { get; set; } = 20;
}

/// <summary>Reports every bad Daily setting at once.</summary>
public sealed class DailyOptionsValidator : IValidateOptions<DailyOptions>
{
    public ValidateOptionsResult Validate(string? name, DailyOptions options)
    {
        var failures = new List<string>();
        if (options.RecentRoundsExcluded < 0)
        {
            failures.Add($"Daily:RecentRoundsExcluded must be 0 or more (was {options.RecentRoundsExcluded}).");
        }

        if (options.PointsPerCorrectAnswer < 1)
        {
            failures.Add($"Daily:PointsPerCorrectAnswer must be at least 1 (was {options.PointsPerCorrectAnswer}).");
        }

        if (options.MaxNamesInReveal is < 1 or > 100)
        {
            failures.Add($"Daily:MaxNamesInReveal must be 1-100 (was {options.MaxNamesInReveal}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
