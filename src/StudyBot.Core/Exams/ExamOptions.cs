using Microsoft.Extensions.Options;

namespace StudyBot.Exams;

/// <summary>How mock exams are drawn, timed and reported. Section "Exams". The exam's shape (areas, time
/// limit, pass mark) is the <see cref="ExamBlueprint"/>; these are the bot's own choices around it.</summary>
public sealed class ExamOptions
{
    public const string Section = "Exams";

    /// <summary>Questions in a group exam when the admin does not say.</summary>
    public int DefaultQuestions { get; set; } = 100;

    /// <summary>Questions in a practice exam when the member does not say.</summary>
    public int DefaultPracticeQuestions { get; set; } = 20;

    /// <summary>The most questions one exam may have.</summary>
    public int MaxQuestions { get; set; } = 150;

    /// <summary>Questions of the group's last N exams are drawn again only when the bank runs short.</summary>
    public int RecentExamsExcluded { get; set; } = 3;

    /// <summary>How long before the end the warning is posted (the real exam warns at 30 minutes).</summary>
    public TimeSpan WarningBeforeEnd { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>When an exam's last stretch begins: <see cref="WarningBeforeEnd"/>, or an eighth of a shorter exam
    /// (the real exam's 30 minutes of 4 hours), so a 20-minute practice is not "nearly over" from the start.</summary>
    public TimeSpan WarningFor(MockExam exam) => exam.Duration / 8 < WarningBeforeEnd ? exam.Duration / 8 : WarningBeforeEnd;

    /// <summary>Names listed under "Top scores" in the group result.</summary>
    public int TopScoresShown { get; set; } = 5;

    /// <summary>Questions listed under "Hardest questions" in the group result.</summary>
    public int HardestQuestionsShown { get; set; } = 3;
}

/// <summary>Reports every bad Exams setting at once.</summary>
public sealed class ExamOptionsValidator : IValidateOptions<ExamOptions>
{
    public ValidateOptionsResult Validate(string? name, ExamOptions options)
    {
        var failures = new List<string>();
        if (options.MaxQuestions is < 1 or > 500)
        {
            failures.Add($"Exams:MaxQuestions must be 1-500 (was {options.MaxQuestions}).");
        }

        if (options.DefaultQuestions < 1 || options.DefaultQuestions > options.MaxQuestions)
        {
            failures.Add($"Exams:DefaultQuestions must be 1-{options.MaxQuestions} (was {options.DefaultQuestions}).");
        }

        if (options.DefaultPracticeQuestions < 1 || options.DefaultPracticeQuestions > options.MaxQuestions)
        {
            failures.Add($"Exams:DefaultPracticeQuestions must be 1-{options.MaxQuestions} (was {options.DefaultPracticeQuestions}).");
        }

        if (options.RecentExamsExcluded < 0)
        {
            failures.Add($"Exams:RecentExamsExcluded must be 0 or more (was {options.RecentExamsExcluded}).");
        }

        if (options.WarningBeforeEnd <= TimeSpan.Zero)
        {
            failures.Add($"Exams:WarningBeforeEnd must be a positive duration such as 00:30:00 (was {options.WarningBeforeEnd}).");
        }

        if (options.TopScoresShown is < 0 or > 25)
        {
            failures.Add($"Exams:TopScoresShown must be 0-25 (was {options.TopScoresShown}).");
        }

        if (options.HardestQuestionsShown is < 0 or > 10)
        {
            failures.Add($"Exams:HardestQuestionsShown must be 0-10 (was {options.HardestQuestionsShown}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
