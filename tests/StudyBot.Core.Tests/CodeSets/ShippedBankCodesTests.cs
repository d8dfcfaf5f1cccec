using StudyBot.CodeSets;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Core.Tests.CodeSets;

/// <summary>The shipped bank against the official releases: every ICD-10-CM code it names exists in the
/// FY2026 order file, and every keyed code is billable.</summary>
public sealed class ShippedBankCodesTests
{
    [Fact]
    public void ShippedBank_EveryIcdCodeExists_AndEveryKeyedCodeIsBillable()
    {
        var (bank, problems) = BankLoader.Load(Path.Combine(RepoPaths.Config, "bank"));
        Assert.Empty(problems);

        var issues = BankCodeCheck.Check(bank!.Questions, OfficialFiles.Icd10Cm2026, OfficialFiles.HcpcsOctober2025);

        Assert.True(issues.Count == 0, string.Join('\n', issues));
    }

    [Fact]
    public void ShippedBank_NamesIcdCodesAtAll()
    {
        // Guards the test above against passing because the code reader found nothing to check.
        var (bank, _) = BankLoader.Load(Path.Combine(RepoPaths.Config, "bank"));

        var named = bank!.Questions.SelectMany(q => q.Choices.Append(q.Stem).Append(q.Rationale)
            .SelectMany(t => BankCodeCheck.IcdCodesIn(t, q.Area == ContentArea.Icd10Cm))).Distinct().Count();

        Assert.True(named > 100, $"{named} distinct ICD-10-CM codes named");
    }
}
