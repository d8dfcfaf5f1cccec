using StudyBot.Daily;
using StudyBot.Exams;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.Daily;

public sealed class QuestionPickerTests
{
    private static readonly ExamBlueprint Blueprint = new()
    {
        Areas = new() { ["icd-10-cm"] = 30, ["anatomy"] = 10, ["compliance"] = 0 },
    };

    private static Question Q(string id, ContentArea area) => Question.MultipleChoice(
        id, area, Difficulty.Easy, "Stem " + id, ["a", "b", "c", "d"], ChoiceLetter.FromIndex(0), "Why", null, [], "test");

    private static readonly List<Question> Bank =
    [
        .. Enumerable.Range(1, 20).Select(i => Q($"icd-{i:000}", ContentArea.Icd10Cm)),
        .. Enumerable.Range(1, 20).Select(i => Q($"ana-{i:000}", ContentArea.Anatomy)),
        .. Enumerable.Range(1, 20).Select(i => Q($"cmp-{i:000}", ContentArea.Compliance)),
    ];

    [Fact]
    public void Pick_NeverRepeatsARecentQuestionWhileOthersRemain()
    {
        var picker = new QuestionPicker(Blueprint);
        var recent = Bank.Where(q => q.Id != "ana-007" && q.Area != ContentArea.Compliance).Select(q => q.Id).ToList();

        for (var day = 0; day < 50; day++)
        {
            var pick = picker.Pick(Bank, recent, $"g/2026-01-{day}");
            Assert.DoesNotContain(pick.Id, recent);
        }
    }

    [Fact]
    public void Pick_FollowsBlueprintProportions()
    {
        var picker = new QuestionPicker(Blueprint);

        var picks = Enumerable.Range(0, 4000).Select(day => picker.Pick(Bank, [], $"g/{day}")).ToList();

        var icdShare = picks.Count(p => p.Area == ContentArea.Icd10Cm) / (double)picks.Count;
        Assert.InRange(icdShare, 0.70, 0.80); // 30 of 40 blueprint questions
        Assert.DoesNotContain(picks, p => p.Area == ContentArea.Compliance); // weight 0
    }

    [Fact]
    public void Pick_SameGroupAndDay_SamePick()
    {
        var picker = new QuestionPicker(Blueprint);

        Assert.Equal(picker.Pick(Bank, [], "g/2026-11-22").Id, picker.Pick(Bank, [], "g/2026-11-22").Id);
    }

    [Fact]
    public void Pick_EverythingRecent_ReusesTheLongestAgo()
    {
        var picker = new QuestionPicker(Blueprint);
        var small = Bank.Take(3).ToList();
        var recent = new List<string> { "icd-001", "icd-002", "icd-003" }; // most recent first

        Assert.Equal("icd-003", picker.Pick(small, recent, "g/x").Id);
    }
}
