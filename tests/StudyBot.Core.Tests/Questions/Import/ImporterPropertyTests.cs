using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

/// <summary>
/// Bad input for every bank importer: arbitrary text, and well-formed files broken at random (truncated,
/// garbage or control characters inserted, a line dropped or repeated, a 100k-character line). Whatever the
/// input, a reader returns; a file with any problem imports nothing; every problem names the file, a line
/// inside it (or none) and says what is wrong.
/// </summary>
public sealed class ImporterPropertyTests
{
    private const int Cases = 400;

    private static readonly char[] LineBreaks = ['\n', '\r', '\u0085', '\u2028', '\u2029'];

    private const string Yaml = """
        version: 1
        questions:
          - id: icd-001
            area: icd-10-cm
            difficulty: medium
            stem: A patient with type 2 diabetes and hyperglycemia. Which code?
            choices: { A: E11.9, B: E11.65, C: E13.9, D: E10.65 }
            answer: B
            rationale: B is right because hyperglycemia is a complication.
            reference: ICD-10-CM guideline I.C.4.a
            source: StudyBot original
          - id: hcpcs-001
            area: hcpcs-level-ii
            difficulty: easy
            stem: Type the HCPCS code for a dressing for one wound.
            accepted: [A1, A-1]
            rationale: A1 is the modifier for one wound.
            source: StudyBot original
        """;

    private const string Csv = """
        id,area,difficulty,stem,a,b,c,d,answer,rationale,reference,tags,source
        icd-001,icd-10-cm,hard,"Patient with type 2 diabetes, hyperglycemia. Code?",E11.9,E11.65,E13.9,E10.65,b,"E11.65 is right.
        E11.9 is for no complications.",ICD-10-CM guideline I.C.4.a,"diabetes, combination-codes",Study group
        hcpcs-001,hcpcs-level-ii,easy,Type the HCPCS code for a dressing for one wound.,,,,,A1|A-1,,,,Study group
        """;

    private const string Gift = """
        ::Diabetes 1::A type 2 diabetic has hyperglycemia. Which code?{
          ~E11.9#No: hyperglycemia is a complication.
          =E11.65#Yes: E11.65 names hyperglycemia.
          ~E13.9
          ~E10.65#E10 is type 1.
          ####Code the complication the documentation links.
        }
        """;

    private const string Aiken = """
        Which code reports type 2 diabetes
        without complications?
        A. E11.9
        B. E10.9
        C) E11.65
        D) E13.9
        ANSWER: A

        Which code is a category header?
        A. E11.9
        B. E11
        C. A00.9
        D. A00.1
        answer: b
        """;

    private const string Trivia = """
        AUTHOR: Coding Club
        CONFIG:
          max_score: 10
        What HCPCS code is a dressing for one wound?:
          - A1
        Which modifier means left side?:
          - LT
          - "LT modifier"
        """;

    public static TheoryData<string> Formats => ["yaml", "csv", "gift", "aiken", "trivia"];

    [Fact]
    public void Samples_AreValid_SoTheMutationsStartFromAGoodFile()
    {
        foreach (var format in Formats)
        {
            var (reader, file, sample) = For(format);
            var result = reader.Read(file, sample);
            Assert.True(result.IsValid, format + ": " + string.Join('\n', result.Problems));
            Assert.NotEmpty(result.Questions);
        }
    }

    [Property(MaxTest = Cases)]
    public Property Yaml_BrokenOrArbitrary_RejectedWholeWithAClearError() => Holds("yaml");

    [Property(MaxTest = Cases)]
    public Property Csv_BrokenOrArbitrary_RejectedWholeWithAClearError() => Holds("csv");

    [Property(MaxTest = Cases)]
    public Property Gift_BrokenOrArbitrary_RejectedWholeWithAClearError() => Holds("gift");

    [Property(MaxTest = Cases)]
    public Property Aiken_BrokenOrArbitrary_RejectedWholeWithAClearError() => Holds("aiken");

    [Property(MaxTest = Cases)]
    public Property RedTrivia_BrokenOrArbitrary_RejectedWholeWithAClearError() => Holds("trivia");

    private static Property Holds(string format)
    {
        var (reader, file, sample) = For(format);
        return Prop.ForAll(Arb.From(Inputs(sample)), content =>
        {
            var result = reader.Read(file, content);
            var lines = content.Split(LineBreaks).Length; // YAML also breaks lines at \r, NEL and the Unicode separators
            if (!result.IsValid)
            {
                Assert.Empty(result.Questions); // rejected whole: no partial import
                Assert.All(result.Problems, p =>
                {
                    Assert.Equal(file, p.File);
                    Assert.False(string.IsNullOrWhiteSpace(p.Message));
                    Assert.InRange(p.Line, 0, lines + 1);
                });
            }
        });
    }

    private static (IBankFormatReader Reader, string File, string Sample) For(string format) => format switch
    {
        "yaml" => (new YamlBankReader(), "bank.yaml", Yaml),
        "csv" => (new CsvBankReader(ContentArea.Icd10Cm), "bank.csv", Csv),
        "gift" => (new GiftBankReader(ContentArea.Icd10Cm), "bank.gift", Gift),
        "aiken" => (new AikenBankReader(ContentArea.Icd10Cm), "bank.txt", Aiken),
        _ => (new RedTriviaBankReader(ContentArea.HcpcsLevelII), "trivia.yaml", Trivia),
    };

    /// <summary>Arbitrary text, or the valid sample broken in one of several ways at a random place.</summary>
    private static Gen<string> Inputs(string sample)
    {
        var text = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        var nasty = Gen.Elements("\0", "\uFFFF", "\uD800", "\t\t", "\r", "\"", "'", "{", "}", "::", "=", "~", "#", "- ", ": ", "&a", "*a", "!!binary", "---", "...", "|", ">", "%YAML 1.1", "ANSWER:", "answer: Z", ",,,,,,,,,,,,,,", "[", "]");
        return Gen.OneOf(
            text,
            from at in Gen.Choose(0, sample.Length) select sample[..at],
            from at in Gen.Choose(0, sample.Length) from junk in text select sample.Insert(at, junk),
            from at in Gen.Choose(0, sample.Length) from junk in nasty select sample.Insert(at, junk),
            from at in Gen.Choose(0, sample.Length) from size in Gen.Choose(1_000, 100_000) select sample.Insert(at, new string('x', size)),
            from line in Gen.Choose(0, 40) select DropLine(sample, line),
            from line in Gen.Choose(0, 40) select RepeatLine(sample, line),
            from at in Gen.Choose(0, sample.Length - 1) from c in ArbMap.Default.GeneratorFor<char>() select sample[..at] + c + sample[(at + 1)..]);
    }

    private static string DropLine(string text, int index)
    {
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(index % lines.Count);
        return string.Join('\n', lines);
    }

    private static string RepeatLine(string text, int index)
    {
        var lines = text.Split('\n').ToList();
        lines.Insert(index % lines.Count, lines[index % lines.Count]);
        return string.Join('\n', lines);
    }
}
