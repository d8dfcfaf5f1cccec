using Microsoft.Extensions.Options;
using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>Reports every problem in the blueprint at once, naming the configuration key.</summary>
public sealed class ExamBlueprintValidator : IValidateOptions<ExamBlueprint>
{
    public ValidateOptionsResult Validate(string? name, ExamBlueprint options)
    {
        var failures = new List<string>();
        foreach (var (key, count) in options.Areas)
        {
            if (!ContentAreas.TryParse(key, out _))
            {
                failures.Add($"Blueprint:Areas:{key} is not a content area (use one of: {ContentAreas.KeyList}).");
            }

            if (count < 0)
            {
                failures.Add($"Blueprint:Areas:{key} must be 0 or more (was {count}).");
            }
        }

        if (options.TotalQuestions <= 0)
        {
            failures.Add("Blueprint:Areas must give at least one content area a question count.");
        }

        if (options.TimeLimit <= TimeSpan.Zero)
        {
            failures.Add($"Blueprint:TimeLimit must be a positive duration such as 04:00:00 (was {options.TimeLimit}).");
        }

        if (options.PassMark is <= 0 or > 1)
        {
            failures.Add($"Blueprint:PassMark must be a fraction between 0 and 1, such as 0.7 (was {options.PassMark}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
