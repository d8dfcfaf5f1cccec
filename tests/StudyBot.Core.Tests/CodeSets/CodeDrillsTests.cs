using StudyBot.CodeSets;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.CodeSets;

public sealed class CodeDrillsTests
{
    private static readonly Lazy<AddendaReadResult> Addenda = new(() =>
    {
        using var reader = File.OpenText(OfficialFiles.Path("icd10cm_order_addenda_2026.txt"));
        return Icd10CmFiles.ReadAddenda("icd10cm_order_addenda_2026.txt", reader);
    });

    private static CodeSet Icd => OfficialFiles.Icd10Cm2026;

    private static CodeSet Hcpcs => OfficialFiles.HcpcsOctober2025;

    private static string KeyText(Question q) => q.Choices[q.Answer!.Value.Index];

    private static IEnumerable<string> DistractorTexts(Question q) => q.Choices.Where((_, i) => i != q.Answer!.Value.Index);

    [Fact]
    public void CodeToDescription_E119_OffersItsOfficialDescriptionAgainstSiblings()
    {
        var drill = new CodeDrills(Icd).CodeToDescription("E11.9")!;

        Assert.Equal("drill-icd-e119-desc", drill.Id);
        Assert.Equal(ContentArea.Icd10Cm, drill.Area);
        Assert.Equal("What does ICD-10-CM code E11.9 describe?", drill.Stem);
        Assert.Equal("Type 2 diabetes mellitus without complications", KeyText(drill));
        var e11 = Icd.Category("E11").Select(e => e.LongDescription).ToHashSet();
        Assert.All(DistractorTexts(drill), text => Assert.Contains(text, e11));
        Assert.Equal(4, drill.Choices.Distinct().Count());
        Assert.Contains("E11.9 is \"Type 2 diabetes mellitus without complications\" (ICD-10-CM FY2026)", drill.Rationale, StringComparison.Ordinal);
        Assert.Equal("ICD-10-CM FY2026 official code set (public domain)", drill.Source);
    }

    [Fact]
    public void Find_EveryKindOfDrill_IsWrittenAgainFromItsId()
    {
        var drills = new CodeDrills(Icd, Addenda.Value);
        Question[] written =
        [
            drills.CodeToDescription("E119")!, drills.DescriptionToCode("E1165")!, drills.TypedCode("E119")!,
            drills.WhichIsBillable("E11")!, drills.Generate(DrillKinds.NewThisYear).First(),
        ];

        var found = written.Select(d => drills.Find(d.Id)).ToList();

        Assert.Equal(written.Select(d => d.Id), found.Select(d => d?.Id));
        Assert.Equal(written.Select(d => d.Rationale), found.Select(d => d?.Rationale));
        Assert.Equal(written.Select(d => d.Answer), found.Select(d => d?.Answer));
    }

    [Theory]
    [InlineData("drill-icd-E119-desc")] // an id CodeDrills never writes (upper case)
    [InlineData("drill-icd-e11-desc")] // E11 is a header: never a key
    [InlineData("drill-icd-e119-hard")]
    [InlineData("drill-icd-e119")]
    [InlineData("drill-hcpcs-a0021-desc")]
    [InlineData("icd-001")]
    public void Find_IdThatIsNotADrillOfThisSet_IsNull(string id) => Assert.Null(new CodeDrills(Icd).Find(id));

    [Fact]
    public void DescriptionToCode_E1165_DistractorsAreRealSiblingsNeverTheKey()
    {
        var drill = new CodeDrills(Icd).DescriptionToCode("E1165")!;

        Assert.Equal("drill-icd-e1165-code", drill.Id);
        Assert.Equal("Which ICD-10-CM code is: Type 2 diabetes mellitus with hyperglycemia", drill.Stem);
        Assert.Equal("E11.65", KeyText(drill));
        // E11.6x has one other billable code (E11.64 is a header), so the rest come from category E11.
        Assert.Contains("E11.69", drill.Choices);
        Assert.All(DistractorTexts(drill), code =>
        {
            Assert.StartsWith("E11", code, StringComparison.Ordinal);
            Assert.True(Icd.IsBillable(code), code);
        });
    }

    [Fact]
    public void DescriptionToCode_SampleAcrossTheWholeRelease_KeepsEveryRule()
    {
        var drills = new CodeDrills(Icd);
        var written = 0;
        foreach (var entry in Icd.Entries.Where((e, i) => e.IsBillable && i % 97 == 0))
        {
            if (drills.DescriptionToCode(entry.Code) is not { } drill)
            {
                continue;
            }

            written++;
            Assert.Equal(entry.DisplayCode, KeyText(drill));
            Assert.Equal(4, drill.Choices.Distinct().Count());
            Assert.All(DistractorTexts(drill), code =>
            {
                Assert.NotEqual(entry.DisplayCode, code);
                Assert.True(Icd.IsBillable(code), code);
                Assert.Equal(entry.Code[..3], Icd.Find(code)!.Code[..3]);
                Assert.NotEqual(entry.LongDescription, Icd.Description(code));
            });
        }

        Assert.True(written > 700, $"only {written} drills written");
    }

