using StudyBot.CodeSets;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.CodeSets;

public sealed class BankCodeCheckTests
{
    private static CodeSet Icd => OfficialFiles.Icd10Cm2026;

    private static Question Choice(string id, ContentArea area, string stem, string[] choices, int key, string rationale, string? reference = null) =>
        Question.MultipleChoice(id, area, Difficulty.Medium, stem, choices, ChoiceLetter.FromIndex(key), rationale, reference, [], "test");

    private static Question Typed(string id, ContentArea area, string stem, string[] accepted, string rationale) =>
        Question.Typed(id, area, Difficulty.Easy, stem, accepted, rationale, null, [], "test");

    private static List<string> Messages(IEnumerable<Question> questions, CodeSet? hcpcs = null) =>
        [.. BankCodeCheck.Check(questions, Icd, hcpcs).Select(i => i.ToString())];

    [Fact]
    public void Check_SoundBank_FindsNothing()
    {
        Question[] bank =
        [
            Choice("icd-001", ContentArea.Icd10Cm, "Type 2 diabetes with hyperglycemia; see category E11.",
                ["E11.9", "E11.65", "E13.9", "E10.65"], 1, "E11.65 is right; E11.9 has no complication; E13.9 and E10.65 are other types."),
            Typed("icd-002", ContentArea.Icd10Cm, "Type the code for cholera, unspecified.", ["A009"], "A00.9 is cholera, unspecified."),
            Choice("gl-001", ContentArea.CodingGuidelines, "Patient takes vitamin B12 and drinks H2O. Which is billable?",
                ["E11.9", "E11", "E11.6", "E11.64"], 0, "Headers E11, E11.6 and E11.64 cannot be reported.", "ICD-10-CM guideline I.B.2"),
            Choice("hc-001", ContentArea.HcpcsLevelII, "Standard wheelchair with fixed full-length arms?",
                ["E1130", "E1140", "E1100", "E1110"], 0, "E1130 is the standard wheelchair with fixed arms."),
        ];

        Assert.Empty(Messages(bank));
    }

    [Fact]
    public void Check_UnknownCodes_AreListedWhereverTheyAppear()
    {
        Question[] bank =
        [
            Choice("icd-010", ContentArea.Icd10Cm, "A patient with E11.99 and code Q99 ...",
                ["E11.9", "E119.9", "Z99.999", "E11.65"], 3, "Not R99.1 either.", "Tabular category E11"),
            Typed("icd-011", ContentArea.Icd10Cm, "Type it.", ["E1199"], "Because."),
        ];

        Assert.Equal(
            [
                "icd-010: stem names E11.99, which is not a code in ICD-10-CM FY2026",
                "icd-010: choice B names E119.9, which is not a code in ICD-10-CM FY2026",
                "icd-010: choice C names Z99.999, which is not a code in ICD-10-CM FY2026",
                "icd-010: rationale names R99.1, which is not a code in ICD-10-CM FY2026",
                "icd-011: accepted answer names E1199, which is not a code in ICD-10-CM FY2026",
            ],
            Messages(bank));
    }

    [Fact]
    public void Check_HeaderAsTheKey_IsReportedWithTheCodesBelowIt()
    {
        Question[] bank =
        [
            Choice("icd-020", ContentArea.Icd10Cm, "Type 2 diabetes with complications?", ["E11.9", "E11.6", "E13.9", "E10.65"], 1, "E11.6."),
            Typed("icd-021", ContentArea.Icd10Cm, "Type the category.", ["E11"], "E11."),
        ];

        var issues = BankCodeCheck.Check(bank, Icd);

        Assert.All(issues, i => Assert.Equal(CodeIssueKind.KeyNotBillable, i.Kind));
        Assert.Equal(
            [
                "icd-020: the correct answer (choice B) is E11.6, which is a header, not a billable code (codes below it start with E11.61) in ICD-10-CM FY2026",
                "icd-021: the correct answer (accepted answer) is E11, which is a header, not a billable code (codes below it start with E11.0) in ICD-10-CM FY2026",
            ],
            issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Check_HeaderAsADistractor_IsFine()
    {
        Question[] bank = [Choice("icd-030", ContentArea.Icd10Cm, "Which is billable?", ["E11", "E11.9", "E11.6", "E11.64"], 1, "Only E11.9.")];

        Assert.Empty(Messages(bank));
    }

    [Fact]
    public void Check_WithHcpcs_FlagsUnknownAndDiscontinuedKeys()
    {
        var hcpcs = OfficialFiles.HcpcsOctober2025;
        var discontinued = hcpcs.Entries.First(e => e.IsDiscontinued && !e.IsModifier);
        Question[] bank =
        [
            Choice("hc-010", ContentArea.HcpcsLevelII, "Which code?", [discontinued.Code, "E1130", "E1140", "D0120"], 0, "V9999 is not a code."),
        ];

        Assert.Equal(
            [
                $"hc-010: the correct answer (choice A) is {discontinued.Code}, which is discontinued (terminated {discontinued.TerminationDate:yyyy-MM-dd}) in HCPCS Level II October 2025",
                "hc-010: rationale names V9999, which is not a code in HCPCS Level II October 2025",
            ],
            Messages(bank, hcpcs));
    }

    [Theory]
    [InlineData("Code T36.0X1A first, then E11.9.", false, "T36.0X1A,E11.9")]
    [InlineData("See category E11 and codes E08-E13.", false, "E11,E08")]
    [InlineData("Guideline I.C.4.a, vitamin B12, H2O, HCPCS E1130, CPT 99213.", false, "")]
    [InlineData("E119", true, "E119")]
    [InlineData("E119", false, "")]
    [InlineData("E119.9", true, "E119.9")]
    [InlineData("Not E119.9 but E11.9", false, "E119.9,E11.9")]
    public void IcdCodesIn_ReadsOnlyWhatIsClearlyAnIcdCode(string text, bool isIcdQuestion, string expected)
    {
        Assert.Equal(expected, string.Join(',', BankCodeCheck.IcdCodesIn(text, isIcdQuestion)));
    }
}
