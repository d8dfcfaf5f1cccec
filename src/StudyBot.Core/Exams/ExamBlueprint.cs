using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>
/// The CPC exam's shape: how many questions each content area contributes, the time limit and the
/// pass mark. Bound from config/blueprint.json; daily picks, mock exams and readiness estimates weight
/// content areas by it.
/// </summary>
public sealed class ExamBlueprint
{
    public const string Section = "Blueprint";

    /// <summary>Questions per content area key ("icd-10-cm": 12).</summary>
    public Dictionary<string, int> Areas { get; init; } = [];

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(240);

    /// <summary>The fraction of questions to answer correctly to pass, 0-1.</summary>
    public double PassMark { get; init; } = 0.70;

    public int TotalQuestions => Areas.Values.Sum();

    /// <summary>Questions for an area; 0 when the blueprint does not list it.</summary>
    public int CountFor(ContentArea area) => Areas.TryGetValue(area.Key(), out var count) ? count : 0;

    /// <summary>The area's share of the exam, 0-1.</summary>
    public double Weight(ContentArea area) => TotalQuestions == 0 ? 0 : (double)CountFor(area) / TotalQuestions;
}
