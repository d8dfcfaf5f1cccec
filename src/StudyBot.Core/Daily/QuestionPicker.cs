using System.Text;
using StudyBot.Exams;
using StudyBot.Questions;

namespace StudyBot.Daily;

/// <summary>
/// Picks a daily question: never one asked in the group's recent rounds while others remain, with
/// content areas drawn in the blueprint's proportions. The draw is seeded by group and date, so the
/// same day always yields the same pick.
/// </summary>
public sealed class QuestionPicker(ExamBlueprint blueprint)
{
    public Question Pick(IReadOnlyList<Question> questions, IReadOnlyList<string> recentIds, string seed)
    {
        if (questions.Count == 0)
        {
            throw new InvalidOperationException("The question bank is empty: there is nothing to ask.");
        }

        var random = new Random(StableHash(seed));
        var recent = recentIds.ToHashSet(StringComparer.Ordinal);
        var fresh = questions.Where(q => !recent.Contains(q.Id)).ToList();
        if (fresh.Count == 0)
        {
            // Every question was asked recently: fall back to the ones asked longest ago.
            var order = recentIds.Select((id, index) => (id, index)).GroupBy(p => p.id).ToDictionary(g => g.Key, g => g.Min(p => p.index));
            var oldest = questions.Max(q => order.GetValueOrDefault(q.Id, int.MaxValue));
            fresh = [.. questions.Where(q => order.GetValueOrDefault(q.Id, int.MaxValue) == oldest)];
        }

        var byArea = fresh.GroupBy(q => q.Area).ToList();
        var weights = byArea.Select(g => (double)Math.Max(blueprint.CountFor(g.Key), 0)).ToArray();
        if (weights.Sum() <= 0)
        {
            Array.Fill(weights, 1.0);
        }

        var roll = random.NextDouble() * weights.Sum();
        var chosen = byArea[^1];
        for (var i = 0; i < byArea.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                chosen = byArea[i];
                break;
            }
        }

        var candidates = chosen.OrderBy(q => q.Id, StringComparer.Ordinal).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    /// <summary>FNV-1a over UTF-8: string.GetHashCode is randomised per process and would change picks across restarts.</summary>
    internal static int StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                hash = (hash ^ b) * 16777619u;
            }

            return (int)hash;
        }
    }
}
