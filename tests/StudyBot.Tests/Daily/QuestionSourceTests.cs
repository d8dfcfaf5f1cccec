using StudyBot.CodeSets;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Daily;

public sealed class QuestionSourceTests
{
    private static readonly Question OwnCopy = Question.MultipleChoice(
        "ana-001", ContentArea.Anatomy, Difficulty.Easy, "Which chamber pumps oxygenated blood to the body? (group's wording)",
        ["Right atrium", "Left ventricle", "Right ventricle", "Left atrium"], ChoiceLetter.FromIndex(1), "The left ventricle.", null, [], "group");

    private static readonly Question Shared = Question.Typed(
        "icd-500", ContentArea.Icd10Cm, Difficulty.Easy, "Type the code for cholera, unspecified.", ["A00.9"], "A00.9.", null, [], "shared");

    [Fact]
    public async Task QuestionsFor_AddsSharedAndOwnImports_OwnReplacesTheSameId_OtherGroupsUnseen()
    {
        using var fixture = await DailyFixture.CreateAsync();
        await fixture.ImportedBanks.SaveAsync(BankOwner.Shared, [Shared], "shared.csv", default);
        await fixture.ImportedBanks.SaveAsync(BankOwner.Group(fixture.Group.Id), [OwnCopy], "own.csv", default);
        await fixture.ImportedBanks.SaveAsync(BankOwner.Group("other"), [OwnCopy with { }], "x.csv", default);

        var questions = await fixture.Questions.QuestionsForAsync(fixture.Group, default);

        Assert.Equal(["ana-001", "icd-500"], questions.Select(q => q.Id).Order(StringComparer.Ordinal));
        Assert.Equal(OwnCopy.Stem, questions.Single(q => q.Id == "ana-001").Stem);
    }

    [Fact]
    public async Task Find_OwnCopyFirst_SharedAndShippedNext_AnotherGroupsNever()
    {
        using var fixture = await DailyFixture.CreateAsync();
        await fixture.ImportedBanks.SaveAsync(BankOwner.Shared, [Shared], "shared.csv", default);
        await fixture.ImportedBanks.SaveAsync(BankOwner.Group(fixture.Group.Id), [OwnCopy], "own.csv", default);
        await fixture.ImportedBanks.SaveAsync(BankOwner.Group("other"), [Question.Typed(
            "other-001", ContentArea.Anatomy, Difficulty.Easy, "Name the thigh bone.", ["femur"], "Femur.", null, [], "other")], "x.csv", default);
        var stranger = fixture.Group with { Id = "stranger" };

        Assert.Equal(OwnCopy.Stem, (await fixture.Questions.FindAsync(fixture.Group, "ana-001", default))?.Stem);
        Assert.Equal(DailyFixture.Key.Stem, (await fixture.Questions.FindAsync(stranger, "ana-001", default))?.Stem);
        Assert.Equal(Shared.Stem, (await fixture.Questions.FindAsync(stranger, "icd-500", default))?.Stem);
        Assert.Null(await fixture.Questions.FindAsync(fixture.Group, "other-001", default));
        Assert.Null(await fixture.Questions.FindAsync(fixture.Group, "drill-icd-e119-desc", default));
    }

    [Fact]
    public async Task OpenRound_OnlyTheGroupsOwnQuestionInItsArea_IsAsked()
    {
        using var fixture = await DailyFixture.CreateAsync();
        var own = Question.MultipleChoice("own-001", ContentArea.Icd10Cm, Difficulty.Easy, "Which code is cholera, unspecified?",
            ["A00.9", "A00.0", "A00.1", "A01.00"], ChoiceLetter.FromIndex(0), "A00.9 is unspecified.", null, [], "own");
        await fixture.ImportedBanks.SaveAsync(BankOwner.Group(fixture.Group.Id), [own], "own.csv", default);
        var group = fixture.Group with { Areas = new HashSet<ContentArea> { ContentArea.Icd10Cm } };

        var (round, _) = await fixture.Daily.OpenRoundAsync(group, fixture.Today, default);

        Assert.Equal("own-001", round.Question.Id);
    }

    [Fact]
    public async Task Drills_JoinOnlyWhenOn_AndNeverKeyADiscontinuedCode()
    {
        using var fixture = await DailyFixture.CreateAsync();
        var read = HcpcsFiles.ReadFile(Path.Combine(RepoPaths.SharedData, "codesets", "HCPC2025_OCT_ANWEB.xlsx"));
        var codes = read.CodeSet!;
        await fixture.CodeSets.SaveCodeSetAsync(codes, CodeFileKind.HcpcsWorkbook, "HCPC2025_OCT_ANWEB.xlsx", read.ExcludedDentalCodes, default);

        var off = await fixture.Questions.QuestionsForAsync(fixture.Group, default);
        var on = await fixture.Questions.QuestionsForAsync(fixture.Group with { Drills = true }, default);
        var drills = on.Where(q => q.Id.StartsWith("drill-", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(off, q => q.Id.StartsWith("drill-", StringComparison.Ordinal));
        Assert.InRange(drills.Count, 1, QuestionSource.DrillsPerSystem);
        Assert.All(drills, d => Assert.Equal(ContentArea.HcpcsLevelII, d.Area));
        foreach (var drill in drills)
        {
            // drill-hcpcs-e1130-desc: the key's code is between the prefix and the kind.
            var code = drill.Id["drill-hcpcs-".Length..drill.Id.LastIndexOf('-')].ToUpperInvariant();
            Assert.True(codes.IsBillable(code), $"{drill.Id} keys {code}, which is not billable");
        }
    }

    [Fact]
    public async Task OpenRound_DrillsOnAndOnlyHcpcsChosen_AsksADrill()
    {
        using var fixture = await DailyFixture.CreateAsync();
        var read = HcpcsFiles.ReadFile(Path.Combine(RepoPaths.SharedData, "codesets", "HCPC2025_OCT_ANWEB.xlsx"));
        await fixture.CodeSets.SaveCodeSetAsync(read.CodeSet!, CodeFileKind.HcpcsWorkbook, "HCPC2025_OCT_ANWEB.xlsx", 0, default);
        var group = fixture.Group with { Drills = true, Areas = new HashSet<ContentArea> { ContentArea.HcpcsLevelII } };

        var (round, _) = await fixture.Daily.OpenRoundAsync(group, fixture.Today, default);

        Assert.StartsWith("drill-hcpcs-", round.Question.Id, StringComparison.Ordinal);
    }
}
