using System.Globalization;
using StudyBot.Exams;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>An area that needs more answers before the estimate can be trusted.</summary>
public sealed record AreaShortfall(ContentArea Area, int MoreAnswers, bool InBank);

/// <summary>A predicted exam score and how far to trust it.</summary>
/// <param name="PredictedScore">0-1, or null with no answers at all.</param>
/// <param name="Margin">Half-width of a 95% range around the prediction (0-1), or null when some area has no answers.</param>
/// <param name="Reliable">True when every blueprint area has enough answers.</param>
/// <param name="Shortfalls">Areas short of answers, the ones that move the exam score most first.</param>
public sealed record ReadinessEstimate(
    double? PredictedScore,
    double? Margin,
    double PassMark,
    bool Reliable,
    int Answered,
    IReadOnlyList<AreaShortfall> Shortfalls)
{
    /// <summary>The estimate and its confidence in plain language.</summary>
    public string Describe()
    {
        if (PredictedScore is not { } score)
        {
            return "Predicted exam score: not yet. Answer some questions with /practice and I'll estimate your score.";
        }

        var verdict = score >= PassMark ? "at or above" : "below";
        var range = Margin is { } m ? string.Create(CultureInfo.InvariantCulture, $" (likely {Pct(Math.Max(0, score - m))}–{Pct(Math.Min(1, score + m))})") : string.Empty;
        var line = $"Predicted exam score: {Pct(score)}{range}, {verdict} the {Pct(PassMark)} pass mark.";
        if (Reliable)
        {
            return line + $" Based on {Answered} answers covering every content area.";
        }

        var practicable = Shortfalls.Where(s => s.InBank).Take(2).ToList();
        var missing = Shortfalls.Count(s => !s.InBank);
        var advice = practicable.Count switch
        {
            0 => "This is a rough estimate.",
            1 => $"Rough estimate: answer {practicable[0].MoreAnswers} more questions in {practicable[0].Area.DisplayName()} for a reliable estimate.",
            _ => $"Rough estimate: answer {practicable[0].MoreAnswers} more questions in {practicable[0].Area.DisplayName()} and {practicable[1].MoreAnswers} more in {practicable[1].Area.DisplayName()} for a reliable estimate"
                 + (Shortfalls.Count(s => s.InBank) - 2 is var others and > 0 ? $" (and more in {others} other area{(others == 1 ? string.Empty : "s")})." : "."),
        };
        var gap = missing > 0
            ? $" The question bank has no practice questions yet in {missing} exam area{(missing == 1 ? string.Empty : "s")}, so {(missing == 1 ? "it counts" : "they count")} at your overall accuracy."
            : string.Empty;
        return $"{line} {advice}{gap}";
    }

    private static string Pct(double value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value:0}%");
}

/// <summary>
/// The readiness estimate: the blueprint-weighted mix of a member's per-area accuracy. An area with no
/// answers counts at the member's overall accuracy. The 95% range treats each area as a binomial sample:
/// ±1.96·√(Σ w²·p(1-p)/n).
/// </summary>
public static class Readiness
{
    public static ReadinessEstimate Estimate(
        ExamBlueprint blueprint, IReadOnlyList<AreaProgress> progress, IReadOnlySet<ContentArea> areasInBank, int reliableAnswersPerArea)
    {
        var byArea = progress.ToDictionary(p => p.Area);
        var answered = progress.Sum(p => p.Answered);
        var areas = ContentAreas.All.Where(a => blueprint.Weight(a) > 0).ToList();
        if (answered == 0 || areas.Count == 0)
        {
            return new ReadinessEstimate(null, null, blueprint.PassMark, false, answered, []);
        }

        var overall = (double)progress.Sum(p => p.Correct) / answered;
        var score = 0.0;
        var variance = 0.0;
        var everyAreaMeasured = true;
        foreach (var area in areas)
        {
            var weight = blueprint.Weight(area);
            if (byArea.TryGetValue(area, out var p) && p.Answered > 0)
            {
                score += weight * p.Accuracy;
                var bounded = Math.Clamp(p.Accuracy, 0.05, 0.95);
                variance += weight * weight * bounded * (1 - bounded) / p.Answered;
            }
            else
            {
                score += weight * overall;
                everyAreaMeasured = false;
            }
        }

        var shortfalls = areas
            .Select(a => new AreaShortfall(a, reliableAnswersPerArea - (byArea.GetValueOrDefault(a)?.Answered ?? 0), areasInBank.Contains(a)))
            .Where(s => s.MoreAnswers > 0)
            .OrderByDescending(s => blueprint.Weight(s.Area))
            .ThenByDescending(s => s.MoreAnswers)
            .ThenBy(s => s.Area)
            .ToList();
        double? margin = everyAreaMeasured ? 1.96 * Math.Sqrt(variance) : null;
        return new ReadinessEstimate(score, margin, blueprint.PassMark, shortfalls.Count == 0, answered, shortfalls);
    }
}
