using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class CsvBankReaderTests
{
    private readonly CsvBankReader reader = new(ContentArea.Icd10Cm);

    [Fact]
    public void Read_FullHeader_ReadsMultipleChoiceAndTypedQuestions()
    {
        const string csv = """
            id,area,difficulty,stem,a,b,c,d,answer,rationale,reference,tags,source
            icd-001,icd-10-cm,hard,"Patient with type 2 diabetes, hyperglycemia. Code?",E11.9,E11.65,E13.9,E10.65,b,"E11.65 is right.
            E11.9 is for no complications.",ICD-10-CM guideline I.C.4.a,"diabetes, combination-codes",Study group
            hcpcs-001,hcpcs-level-ii,easy,Type the HCPCS code for a dressing for one wound.,,,,,A1|A-1,,,,Study group
            """;

        var result = reader.Read("bank.csv", csv);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(2, result.Questions.Count);
        var mc = result.Questions[0];
        Assert.Equal("icd-001", mc.Id);
        Assert.Equal(Difficulty.Hard, mc.Difficulty);
        Assert.Equal("Patient with type 2 diabetes, hyperglycemia. Code?", mc.Stem);
        Assert.Equal(["E11.9", "E11.65", "E13.9", "E10.65"], mc.Choices);
        Assert.Equal("B", mc.Answer.ToString());
        Assert.Equal("E11.65 is right.\nE11.9 is for no complications.", mc.Rationale);
        Assert.Equal("ICD-10-CM guideline I.C.4.a", mc.Reference);
        Assert.Equal(["diabetes", "combination-codes"], mc.Tags);
        var typed = result.Questions[1];
        Assert.True(typed.IsTyped);
        Assert.Equal(ContentArea.HcpcsLevelII, typed.Area);
        Assert.Equal(["A1", "A-1"], typed.AcceptedAnswers);
        Assert.True(typed.Accepts("a1"));
        Assert.Equal("The accepted answer is A1; also accepted: A-1.", typed.Rationale);
    }

    [Fact]
    public void Read_MinimalColumns_AppliesDocumentedDefaults()
    {
        const string csv = "stem,a,b,c,d,answer\r\nWhich code is billable?,E11,E11.9,E11.6,E11.64,B\r\n";

        var question = Assert.Single(reader.Read(@"C:\banks\group.csv", csv).Questions);

        Assert.Equal(ContentArea.Icd10Cm, question.Area);
        Assert.Equal(Difficulty.Medium, question.Difficulty);
        Assert.Equal("The correct answer is B: E11.9.", question.Rationale);
        Assert.Equal("Imported from group.csv", question.Source);
        Assert.Null(question.Reference);
        Assert.StartsWith("imp-", question.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameQuestionWithEditedChoices_KeepsItsDerivedId()
    {
        var first = reader.Read("a.csv", "stem,answer\nType the code for   cholera unspecified.,A00.9\n");
        var edited = reader.Read("a.csv", "stem,answer\ntype the code for cholera UNSPECIFIED.,A009|A00.9\n");
        var different = reader.Read("a.csv", "stem,answer\nType the code for typhoid fever.,A01.00\n");

        Assert.Equal(first.Questions[0].Id, edited.Questions[0].Id);
        Assert.NotEqual(first.Questions[0].Id, different.Questions[0].Id);
    }

    [Fact]
    public void Read_QuotedFieldsOverSeveralLines_ReportsLaterRowsAtTheirOwnLine()
    {
        const string csv = """
            stem,a,b,c,d,answer
            "A stem
            over ""three""
            lines",w,x,y,z,A
            Second,w,x,y,z,E
            """;

        var result = reader.Read("multi.csv", csv);

        Assert.Equal(["multi.csv:5: answer 'E' must be one of the letters A, B, C or D"], result.Problems.Select(p => p.ToString()));
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void Read_BadRows_ListsEveryProblemAndImportsNothing()
    {
        const string csv = """
            id,area,difficulty,stem,a,b,c,d,answer
            ok-001,icd-10-cm,easy,Fine question,w,x,y,z,A
            bad-002,cardiology,easy,Unknown area,w,x,y,z,A
            bad-003,icd-10-cm,tricky,Bad difficulty,w,x,y,z,A
            bad-004,icd-10-cm,easy,Duplicate choices,w,w,y,z,A
            bad-005,icd-10-cm,easy,Missing choice,w,,y,z,A
            ok-001,icd-10-cm,easy,Reused id,w,x,y,z,A
            Bad_Id,icd-10-cm,easy,Bad id,w,x,y,z,A
            bad-009,icd-10-cm,easy,Too few fields
            """;

        var result = reader.Read("bank.csv", csv);

        Assert.Empty(result.Questions);
        Assert.Equal(
            [
                "bank.csv:3: unknown area 'cardiology'; use one of " + ContentAreas.KeyList,
                "bank.csv:4: unknown difficulty 'tricky'; use easy, medium or hard",
                "bank.csv:5: choices A and B are the same ('w')",
                "bank.csv:6: choice B is empty",
                "bank.csv:7: id 'ok-001' is already used on line 2",
                "bank.csv:8: id 'Bad_Id' must be 3-40 characters of a-z, 0-9 and '-'",
                "bank.csv:9: this row has 4 fields but the header has 9",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_BadHeader_NamesEachColumnProblem()
    {
        var result = reader.Read("bank.csv", "stem,anwser,a,b\nq,A,x,y\n");

        Assert.Equal(
            [
                "bank.csv:1: unknown column 'anwser'; the columns are " + string.Join(", ", CsvBankReader.Columns),
                "bank.csv:1: the header has no 'answer' column",
                "bank.csv:1: the choice columns a, b, c and d must all be present, or none of them",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsTheLineWhereItOpened()
    {
        var result = reader.Read("bank.csv", "stem,answer\nfine,A1\n\"never closed,A1\nmore\n");

        Assert.Equal(["bank.csv:3: a quoted field is never closed (a \" is missing)"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAProblem()
    {
        var result = reader.Read("bank.csv", "stem,answer\n\"quoted\"tail,A1\n");

        Assert.Equal(["bank.csv:2: text after a closing quote; write \"\" for a quote inside a quoted field"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_EmptyFile_SaysAHeaderIsNeeded()
    {
        var problem = Assert.Single(reader.Read("empty.csv", "").Problems);

        Assert.StartsWith("empty.csv: the file is empty", problem.ToString(), StringComparison.Ordinal);
    }
}
