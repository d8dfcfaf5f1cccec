using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Exams;
using StudyBot.Groups;
using StudyBot.Leaderboards;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>
/// The practice part of /stats: per-area accuracy (recent and all time) against the pass mark, the
/// streak, reviews due, and the readiness estimate. Built from the review log, which holds practice
/// answers and daily answers only after their reveal, so it says nothing about an open round.
/// </summary>
public sealed class PracticeStats(IPracticeStore store, ExamBlueprint blueprint, IQuestionSource questions, TimeProvider time, IOptions<PracticeOptions> options) : IStatsSection
{
    private const int StreakLookbackDays = 400;

    private readonly PracticeOptions options = options.Value;

    public async Task<StatsSection> BuildAsync(StudyGroup group, ChatUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var progress = await store.AreaProgressAsync(user.Id, now - options.RecentWindow, cancellationToken);
        var due = await store.DueCountAsync(user.Id, now, cancellationToken);
        var times = await store.AnswerTimesAsync(user.Id, now - TimeSpan.FromDays(StreakLookbackDays), cancellationToken);
        var streak = Streak(times.Select(group.LocalDate), group.LocalDate(now));
        var areasWithQuestions = (await questions.QuestionsForAsync(group, cancellationToken)).Select(q => q.Area).ToHashSet();
        var estimate = Readiness.Estimate(blueprint, progress, areasWithQuestions, options.ReliableAnswersPerArea);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Study streak (days with any answer): {(streak == 0 ? "none yet (answer a question today to start one)" : Plural(streak, "day"))}. ");
        text.Append(due == 0 ? "Reviews due: none." : $"Reviews due: {due} (/practice to do them).");
        text.Append('\n').Append(estimate.Describe());

        var days = (int)options.RecentWindow.TotalDays;
        var pass = blueprint.PassMark;
        var fields = progress
            .OrderBy(p => p.Area)
            .Select(p => new ChatField(
                p.Area.DisplayName(),
                string.Create(CultureInfo.InvariantCulture, $"{days} days: {Ratio(p.RecentCorrect, p.RecentAnswered)} · all time: {Ratio(p.Correct, p.Answered)}")
                    + (p.Accuracy < pass ? $" · below {100 * pass:0}%" : $" · at or above {100 * pass:0}%"),
                Inline: true))
            .ToList();
        return new StatsSection(text.ToString(), fields, ReplacesAreaFields: fields.Count > 0);
    }

    /// <summary>Days in a row with at least one answer, ending today (or yesterday, while today is still open).</summary>
    public static int Streak(IEnumerable<LocalDate> answerDates, LocalDate today)
    {
        var dates = answerDates.ToHashSet();
        var day = dates.Contains(today) ? today : today.PlusDays(-1);
        var streak = 0;
        while (dates.Contains(day))
        {
            streak++;
            day = day.PlusDays(-1);
        }

        return streak;
    }

    private static string Ratio(int correct, int answered) => answered == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{correct}/{answered} ({100.0 * correct / answered:0}%)");

    private static string Plural(int count, string noun) => Daily.DailyMessages.Plural(count, noun);
}
