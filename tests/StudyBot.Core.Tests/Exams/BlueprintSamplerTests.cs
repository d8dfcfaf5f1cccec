using StudyBot.Exams;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.Exams;

public sealed class BlueprintSamplerTests
{
    private static readonly ExamBlueprint Cpc = new()
    {
        Areas = new()
        {
            ["surgery-10000"] = 6, ["surgery-20000"] = 6, ["surgery-30000"] = 6, ["surgery-40000"] = 6, ["surgery-50000"] = 6, ["surgery-60000"] = 6,
            ["evaluation-management"] = 9, ["anesthesia"] = 4, ["radiology"] = 6, ["laboratory-pathology"] = 6, ["medicine"] = 6,
            ["medical-terminology"] = 4, ["anatomy"] = 4, ["icd-10-cm"] = 12, ["hcpcs-level-ii"] = 4, ["coding-guidelines"] = 6, ["compliance"] = 3,
        },
    };

    private static Question Q(string id, ContentArea area, bool typed = false) => typed
        ? Question.Typed(id, area, Difficulty.Easy, "Stem " + id, ["E11.9"], "Why", null, [], "test")
        : Question.MultipleChoice(id, area, Difficulty.Easy, "Stem " + id, ["a", "b", "c", "d"], ChoiceLetter.FromIndex(0), "Why", null, [], "test");

    /// <summary>Twenty multiple-choice questions in every area, plus a typed one per area that must never be drawn.</summary>
    private static readonly List<Question> FullBank =
    [
        .. ContentAreas.All.SelectMany(a => Enumerable.Range(1, 20).Select(i => Q($"{a.Key()}-{i:000}", a))),
        .. ContentAreas.All.Select(a => Q($"{a.Key()}-typed", a, typed: true)),
    ];

    private static Dictionary<ContentArea, int> Counts(IEnumerable<Question> questions) =>
        questions.GroupBy(q => q.Area).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Draw_FullLength_TakesEachAreasBlueprintCount()
    {
        var draw = new BlueprintSampler(Cpc).Draw(FullBank, 100, null, [], "g/1");

        Assert.Null(draw.Problem);
        Assert.Equal(100, draw.Questions.Count);
        foreach (var area in ContentAreas.All)
        {
            Assert.Equal(Cpc.CountFor(area), Counts(draw.Questions).GetValueOrDefault(area));
        }
    }

    [Theory]
    [InlineData(50)]
    [InlineData(20)]
    [InlineData(37)]
    [InlineData(1)]
    public void Draw_ShorterExam_ScalesProportionallyWithAnExactTotal(int total)
    {
        var draw = new BlueprintSampler(Cpc).Draw(FullBank, total, null, [], "g/1");

        Assert.Equal(total, draw.Questions.Count);
        foreach (var (area, count) in Counts(draw.Questions))
        {
            var exact = (double)total * Cpc.CountFor(area) / 100;
            Assert.InRange(count, Math.Floor(exact), Math.Ceiling(exact));
        }
    }

    [Fact]
    public void Apportion_HalfExam_GivesLeftoversToTheLargestRemainders()
    {
        var counts = BlueprintSampler.Apportion(new Dictionary<ContentArea, int> { [ContentArea.Icd10Cm] = 12, [ContentArea.Anatomy] = 4, [ContentArea.Compliance] = 3 }, 10);

        // Exact shares 6.32, 2.11, 1.58: floors give 9, the one left goes to compliance's .58.
        Assert.Equal(6, counts[ContentArea.Icd10Cm]);
        Assert.Equal(2, counts[ContentArea.Anatomy]);
        Assert.Equal(2, counts[ContentArea.Compliance]);
    }

    [Fact]
    public void Draw_NeverRepeatsAQuestionAndNeverDrawsTypedOnes()
    {
        var draw = new BlueprintSampler(Cpc).Draw(FullBank, 150, null, [], "g/2");

        Assert.Equal(150, draw.Questions.Select(q => q.Id).Distinct().Count());
        Assert.DoesNotContain(draw.Questions, q => q.IsTyped);
    }

    [Fact]
    public void Draw_PrefersQuestionsTheGroupHasNotSeenRecently()
    {
        var recent = FullBank.Where(q => !q.Id.EndsWith("-001", StringComparison.Ordinal) && !q.Id.EndsWith("-002", StringComparison.Ordinal)).Select(q => q.Id).ToList();
        var blueprint = new ExamBlueprint { Areas = new() { ["icd-10-cm"] = 12, ["anatomy"] = 4 } };

        var draw = new BlueprintSampler(blueprint).Draw(FullBank, 3, null, recent, "g/3");

        Assert.All(draw.Questions, q => Assert.DoesNotContain(q.Id, recent));
    }

    [Fact]
    public void Draw_AreaWithoutQuestions_GivesItsShareToTheOthersAndSaysSo()
    {
        var bank = FullBank.Where(q => q.Area is ContentArea.Icd10Cm or ContentArea.Anatomy).ToList();

        var draw = new BlueprintSampler(Cpc).Draw(bank, 30, null, [], "g/4");

        Assert.Equal(30, draw.Questions.Count);
        Assert.Equal(20, Counts(draw.Questions)[ContentArea.Icd10Cm]);
        Assert.Equal(10, Counts(draw.Questions)[ContentArea.Anatomy]);
        Assert.Contains(ContentArea.Radiology, draw.MissingAreas);
    }

    [Fact]
    public void Draw_MoreQuestionsThanTheBankHas_IsRefusedWithTheNumberAvailable()
    {
        var draw = new BlueprintSampler(Cpc).Draw(FullBank, 50, [ContentArea.Anatomy], [], "g/5");

        Assert.Empty(draw.Questions);
        Assert.Contains("20", draw.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_SameSeed_SameExam()
    {
        var sampler = new BlueprintSampler(Cpc);

        Assert.Equal(
            sampler.Draw(FullBank, 40, null, [], "g/6").Questions.Select(q => q.Id),
            sampler.Draw(FullBank, 40, null, [], "g/6").Questions.Select(q => q.Id));
    }
}
