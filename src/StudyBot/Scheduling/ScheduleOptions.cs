using Microsoft.Extensions.Options;

namespace StudyBot.App.Scheduling;

/// <summary>How scheduled posts behave around downtime. Section "Schedule".</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>If the bot was down at a group's post time and comes back within this window (on the same
    /// local day), the day's question is posted then; later than that, the day is skipped.</summary>
    public TimeSpan MissedPostGrace { get; set; } = TimeSpan.FromHours(6);
}

public sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options) =>
        options.MissedPostGrace < TimeSpan.Zero || options.MissedPostGrace > TimeSpan.FromHours(24)
            ? ValidateOptionsResult.Fail($"Schedule:MissedPostGrace must be between 00:00:00 and 24:00:00 (was {options.MissedPostGrace}).")
            : ValidateOptionsResult.Success;
}
