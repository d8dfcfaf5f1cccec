using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class GiftBankReaderTests
{
    private readonly GiftBankReader reader = new(ContentArea.CodingGuidelines);

    private static string Problems(BankReadResult result) => string.Join('\n', result.Problems);

    [Fact]
    public void Read_MultipleChoiceWithNameAndFeedback_BuildsQuestion()
    {
        const string gift = """
            ::Diabetes 1::A type 2 diabetic has hyperglycemia. Which code?{
              ~E11.9#No: hyperglycemia is a complication.
              =E11.65#Yes: E11.65 names hyperglycemia.
              ~E13.9
              ~E10.65#E10 is type 1.
              ####Code the complication the documentation links.
            }
            """;

        var result = reader.Read("q.gift", gift);

        var question = Assert.Single(result.Questions);
        Assert.Equal("diabetes-1", question.Id);
        Assert.Equal(ContentArea.CodingGuidelines, question.Area);
        Assert.Equal("A type 2 diabetic has hyperglycemia. Which code?", question.Stem);
        Assert.Equal(["E11.9", "E11.65", "E13.9", "E10.65"], question.Choices);
        Assert.Equal("B", question.Answer.ToString());
        Assert.Equal(
            "Code the complication the documentation links.\nA: No: hyperglycemia is a complication.\nB: Yes: E11.65 names hyperglycemia.\nD: E10 is type 1.",
            question.Rationale);
    }

    [Fact]
    public void Read_TrueFalseAndShortAnswer_BecomeTypedAnswers()
    {
        const string gift = """
            ::tf1::Category headers are valid for claims.{F#Wrong: headers are not billable.#Right: code to the highest specificity.}

            ::sa1::Type the ICD-10-CM code for cholera, unspecified.{=A00.9 =A009}
            """;

        var result = reader.Read("q.gift", gift);

        Assert.True(result.IsValid, Problems(result));
        var tf = result.Questions[0];
        Assert.Equal("Category headers are valid for claims. (true or false)", tf.Stem);
        Assert.True(tf.Accepts("false"));
        Assert.True(tf.Accepts("F"));
        Assert.False(tf.Accepts("true"));
        Assert.Equal("Right: code to the highest specificity.\nWrong: headers are not billable.", tf.Rationale);
        var sa = result.Questions[1];
        Assert.Equal("sa1", sa.Id);
        Assert.Equal(["A00.9", "A009"], sa.AcceptedAnswers);
        Assert.Equal("The accepted answer is A00.9; also accepted: A009.", sa.Rationale);
    }

    [Fact]
    public void Read_Escapes_AreLiteralCharactersNotSyntax()
    {
        const string gift = @"::esc::Which is a literal \{brace\}, \~tilde, \= equals, \# hash and a\: colon?{=a \= b ~c \~ d ~e \# f ~g \{h\}}";

        var question = Assert.Single(reader.Read("q.gift", gift).Questions);

        Assert.Equal("Which is a literal {brace}, ~tilde, = equals, # hash and a: colon?", question.Stem);
        Assert.Equal(["a = b", "c ~ d", "e # f", "g {h}"], question.Choices);
        Assert.Equal("A", question.Answer.ToString());
    }

    [Fact]
    public void Read_CommentsAndMultiLineQuestions_AreJoinedWithoutComments()
    {
        const string gift = """
            // A file comment.
            // Another one.

            ::multi::
            A patient presents with
            // a comment inside the question is dropped
            cholera due to Vibrio cholerae 01, biovar eltor.
            Which code?
            {
            =A00.1
            ~A00.0
            ~A00.9
            ~A01.0
            }
            """;

        var question = Assert.Single(reader.Read("q.gift", gift).Questions);

        Assert.Equal("A patient presents with\ncholera due to Vibrio cholerae 01, biovar eltor.\nWhich code?", question.Stem);
        Assert.Equal("A", question.Answer.ToString());
    }

    [Fact]
    public void Read_Category_SetsTheAreaOrBecomesATag()
    {
        const string gift = """
            $CATEGORY: $course$/top/icd-10-cm

            ::c1::Code for cholera, unspecified?{=A00.9}

            $CATEGORY: $course$/top/Week 3 Review

            ::c2::Code for typhoid fever, unspecified?{=A01.00}
            """;

        var result = reader.Read("q.gift", gift);

        Assert.True(result.IsValid, Problems(result));
        Assert.Equal(ContentArea.Icd10Cm, result.Questions[0].Area);
        Assert.Empty(result.Questions[0].Tags);
        Assert.Equal(ContentArea.CodingGuidelines, result.Questions[1].Area);
        Assert.Equal(["week-3-review"], result.Questions[1].Tags);
    }

    [Fact]
    public void Read_MissingWordForm_KeepsTextAfterTheBlank()
    {
        var question = Assert.Single(reader.Read("q.gift", "Code {=E11.9 ~E11 ~E11.6 ~E11.64} is billable.").Questions);

        Assert.Equal("Code _____ is billable.", question.Stem);
    }

    [Fact]
    public void Read_UnsupportedTypes_AreRefusedByNameAndLine()
    {
        const string gift = """
            ::match::Match the codes.{=E11.9 -> diabetes =A00.9 -> cholera}

            ::num::How many characters at most in an ICD-10-CM code?{#7}

            ::essay::Explain sequencing.{}

            A description with no answers.

            ::multi::Which are billable?{~%50%E11.9 ~%50%A00.9 ~%-100%E11}

            ::ok::Fine?{T}
            """;

        var result = reader.Read("q.gift", gift);

        Assert.Empty(result.Questions);
        Assert.Equal(
            [
                "q.gift:1: a matching question (answers with '->') cannot be imported; only multiple choice, true/false and short answer are",
                "q.gift:3: a numerical question ({#...}) cannot be imported; only multiple choice, true/false and short answer are",
                "q.gift:5: an essay question (empty answer block {}) cannot be imported; only multiple choice, true/false and short answer are",
                "q.gift:7: a description (text with no answer block) is not a question StudyBot can ask; only multiple choice, true/false and short answer are imported",
                "q.gift:9: a multiple-answers question (answers with %weights or several right answers) cannot be imported; mark exactly one answer with '='",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_MalformedBlocks_ReportTheLineOfTheFault()
    {
        const string gift = """
            ::open::Never closed
            {=A ~B ~C ~D

            ::three::Only three choices.{=A ~B ~C}

            ::name never closed {=A}

            ::none::Nothing right.{~A ~B ~C ~D}

            ::dup::First.{=x}

            ::dup::Second.{=y}
            """;

        var result = reader.Read("bad.gift", gift);

        Assert.Equal(
            [
                "bad.gift:2: the answer block opened with '{' is never closed with '}' (write \\{ for a literal brace)",
                "bad.gift:4: StudyBot questions have exactly four choices (A-D); this one has 3",
                "bad.gift:6: the question name opened with '::' is never closed with '::'",
                "bad.gift:8: no answer is marked right with '='",
                "bad.gift:12: id 'dup' is already used by the question on line 10",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_ShortNamesAndUnnamedQuestions_GetValidStableIds()
    {
        const string gift = "::Q1::First?{=a}\n\nSecond?{=b}\n";

        var first = reader.Read("q.gift", gift);
        var again = reader.Read("q.gift", gift);

        Assert.Equal("gift-q1", first.Questions[0].Id);
        Assert.StartsWith("imp-", first.Questions[1].Id, StringComparison.Ordinal);
        Assert.Equal(first.Questions.Select(q => q.Id), again.Questions.Select(q => q.Id));
    }
}
