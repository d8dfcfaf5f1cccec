using StudyBot.Daily;
using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>The questions drawn for an exam, or why none could be.</summary>
/// <param name="Questions">In exam order: blueprint area order, shuffled within each area.</param>
/// <param name="MissingAreas">Areas the blueprint asks for but the bank has no questions in; their share went to the others.</param>
public sealed record ExamDraw(IReadOnlyList<Question> Questions, IReadOnlyList<ContentArea> MissingAreas, string? Problem)
{
    public static ExamDraw Failed(string problem) => new([], [], problem);
}

/// <summary>
/// Draws an exam on the blueprint: questions per content area in the blueprint's proportions, scaled to
/// the exam's length by largest-remainder rounding (the total is exact), no question twice, questions the
/// group has seen recently only when an area has nothing fresh left. Only multiple-choice questions are
/// drawn: the exam is answered with A-D buttons, like the real one.
/// </summary>
public sealed class BlueprintSampler(ExamBlueprint blueprint)
{
    /// <summary>Splits <paramref name="total"/> over areas in proportion to their weights. Largest remainder:
    /// every area gets the floor of its exact share, and the questions left over go to the largest fractional
    /// parts (ties: the heavier area, then blueprint order), so the counts always add up to the total.</summary>
    public static IReadOnlyDictionary<ContentArea, int> Apportion(IReadOnlyDictionary<ContentArea, int> weights, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var positive = weights.Where(w => w.Value > 0).OrderBy(w => w.Key).ToList();
        long sum = positive.Sum(w => (long)w.Value);
        if (sum == 0)
        {
            return new Dictionary<ContentArea, int>();
        }

        var counts = positive.ToDictionary(w => w.Key, w => (int)((long)total * w.Value / sum));
        var left = total - counts.Values.Sum();
        foreach (var (area, _) in positive
            .OrderByDescending(w => (long)total * w.Value % sum)
            .ThenByDescending(w => w.Value)
            .ThenBy(w => w.Key)
            .Take(left))
        {
            counts[area]++;
        }

        return counts;
    }

    /// <summary>Questions per area for an exam of <paramref name="total"/> questions over <paramref name="scope"/>
    /// (every blueprint area when null), never more than <paramref name="available"/> in an area: an area
    /// that runs short gives what it has and the rest is apportioned again over the others.</summary>
    public (IReadOnlyDictionary<ContentArea, int> Counts, IReadOnlyList<ContentArea> Missing, string? Problem) Plan(
        int total, IReadOnlyCollection<ContentArea>? scope, IReadOnlyDictionary<ContentArea, int> available)
    {
        // An admin who names an area the blueprint weights 0 still gets questions from it.
        var weights = (scope ?? ContentAreas.All.Where(a => blueprint.CountFor(a) > 0).ToList())
            .Distinct()
            .ToDictionary(a => a, a => scope is null ? blueprint.CountFor(a) : Math.Max(1, blueprint.CountFor(a)));
        var missing = weights.Keys.Where(a => available.GetValueOrDefault(a) == 0).OrderBy(a => a).ToList();
        foreach (var area in missing)
        {
            weights.Remove(area);
        }

        var supply = weights.Keys.Sum(a => available.GetValueOrDefault(a));
        if (supply < total)
        {
            return (new Dictionary<ContentArea, int>(), missing,
                $"The bank has only {DailyMessages.Plural(supply, "multiple-choice question")} in the chosen areas; ask for {supply} or fewer.");
        }

        var fixedCounts = new Dictionary<ContentArea, int>();
        while (true)
        {
            var counts = Apportion(weights, total - fixedCounts.Values.Sum());
            var overdrawn = counts.Where(c => c.Value > available.GetValueOrDefault(c.Key)).Select(c => c.Key).ToList();
            if (overdrawn.Count == 0)
            {
                foreach (var (area, count) in fixedCounts)
                {
                    counts = new Dictionary<ContentArea, int>(counts) { [area] = count };
                }

                return (counts, missing, null);
            }

            foreach (var area in overdrawn)
            {
                fixedCounts[area] = available.GetValueOrDefault(area);
                weights.Remove(area);
            }
        }
    }

    /// <summary>Draws an exam. The draw is seeded, so the same seed over the same bank gives the same exam.</summary>
    public ExamDraw Draw(IReadOnlyList<Question> bank, int total, IReadOnlyCollection<ContentArea>? scope, IReadOnlyCollection<string> recentIds, string seed)
    {
        var byArea = bank.Where(q => !q.IsTyped).GroupBy(q => q.Area).ToDictionary(g => g.Key, g => g.OrderBy(q => q.Id, StringComparer.Ordinal).ToList());
        var (counts, missing, problem) = Plan(total, scope, byArea.ToDictionary(g => g.Key, g => g.Value.Count));
        if (problem is not null)
        {
            return ExamDraw.Failed(problem);
        }

        var random = new Random(QuestionPicker.StableHash(seed));
        var recent = recentIds.ToHashSet(StringComparer.Ordinal);
        var questions = new List<Question>(total);
        foreach (var (area, count) in counts.OrderBy(c => c.Key))
        {
            var pool = byArea[area];
            var fresh = Shuffle(pool.Where(q => !recent.Contains(q.Id)).ToList(), random);
            var seen = Shuffle(pool.Where(q => recent.Contains(q.Id)).ToList(), random);
            questions.AddRange(fresh.Concat(seen).Take(count));
        }

        return new ExamDraw(questions, missing, null);
    }

    private static List<Question> Shuffle(List<Question> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
