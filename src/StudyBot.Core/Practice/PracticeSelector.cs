using StudyBot.Daily;
using StudyBot.Exams;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>Why a question was served, shown to the member.</summary>
public enum PickReason
{
    /// <summary>FSRS says it is due: the chance of recall has fallen to the target.</summary>
    DueReview,

    /// <summary>Never answered: drawn from a weak area, in blueprint proportions.</summary>
    New,

    /// <summary>Nothing is due and nothing new is left: the question most at risk of being forgotten.</summary>
    ExtraReview,
}

/// <summary>Everything the next pick depends on.</summary>
/// <param name="Cards">The member's FSRS cards by question id.</param>
/// <param name="Progress">The member's per-area results, for finding weak areas.</param>
/// <param name="Excluded">Questions never to serve now: answered in this session, or today's open daily question.</param>
/// <param name="Area">Only this area, when the member asked for one.</param>
public sealed record PracticePickRequest(
    string UserId,
    IReadOnlyList<Question> Questions,
    IReadOnlyDictionary<string, ReviewCard> Cards,
    IReadOnlyList<AreaProgress> Progress,
    IReadOnlySet<string> Excluded,
    ContentArea? Area,
    DateTimeOffset Now);

/// <summary>
/// Chooses the next practice question: due reviews first (lowest chance of recall first), then new
/// questions, then extra reviews. New questions are shared out between areas like seats in a
/// proportional vote (D'Hondt): an area's claim is its blueprint weight times its weakness, divided by
/// one more than the questions already seen there. So over many picks the areas are served in blueprint
/// proportion, tilted towards the member's weak areas. Deterministic, so a resumed session picks the same.
/// </summary>
public sealed class PracticeSelector(ExamBlueprint blueprint, FsrsScheduler fsrs)
{
    /// <summary>How much a strong area still gets: even at 100% an area keeps a tenth of its share.</summary>
    private const double MinWeakness = 0.1;

    public (Question Question, PickReason Reason)? Next(PracticePickRequest request)
    {
        var candidates = request.Questions
            .Where(q => (request.Area is null || q.Area == request.Area) && !request.Excluded.Contains(q.Id))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var reviewed = candidates.Where(q => request.Cards.ContainsKey(q.Id)).ToList();
        var due = reviewed
            .Where(q => request.Cards[q.Id].IsDue(request.Now))
            .OrderBy(q => Recall(request.Cards[q.Id], request.Now))
            .ThenBy(q => request.Cards[q.Id].Due)
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (due is not null)
        {
            return (due, PickReason.DueReview);
        }

        var fresh = candidates.Where(q => !request.Cards.ContainsKey(q.Id)).ToList();
        if (fresh.Count > 0)
        {
            return (PickNew(request, fresh), PickReason.New);
        }

        var ahead = reviewed
            .OrderBy(q => Recall(request.Cards[q.Id], request.Now))
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .First();
        return (ahead, PickReason.ExtraReview);
    }

    /// <summary>How weak an area is, 0.1-1: one minus the accuracy, smoothed so that an area with few
    /// answers sits near the middle (Laplace: one right and one wrong answer assumed).</summary>
    public static double Weakness(AreaProgress? progress)
    {
        var accuracy = ((progress?.Correct ?? 0) + 1.0) / ((progress?.Answered ?? 0) + 2.0);
        return Math.Max(MinWeakness, 1 - accuracy);
    }

    private Question PickNew(PracticePickRequest request, List<Question> fresh)
    {
        var progress = request.Progress.ToDictionary(p => p.Area);
        var seen = request.Cards.Values.GroupBy(c => c.Area).ToDictionary(g => g.Key, g => g.Count());
        var areas = fresh.Select(q => q.Area).Distinct().ToList();

        // A member who asked for an area outside the blueprint still gets it; otherwise unweighted areas wait.
        var anyWeighted = areas.Any(a => blueprint.CountFor(a) > 0);
        var best = areas
            .Select(area =>
            {
                var weight = anyWeighted ? blueprint.CountFor(area) : 1;
                var claim = weight * Weakness(progress.GetValueOrDefault(area)) / (seen.GetValueOrDefault(area) + 1);
                return (area, claim);
            })
            .OrderByDescending(a => a.claim)
            .ThenBy(a => a.area)
            .First().area;

        // Within an area, a per-member order: members of a group don't all get the same first questions.
        return fresh
            .Where(q => q.Area == best)
            .OrderBy(q => QuestionPicker.StableHash(request.UserId + "/" + q.Id))
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .First();
    }

    private double Recall(ReviewCard card, DateTimeOffset now) =>
        fsrs.Retrievability(Math.Max(0, (now - card.LastReview).TotalDays), card.Memory.Stability);
}
