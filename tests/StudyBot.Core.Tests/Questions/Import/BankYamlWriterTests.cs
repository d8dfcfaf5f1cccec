using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class BankYamlWriterTests
{
    private static readonly Question Tricky = Question.MultipleChoice(
        "tricky-001", ContentArea.Compliance, Difficulty.Hard,
        "Line one: with a colon\n  indented line two # not a comment\nlast line",
        ["true", "1.5", "null", "- dash: and \"quotes\" and 'apostrophes'"],
        ChoiceLetter.FromIndex(3),
        "Trailing spaces   \nand a tab\there, unicode café, and a final line",
        "OIG compliance guidance, element 1",
        ["compliance", "oig"],
        "StudyBot original");

    private static readonly Question TypedCode = Question.Typed(
        "icd-201", ContentArea.Icd10Cm, Difficulty.Easy,
        "Type the ICD-10-CM code for type 2 diabetes mellitus without complications.",
        ["E11.9", "yes", "0x10"],
        "E11.9 is the code.", null, [], "StudyBot original");

    [Fact]
    public void Write_ThenRead_GivesBackTheSameQuestions()
    {
        var yaml = BankYamlWriter.Write([Tricky, TypedCode]);

        var read = NativeYamlForTests.Parse(yaml);

        Assert.Equal(2, read.Count);
        NativeYamlForTests.AssertSame(Tricky, read[0]);
        NativeYamlForTests.AssertSame(TypedCode, read[1]);
    }

    [Fact]
    public void Write_LooksLikeTheDocumentedFormat()
    {
        var yaml = BankYamlWriter.Write([TypedCode]);

        Assert.Equal(
            """
            version: 1
            questions:
              - id: icd-201
                area: icd-10-cm
                difficulty: easy
                stem: Type the ICD-10-CM code for type 2 diabetes mellitus without complications.
                accepted: [E11.9, "yes", "0x10"]
                rationale: E11.9 is the code.
                source: StudyBot original

            """,
            yaml);
    }

    [Fact]
    public void Write_ImportedCsvAndGift_RoundTripsThroughTheNativeFormat()
    {
        const string csv = """"
            stem,a,b,c,d,answer,rationale,tags
            "Multi-line
            stem, with ""quotes""",E11.9,E11.65,E13.9,E10.65,B,Because.,"diabetes tags"
            Type the code.,,,,,A00.9|A009,,
            """";
        const string gift = """
            $CATEGORY: icd-10-cm
            ::g1::Escaped \{ \} \~ \= \# \: in a stem.{=a ~b ~c ~d#feedback}
            """;
        var imported = new CsvBankReader(ContentArea.Icd10Cm).Read("a.csv", csv).Questions
            .Concat(new GiftBankReader(ContentArea.Anatomy).Read("b.gift", gift).Questions)
            .ToList();
        Assert.Equal(3, imported.Count);

        var read = NativeYamlForTests.Parse(BankYamlWriter.Write(imported));

        Assert.Equal(imported.Count, read.Count);
        for (var i = 0; i < imported.Count; i++)
        {
            NativeYamlForTests.AssertSame(imported[i], read[i]);
        }
    }

    [Fact]
    public void Write_RereadAsCsvExport_KeepsIdsSoReimportUpdatesInPlace()
    {
        var first = new AikenBankReader(ContentArea.Anatomy).Read("a.txt", "Which?\nA. w\nB. x\nC. y\nD. z\nANSWER: C\n").Questions;

        var reread = NativeYamlForTests.Parse(BankYamlWriter.Write(first));

        Assert.Equal(first[0].Id, reread[0].Id);
        Assert.Equal(new AikenBankReader(ContentArea.Anatomy).Read("a.txt", "Which?\nA. w\nB. x\nC. y\nD. z\nANSWER: C\n").Questions[0].Id, reread[0].Id);
    }
}
