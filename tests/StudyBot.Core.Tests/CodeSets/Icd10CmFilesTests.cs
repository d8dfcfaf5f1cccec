using System.Diagnostics;
using StudyBot.CodeSets;
using Xunit.Abstractions;

namespace StudyBot.Core.Tests.CodeSets;

public sealed class Icd10CmFilesTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadOrderFile_Fy2026_Has74719BillableCodesAnd23467Headers()
    {
        var started = Stopwatch.GetTimestamp();
        var result = OfficialFiles.IcdOrderResult;
        output.WriteLine($"order file (shared, maybe already loaded): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var set = result.CodeSet!;
        Assert.Equal("ICD-10-CM FY2026", set.Release);
        Assert.Equal(98_186, set.Count);
        Assert.Equal(74_719, set.BillableCount);
        Assert.Equal(23_467, set.Entries.Count(e => e.IsHeader));
    }

    [Fact]
    public void ReadCodesFile_Fy2026_ListsExactlyTheBillableCodesOfTheOrderFile()
    {
        var result = Icd10CmFiles.ReadFile(OfficialFiles.Path("icd10cm_codes_2026.txt"));

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var codes = result.CodeSet!;
        Assert.Equal(74_719, codes.Count);
        Assert.Equal(74_719, codes.BillableCount);
        Assert.All(codes.Entries, e => Assert.True(OfficialFiles.Icd10Cm2026.IsBillable(e.Code), e.Code));
        Assert.Equal("Cholera due to Vibrio cholerae 01, biovar cholerae", codes.Description("A00.0"));
    }

    [Fact]
    public void Lookups_AcceptCodesWithOrWithoutDotInAnyCase()
    {
        var set = OfficialFiles.Icd10Cm2026;

        Assert.True(set.Exists("E11.9"));
        Assert.True(set.Exists("e119"));
        Assert.True(set.IsBillable(" E11.9 "));
        Assert.Equal("Type 2 diabetes mellitus without complications", set.Description("E11.9"));
        Assert.Equal("E11.9", set.Find("E119")!.DisplayCode);
        Assert.True(set.Exists("E11"));
        Assert.False(set.IsBillable("E11"));
        Assert.True(set.Find("E11")!.IsHeader);
        Assert.False(set.Exists("E11.99"));
        Assert.False(set.IsBillable("E11.99"));
        Assert.Null(set.Description("Z99.999"));
    }

    [Fact]
    public void Family_FollowsTheTabularHierarchy()
    {
        var set = OfficialFiles.Icd10Cm2026;

        Assert.Equal("E116", set.Parent("E11.65")!.Code);
        Assert.Equal("E11", set.Parent("E11.6")!.Code);
        Assert.Null(set.Parent("E11"));
        var siblings = set.Siblings("E11.65").Select(e => e.Code).ToList();
        Assert.Contains("E1164", siblings);
        Assert.Contains("E1169", siblings);
        Assert.DoesNotContain("E1165", siblings);
        Assert.All(siblings, code => Assert.StartsWith("E116", code, StringComparison.Ordinal));
        Assert.Contains("E119", set.Children("E11").Select(e => e.Code));
        Assert.All(set.Category("E11.9"), e => Assert.StartsWith("E11", e.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadOrderFile_LoadTime_IsReported()
    {
        // Not asserted (timing belongs in benchmarks); written to the test log for the record.
        var started = Stopwatch.GetTimestamp();
        var result = Icd10CmFiles.ReadFile(OfficialFiles.Path("icd10cm_order_2026.txt"));
        output.WriteLine($"icd10cm_order_2026.txt: {result.CodeSet?.Count} entries in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void ReadOrderFile_MalformedLines_ListsEachWithItsLine()
    {
        const string file = """
            00001 A00     0 Cholera                                                      Cholera
            00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae
            00003 A001    2 Cholera due to Vibrio cholerae 01, biovar eltor              Cholera due to Vibrio cholerae 01, biovar eltor
            00004 a009    1 Cholera, unspecified                                         Cholera, unspecified
            00005 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae
            A009    Cholera, unspecified
            """;

        var result = Icd10CmFiles.ReadOrderFile("order.txt", new StringReader(file));

        Assert.Null(result.CodeSet);
        Assert.Equal(
            [
                "order.txt:3: the header flag in column 15 is '2'; it must be 0 (header) or 1 (billable)",
                "order.txt:4: 'a009' is not an ICD-10-CM code",
                "order.txt:5: code A000 appears twice",
                "order.txt:6: not an order-file record (order number in columns 1-5, code in 7-13, flag in 15, descriptions from 17 and 78)",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ReadCodesFile_WrongFile_StopsListingAfterFiftyProblems()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 80).Select(i => $"this is not a code line {i}"));

        var result = Icd10CmFiles.ReadCodesFile("wrong.txt", new StringReader(lines));

        Assert.Equal(51, result.Problems.Count);
        Assert.Equal("wrong.txt: and 30 more problems; is this the right file?", result.Problems[^1].ToString());
    }

    [Fact]
    public void ReadAddenda_OrderLayout_CountsMatchCmsSummary()
    {
        using var reader = File.OpenText(OfficialFiles.Path("icd10cm_order_addenda_2026.txt"));

        var result = Icd10CmFiles.ReadAddenda("icd10cm_order_addenda_2026.txt", reader);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal("ICD-10-CM FY2026", result.Release);
        var added = result.Changes.Where(c => c.Kind == CodeChangeKind.Added).ToList();
        Assert.Equal(143, added.Count(c => c.IsHeader == true));
        Assert.Equal(487, added.Count(c => c.IsHeader == false));
        Assert.Equal(28, result.Changes.Count(c => c.Kind == CodeChangeKind.Deleted && c.IsHeader == false));
        Assert.Equal(45, result.Changes.Count(c => c.Kind == CodeChangeKind.Revised));
        Assert.Equal(487, result.AddedCodes.Count());
        var demodex = Assert.Single(result.Changes, c => c.Code == "B8801");
        Assert.Equal("Infestation by Demodex mites", demodex.LongDescription);
        var revised = result.Changes.First(c => c.Code == "L02212" && c.Kind == CodeChangeKind.Revised);
        Assert.Equal("Cutaneous abscess of back [any part, except buttock]", revised.PreviousLongDescription);
        Assert.Equal("Cutaneous abscess of back [any part, except buttock and flank]", revised.LongDescription);
        Assert.Equal(85, revised.Line);
    }

    [Fact]
    public void ReadAddenda_CodesLayout_CountsMatchCmsSummary()
    {
        using var reader = File.OpenText(OfficialFiles.Path("icd10cm_codes_addenda_2026.txt"));

        var result = Icd10CmFiles.ReadAddenda("icd10cm_codes_addenda_2026.txt", reader);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(487, result.AddedCodes.Count());
        Assert.Equal(28, result.Changes.Count(c => c.Kind == CodeChangeKind.Deleted));
        Assert.Equal(38, result.Changes.Count(c => c.Kind == CodeChangeKind.Revised));
        Assert.All(result.AddedCodes, c => Assert.True(OfficialFiles.Icd10Cm2026.IsBillable(c.Code), c.Code));
    }

    [Fact]
    public void ReadAddenda_UnpairedRevisions_AreProblems()
    {
        const string file = """
            Add:         1 B8801   Infestation by Demodex mites                                 Infestation by Demodex mites
            Revise from: 1 L02212  Cutaneous abscess of back [any part, except buttock]         Cutaneous abscess of back [any part, except buttock]
            Revise to:   1 L02222  Furuncle of back [any part, except buttock and flank]        Furuncle of back [any part, except buttock and flank]
            Revise from: 1 L02212  Cutaneous abscess of back [any part, except buttock]         Cutaneous abscess of back [any part, except buttock]
            """;

        var result = Icd10CmFiles.ReadAddenda("addenda.txt", new StringReader(file));

        Assert.Empty(result.Changes);
        Assert.Equal(
            [
                "addenda.txt:3: 'Revise to:' for L02222 does not follow a 'Revise from:' line for the same code",
                "addenda.txt:4: 'Revise from:' is not followed by its 'Revise to:' line",
            ],
            result.Problems.Select(p => p.ToString()));
    }
}