    [Fact]
    public void TypedCode_AcceptsTheCodeWithOrWithoutItsDot()
    {
        var drill = new CodeDrills(Icd).TypedCode("E11.9")!;

        Assert.Equal("drill-icd-e119-typed", drill.Id);
        Assert.Equal("Type the ICD-10-CM code for: Type 2 diabetes mellitus without complications", drill.Stem);
        Assert.True(drill.Accepts("E119"));
        Assert.True(drill.Accepts("e11.9"));
        Assert.False(drill.Accepts("E11"));
    }

    [Fact]
    public void Drills_NeverKeyAHeaderOrAnUnknownCode()
    {
        var drills = new CodeDrills(Icd);

        Assert.Null(drills.CodeToDescription("E11"));
        Assert.Null(drills.DescriptionToCode("E11.6"));
        Assert.Null(drills.TypedCode("E11.99"));
    }

    [Fact]
    public void WhichIsBillable_E11_HasExactlyOneBillableChoice()
    {
        var drill = new CodeDrills(Icd).WhichIsBillable("E11")!;

        Assert.Equal("drill-icd-e11-billable", drill.Id);
        Assert.True(Icd.IsBillable(KeyText(drill)));
        Assert.All(DistractorTexts(drill), code =>
        {
            Assert.True(Icd.Find(code)!.IsHeader, code);
            Assert.StartsWith("E11", Icd.Find(code)!.Code, StringComparison.Ordinal);
        });
        Assert.Contains(Icd.Parent(KeyText(drill))!.DisplayCode, drill.Choices);
        Assert.Contains("cannot be reported", drill.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void NewThisYear_B8801_AgainstCodesThatExistedBefore()
    {
        var added = Addenda.Value.Changes.Where(c => c.Kind == CodeChangeKind.Added).Select(c => c.Code).ToHashSet();

        var drill = new CodeDrills(Icd, Addenda.Value).NewThisYear("B88.01")!;

        Assert.Equal("drill-icd-b8801-new", drill.Id);
        Assert.Equal("Which of these ICD-10-CM codes is new in ICD-10-CM FY2026 (effective October 1, 2025)?", drill.Stem);
        Assert.Equal("B88.01 Infestation by Demodex mites", KeyText(drill));
        Assert.All(DistractorTexts(drill), text =>
        {
            var code = CodeText.Normalize(text.Split(' ')[0]);
            Assert.DoesNotContain(code, added);
            Assert.True(Icd.IsBillable(code), code);
        });
    }

    [Fact]
    public void NewThisYear_CodeNotInTheAddenda_IsNotWritten()
    {
        Assert.Null(new CodeDrills(Icd, Addenda.Value).NewThisYear("E11.9"));
    }

    [Fact]
    public void Generate_Hcpcs_NeverKeysADiscontinuedCodeAndIdsAreUnique()
    {
        var drills = new CodeDrills(Hcpcs).Generate().ToList();

        Assert.NotEmpty(drills);
        Assert.Equal(drills.Count, drills.Select(d => d.Id).Distinct().Count());
        Assert.All(drills, d => Assert.Equal(ContentArea.HcpcsLevelII, d.Area));
        var keyed = drills.Where(d => d.Id.EndsWith("-code", StringComparison.Ordinal)).Select(KeyText)
            .Concat(drills.Where(d => d.IsTyped).Select(d => d.AcceptedAnswers[0]));
        Assert.All(keyed, code => Assert.False(Hcpcs.Find(code)!.IsDiscontinued, code));
        Assert.DoesNotContain(drills, d => d.Id.EndsWith("-billable", StringComparison.Ordinal) || d.Id.EndsWith("-new", StringComparison.Ordinal));
    }

    [Fact]
    public void CodeToDescription_HcpcsModifier_UsesOtherModifiersOnly()
    {
        var drill = new CodeDrills(Hcpcs).CodeToDescription("LT")!;

        Assert.Equal("drill-hcpcs-lt-desc", drill.Id);
        Assert.Equal("What does HCPCS Level II modifier LT mean?", drill.Stem);
        var modifierDescriptions = Hcpcs.Entries.Where(e => e.IsModifier).Select(e => e.LongDescription).ToHashSet();
        Assert.All(drill.Choices, text => Assert.Contains(text, modifierDescriptions));
    }

    [Fact]
    public void Generate_SameRelease_GivesTheSameDrills()
    {
        var first = new CodeDrills(Icd).Generate(DrillKinds.CodeToDescription).Take(200).ToList();
        var second = new CodeDrills(Icd).Generate(DrillKinds.CodeToDescription).Take(200).ToList();

        Assert.Equal(first.Select(q => q.Id), second.Select(q => q.Id));
        Assert.Equal(first.Select(q => string.Join('|', q.Choices) + q.Answer), second.Select(q => string.Join('|', q.Choices) + q.Answer));
        Assert.True(first.Select(q => q.Answer).Distinct().Count() > 1, "the key should not always sit at the same letter");
    }
}
