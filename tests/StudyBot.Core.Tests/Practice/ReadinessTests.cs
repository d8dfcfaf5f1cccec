using StudyBot.Exams;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.Practice;

public sealed class ReadinessTests
{
    private static readonly ExamBlueprint Blueprint = new() { Areas = new() { ["anatomy"] = 30, ["anesthesia"] = 10, ["compliance"] = 60 }, PassMark = 0.70 };

    private static readonly IReadOnlySet<ContentArea> AllInBank = new HashSet<ContentArea> { ContentArea.Anatomy, ContentArea.Anesthesia, ContentArea.Compliance };

    [Fact]
    public void Estimate_EveryAreaWellMeasured_IsTheBlueprintWeightedMixAndReliable()
    {
        AreaProgress[] history =
        [
            new(ContentArea.Anatomy, 40, 20, 10, 5),     // 50%, weight 0.3
            new(ContentArea.Anesthesia, 40, 40, 0, 0),   // 100%, weight 0.1
            new(ContentArea.Compliance, 50, 40, 50, 40), // 80%, weight 0.6
        ];

        var estimate = Readiness.Estimate(Blueprint, history, AllInBank, reliableAnswersPerArea: 30);

        Assert.Equal(0.3 * 0.5 + 0.1 * 1.0 + 0.6 * 0.8, estimate.PredictedScore!.Value, 1e-9);
        Assert.True(estimate.Reliable);
        Assert.Contains("Predicted exam score: 73%", estimate.Describe(), StringComparison.Ordinal);
        Assert.Contains("at or above the 70% pass mark", estimate.Describe(), StringComparison.Ordinal);
        Assert.Contains("Based on 130 answers", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_ThinArea_SaysHowManyMoreAnswersItNeeds()
    {
        AreaProgress[] history =
        [
            new(ContentArea.Anatomy, 30, 24, 30, 24),
            new(ContentArea.Compliance, 30, 21, 30, 21),
        ];

        var estimate = Readiness.Estimate(Blueprint, history, AllInBank, reliableAnswersPerArea: 40);

        Assert.False(estimate.Reliable);
        Assert.Contains("answer 10 more questions in Compliance and regulatory and 10 more in Anatomy for a reliable estimate (and more in 1 other area).", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_OnlyAnesthesiaShort_NamesAnesthesia()
    {
        AreaProgress[] history =
        [
            new(ContentArea.Anatomy, 50, 35, 50, 35),
            new(ContentArea.Anesthesia, 0, 0, 0, 0),
            new(ContentArea.Compliance, 50, 35, 50, 35),
        ];

        var estimate = Readiness.Estimate(Blueprint, history, AllInBank, reliableAnswersPerArea: 40);

        // Anesthesia has no answers, so it counts at the overall 70%.
        Assert.Equal(0.70, estimate.PredictedScore!.Value, 1e-9);
        Assert.Contains("answer 40 more questions in Anesthesia for a reliable estimate", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_AreaWithNoBankQuestions_IsExplainedNotDemanded()
    {
        AreaProgress[] history = [new(ContentArea.Compliance, 50, 30, 50, 30), new(ContentArea.Anatomy, 50, 30, 50, 30)];

        var estimate = Readiness.Estimate(Blueprint, history, new HashSet<ContentArea> { ContentArea.Anatomy, ContentArea.Compliance }, reliableAnswersPerArea: 30);

        Assert.DoesNotContain("more questions in Anesthesia", estimate.Describe(), StringComparison.Ordinal);
        Assert.Contains("no practice questions yet in 1 exam area", estimate.Describe(), StringComparison.Ordinal);
        Assert.Contains("below the 70% pass mark", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_NoAnswers_GivesNoScore()
    {
        var estimate = Readiness.Estimate(Blueprint, [], AllInBank, reliableAnswersPerArea: 30);

        Assert.Null(estimate.PredictedScore);
        Assert.Contains("not yet", estimate.Describe(), StringComparison.Ordinal);
    }
}
