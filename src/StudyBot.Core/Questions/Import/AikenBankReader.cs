using System.Text.RegularExpressions;

namespace StudyBot.Questions.Import;

/// <summary>
/// Reads Aiken files (Moodle's simple multiple-choice format):
/// <code>
/// Which code reports type 2 diabetes without complications?
/// A. E11.9
/// B. E10.9
/// C. E11.65
/// D. E13.9
/// ANSWER: A
/// </code>
/// Choices are labelled "A." or "A)"; StudyBot needs exactly four. The question text may run over several
/// lines. Aiken carries no area, id or rationale: questions get the reader's default area, an id derived
/// from the question text and a generic rationale naming the answer.
/// </summary>
/// <param name="defaultArea">The content area given to every question in the file.</param>
public sealed partial class AikenBankReader(ContentArea defaultArea) : IBankFormatReader
{
    public string FormatName => "aiken";

    public IReadOnlyList<string> Extensions { get; } = [".aiken", ".txt"];

    public BankReadResult Read(string fileName, string content)
    {
        var problems = new List<BankProblem>();
        var questions = new List<Question>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        AikenItem? item = null;
        var number = 0;

        void Finish(AikenItem done, string answer, int answerLine)
        {
            var draft = new QuestionDraft
            {
                Line = done.Line,
                Area = defaultArea,
                Stem = string.Join('\n', done.Stem),
                Choices = done.Choices,
                Source = CsvBankReader.ImportedSource(fileName),
            };
            draft.Id = ImportedIds.FromStem(draft.Stem);
            if (ChoiceLetter.TryParse(answer, out var letter) && letter.Index < done.Choices.Count)
            {
                draft.Answer = letter;
            }
            else
            {
                problems.Add(new BankProblem(fileName, answerLine, $"ANSWER: {answer} must name one of the choices A, B, C or D"));

                // Still report the question's other faults; a stand-in key keeps the missing one from
                // being reported twice. The question itself is dropped.
                draft.Answer = ChoiceLetter.FromIndex(0);
                draft.Build(fileName, problems);
                return;
            }

            var question = draft.Build(fileName, problems);
            if (question is null)
            {
                return;
            }

            if (firstLineOfId.TryGetValue(question.Id, out var firstLine))
            {
                problems.Add(new BankProblem(fileName, done.Line, $"the same question is already on line {firstLine}"));
                return;
            }

            firstLineOfId[question.Id] = done.Line;
            questions.Add(question);
        }

        foreach (var raw in content.TrimStart('\uFEFF').Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var answer = AnswerLine().Match(line);
            var choice = ChoiceLine().Match(line);
            if (item is null)
            {
                if (answer.Success)
                {
                    problems.Add(new BankProblem(fileName, number, "an ANSWER: line with no question before it"));
                    continue;
                }

                item = new AikenItem(number, [line], []);
            }
            else if (answer.Success)
            {
                if (item.Choices.Count == 0)
                {
                    problems.Add(new BankProblem(fileName, item.Line, "the question has no choices (lines such as 'A. text')"));
                }
                else
                {
                    Finish(item, answer.Groups["letter"].Value, number);
                }

                item = null;
            }
            else if (choice.Success)
            {
                var expected = (char)('A' + item.Choices.Count);
                var letter = char.ToUpperInvariant(choice.Groups["letter"].Value[0]);
                if (letter != expected)
                {
                    problems.Add(new BankProblem(fileName, number, $"choice {letter} is out of order; expected {expected}"));
                }

                item.Choices.Add(choice.Groups["text"].Value.Trim());
            }
            else if (item.Choices.Count == 0)
            {
                item.Stem.Add(line);
            }
            else
            {
                problems.Add(new BankProblem(fileName, item.Line, "the question has no 'ANSWER: X' line after its choices"));
                item = new AikenItem(number, [line], []);
            }
        }

        if (item is not null)
        {
            problems.Add(new BankProblem(fileName, item.Line, "the question has no 'ANSWER: X' line after its choices"));
        }

        if (problems.Count > 0)
        {
            return BankReadResult.Failed(problems);
        }

        return questions.Count > 0
            ? new BankReadResult(questions, [])
            : BankReadResult.Failed([new BankProblem(fileName, 0, "the file has no questions")]);
    }

    private sealed record AikenItem(int Line, List<string> Stem, List<string> Choices);

    [GeneratedRegex(@"^ANSWER\s*:\s*(?<letter>\S*)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"^(?<letter>[A-Za-z])[.)]\s+(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChoiceLine();
}
