using StudyBot.CodeSets;

namespace StudyBot.Core.Tests.CodeSets;

public sealed class HcpcsFilesTests
{
    /// <summary>One 320-character record in the published layout (see SOURCES.md).</summary>
    internal static string Record(
        string code, string recordId, string description, string shortDescription = "",
        string added = "", string effective = "", string terminated = "", char action = 'N', int sequence = 100)
    {
        var line = new char[320];
        Array.Fill(line, ' ');
        void Put(int column, string text) => text.CopyTo(0, line, column - 1, text.Length);
        Put(1, recordId is "7" or "8" ? "   " + code : code);
        Put(6, sequence.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        Put(11, recordId);
        Put(12, description.PadRight(80)[..80]);
        Put(92, shortDescription);
        Put(269, added);
        Put(277, effective);
        Put(285, terminated);
        line[292] = action;
        return new string(line);
    }

    [Fact]
    public void ReadWorkbook_October2025_HasEveryRecordCountedInSources()
    {
        var result = OfficialFiles.HcpcsOctoberResult;

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var set = result.CodeSet!;
        Assert.Equal("HCPCS Level II October 2025", set.Release);
        Assert.Equal(8_846, set.Count);
        Assert.Equal(8_463, set.Entries.Count(e => !e.IsModifier));
        Assert.Equal(383, set.Entries.Count(e => e.IsModifier));
        Assert.Equal(1_225, set.Entries.Count(e => e.IsDiscontinued));
        Assert.Equal(1_205, set.Entries.Count(e => e.IsDiscontinued && !e.IsModifier));
        Assert.Equal(0, result.ExcludedDentalCodes);
        Assert.DoesNotContain(set.Entries, e => e.Code.StartsWith('D') && !e.IsModifier);
        Assert.Equal(7_258, set.BillableCount);
    }

    [Fact]
    public void ReadWorkbook_October2025_ReadsCodesModifiersAndDescriptions()
    {
        var set = OfficialFiles.HcpcsOctober2025;

        Assert.Equal("Ambulance service, outside state per mile, transport (medicaid only)", set.Description("A0021"));
        Assert.Equal("Outside state ambulance serv", set.Find("A0021")!.ShortDescription);
        Assert.Equal("Standard wheelchair, fixed full length arms, fixed or swing away detachable footrests", set.Description("e1130"));
        Assert.Equal("Dressing for one wound", set.Description("A1"));
        Assert.True(set.Find("A1")!.IsModifier);
        Assert.False(set.IsBillable("A1"));
        Assert.Equal("V5364", set.Entries[^1].Code);
        Assert.Equal(4_501, set.Find("G0556")!.LongDescription.Length);
        Assert.Equal(new DateOnly(2002, 7, 1), set.Find("A1")!.AddedDate);
        Assert.All(set.Siblings("E1130"), e => Assert.StartsWith("E11", e.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(set.Siblings("E1130"), e => e.Code == "E1130");
        Assert.All(set.Siblings("LT"), e => Assert.True(e.IsModifier));
        var discontinued = set.Entries.First(e => e.IsDiscontinued);
        Assert.True(set.Exists(discontinued.Code));
        Assert.False(set.IsBillable(discontinued.Code));
        Assert.True(discontinued.TerminationDate < new DateOnly(2025, 10, 1));
    }

    [Fact]
    public void ReadWorkbook_AsOfAnEarlierDate_CountsFewerDiscontinued()
    {
        using var stream = File.OpenRead(OfficialFiles.Path("HCPC2025_OCT_ANWEB.xlsx"));

        var set = HcpcsFiles.ReadWorkbook("HCPC2025_OCT_ANWEB.xlsx", stream, asOf: new DateOnly(2000, 1, 1)).CodeSet!;

        Assert.Equal(0, set.Entries.Count(e => e.IsDiscontinued));
    }

    [Fact]
    public void ReadText_PublishedLayout_ReadsCodesModifiersSkipsDentalAndFlagsDiscontinued()
    {
        var file = string.Join("\r\n",
            Record("A0021", "3", "Ambulance service, outside state per mile, transport (medicaid only)", "Outside state ambulance serv", "19920101", "20000101"),
            Record("D0120", "3", "Periodic oral evaluation - established patient", "Periodic oral evaluation", "20000101", "20000101"),
            Record("G0001", "3", "Routine venipuncture for collection of specimen(s)", "Drawing blood for specimen", "19900101", "19900101", "20041231", 'D'),
            Record("LT", "7", "Left side (used to identify procedures performed on the left side of the body)", "Left side", "19920101", "20250101"));

        var result = HcpcsFiles.ReadText("HCPC2026_JAN_ANWEB.txt", new StringReader(file));

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var set = result.CodeSet!;
        Assert.Equal("HCPCS Level II January 2026", set.Release);
        Assert.Equal(["A0021", "G0001", "LT"], set.Entries.Select(e => e.Code));
        Assert.Equal(1, result.ExcludedDentalCodes);
        Assert.Equal("Outside state ambulance serv", set.Find("A0021")!.ShortDescription);
        Assert.True(set.Find("LT")!.IsModifier);
        Assert.False(set.IsBillable("LT"));
        Assert.True(set.Find("G0001")!.IsDiscontinued);
        Assert.False(set.IsBillable("G0001"));
        Assert.True(set.IsBillable("A0021"));
        Assert.Equal(new DateOnly(2004, 12, 31), set.Find("G0001")!.TerminationDate);
    }

    [Fact]
    public void ReadText_WordWrappedContinuations_KeepTheBlankBetweenWords()
    {
        // The October 2025 description of modifier AB, wrapped at word breaks: its first piece fills all 80 columns.
        var file = string.Join("\n",
            Record("AB", "7", "Audiology service furnished personally by an audiologist without a physician/npp", "Audiology service", "20230101", "20230101"),
            Record("AB", "8", "order for non-acute hearing assessment unrelated to disequilibrium, or hearing", sequence: 200),
            Record("AB", "8", "aids, or examinations for the purpose of prescribing, fitting, or changing", sequence: 300),
            Record("AB", "8", "hearing aids; service may be performed once every 12 months, per beneficiary", sequence: 400));

        var set = HcpcsFiles.ReadText("wrapped.txt", new StringReader(file)).CodeSet!;

        Assert.Equal(OfficialFiles.HcpcsOctober2025.Description("AB"), set.Description("AB"));
    }

    [Fact]
    public void ReadText_ContinuationsCutAtColumn80_AreJoinedInsideWords()
    {
        const string text = "Miscellaneous dme supply or accessory, not otherwise specified, with a description long enough to continue onto a third line of the records, which it does here, so it does it";
        var file = string.Join("\n",
            Record("A9999", "3", text[..80], "Dme supply or accessory, nos", "19950101", "19950101"),
            Record("A9999", "4", text[80..160], sequence: 200),
            Record("A9999", "4", text[160..], sequence: 300));
        Assert.Equal(' ', text[160]);

        var set = HcpcsFiles.ReadText("cut.txt", new StringReader(file)).CodeSet!;

        Assert.Equal(text, set.Description("A9999"));
    }

    [Fact]
    public void ReadText_TrailingBlanksTrimmed_StillReads()
    {
        var file = Record("A0021", "3", "Ambulance service, outside state per mile", "Outside state ambulance serv", "19920101", "20000101").TrimEnd();

        Assert.True(HcpcsFiles.ReadText("short.txt", new StringReader(file)).IsValid);
    }

    [Fact]
    public void ReadText_MalformedRecords_ListsEachWithItsLine()
    {
        var file = string.Join("\n",
            Record("A0021", "3", "Fine", "Fine", "19920101", "20000101"),
            Record("A0022", "5", "Unknown record id", "x", "19920101", "20000101"),
            Record("A0023", "4", "Continuation of nothing before it"),
            Record("A002", "3", "Short code", "x", "19920101", "20000101"),
            Record("A0024", "3", "Bad date", "x", "1992-01-01", "20000101"),
            Record("A0021", "3", "Twice", "x", "19920101", "20000101"),
            Record("A0025", "3", "Too long", "x") + "overflow");

        var result = HcpcsFiles.ReadText("bad.txt", new StringReader(file));

        Assert.Null(result.CodeSet);
        Assert.Equal(
            [
                "bad.txt:2: record id '5' in column 11 must be 3, 4, 7 or 8",
                "bad.txt:3: continuation line for A0023 does not follow the first line of A0023",
                "bad.txt:7: the record is 328 characters; the layout has 320",
                "bad.txt:4: 'A002' is not a HCPCS Level II code (a letter and four digits)",
                "bad.txt:5: ADD DT '1992-01-' for A0024 is not a date (YYYYMMDD)",
                "bad.txt:6: code A0021 appears twice",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ReadWorkbook_NotAWorkbook_SaysSo()
    {
        using var stream = new MemoryStream("not a zip"u8.ToArray());

        var problem = Assert.Single(HcpcsFiles.ReadWorkbook("codes.xlsx", stream).Problems);

        Assert.StartsWith("codes.xlsx: not a readable .xlsx workbook", problem.ToString(), StringComparison.Ordinal);
    }
}
