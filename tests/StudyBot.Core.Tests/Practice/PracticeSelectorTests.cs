using StudyBot.Exams;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.Practice;

public sealed class PracticeSelectorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly ExamBlueprint Blueprint = new() { Areas = new() { ["anatomy"] = 12, ["compliance"] = 4, ["icd-10-cm"] = 4 } };

    private readonly PracticeSelector selector = new(Blueprint, new FsrsScheduler(FsrsParameters.Default));

    [Fact]
    public void Next_DueReviewAndNewQuestions_ServesTheDueReviewFirst()
    {
        var questions = Questions(ContentArea.Anatomy, 5).Concat(Questions(ContentArea.Compliance, 5)).ToList();
        var due = Card(questions[7], due: Now.AddHours(-1));
        var later = Card(questions[2], due: Now.AddDays(3));

        var pick = selector.Next(Request(questions, [due, later]));

        Assert.Equal((questions[7].Id, PickReason.DueReview), (pick!.Value.Question.Id, pick.Value.Reason));
    }

    [Fact]
    public void Next_SeveralDue_ServesTheOneMostLikelyForgottenFirst()
    {
        var questions = Questions(ContentArea.Anatomy, 3).ToList();
        var slightlyOverdue = Card(questions[0], due: Now.AddHours(-1), stability: 10, lastReview: Now.AddDays(-10));
        var longOverdue = Card(questions[1], due: Now.AddDays(-20), stability: 2, lastReview: Now.AddDays(-22));

        var pick = selector.Next(Request(questions, [slightlyOverdue, longOverdue]));

        Assert.Equal(questions[1].Id, pick!.Value.Question.Id);
    }

    [Fact]
    public void Next_NoHistory_ServesAreasInBlueprintProportion()
    {
        var questions = Questions(ContentArea.Anatomy, 30).Concat(Questions(ContentArea.Compliance, 30)).Concat(Questions(ContentArea.Icd10Cm, 30)).ToList();
        var cards = new List<ReviewCard>();

        for (var i = 0; i < 20; i++)
        {
            var pick = selector.Next(Request(questions, cards))!.Value;
            Assert.Equal(PickReason.New, pick.Reason);
            cards.Add(Card(pick.Question, due: Now.AddDays(5)));
        }

        var served = cards.GroupBy(c => c.Area).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, served[ContentArea.Anatomy]);
        Assert.Equal(4, served[ContentArea.Compliance]);
        Assert.Equal(4, served[ContentArea.Icd10Cm]);
    }

    [Fact]
    public void Next_EqualBlueprintWeight_FavoursTheWeakerArea()
    {
        var questions = Questions(ContentArea.Compliance, 10).Concat(Questions(ContentArea.Icd10Cm, 10)).ToList();
        AreaProgress[] progress =
        [
            new(ContentArea.Compliance, Answered: 20, Correct: 18, RecentAnswered: 20, RecentCorrect: 18),
            new(ContentArea.Icd10Cm, Answered: 20, Correct: 8, RecentAnswered: 20, RecentCorrect: 8),
        ];
        var cards = new List<ReviewCard>();

        for (var i = 0; i < 10; i++)
        {
            var pick = selector.Next(Request(questions, cards, progress))!.Value;
            cards.Add(Card(pick.Question, due: Now.AddDays(5)));
        }

        var icd = cards.Count(c => c.Area == ContentArea.Icd10Cm);
        Assert.True(icd >= 7, $"ICD-10-CM (40% right) got {icd} of 10 new questions; compliance (90% right) got {10 - icd}.");
        Assert.Equal(ContentArea.Icd10Cm, cards[0].Area);
    }

    [Fact]
    public void Next_ExcludedQuestion_IsNeverServedEvenWhenDue()
    {
        var questions = Questions(ContentArea.Anatomy, 2).ToList();
        var dueButExcluded = Card(questions[0], due: Now.AddDays(-1));

        var pick = selector.Next(Request(questions, [dueButExcluded], excluded: [questions[0].Id]));

        Assert.Equal(questions[1].Id, pick!.Value.Question.Id);
    }

    [Fact]
    public void Next_AreaAsked_ServesOnlyThatArea_AndNullWhenExhausted()
    {
        var questions = Questions(ContentArea.Anatomy, 3).Concat(Questions(ContentArea.Compliance, 1)).ToList();

        var pick = selector.Next(Request(questions, [], area: ContentArea.Compliance));
        var none = selector.Next(Request(questions, [], area: ContentArea.Compliance, excluded: [pick!.Value.Question.Id]));

        Assert.Equal(ContentArea.Compliance, pick.Value.Question.Area);
        Assert.Null(none);
    }

    internal static IEnumerable<Question> Questions(ContentArea area, int count) =>
        Enumerable.Range(1, count).Select(i => Question.MultipleChoice(
            $"{area.Key()}-q{i}", area, Difficulty.Medium, $"Question {i} about {area.DisplayName()}?",
            ["one", "two", "three", "four"], ChoiceLetter.FromIndex(1), "Because two.", null, [], "test"));

    private static ReviewCard Card(Question q, DateTimeOffset due, double stability = 3, DateTimeOffset? lastReview = null) =>
        new("alice", q.Id, q.Area, new MemoryState(stability, 5), lastReview ?? Now.AddDays(-3), due, 1, 0);

    private static PracticePickRequest Request(
        IReadOnlyList<Question> questions, IEnumerable<ReviewCard> cards, IReadOnlyList<AreaProgress>? progress = null, ContentArea? area = null, string[]? excluded = null) =>
        new("alice", questions, cards.ToDictionary(c => c.QuestionId), progress ?? [], (excluded ?? []).ToHashSet(), area, Now);
}
