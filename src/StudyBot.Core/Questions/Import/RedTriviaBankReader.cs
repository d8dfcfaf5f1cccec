using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Questions.Import;

/// <summary>
/// Reads Red-DiscordBot trivia lists: a YAML mapping from question text to a list of accepted answers,
/// with the reserved keys <c>AUTHOR</c> (becomes each question's source) and <c>CONFIG</c> (Red's game
/// settings, ignored). Every entry becomes a typed-answer question in the reader's default area, with
/// an id derived from the question text and a generic rationale naming the first accepted answer.
/// </summary>
/// <remarks>Trivia lists are <c>.yaml</c> files like the native bank, so the format has to be chosen
/// explicitly or by <see cref="BankFormatDetector"/>, which looks at the content.</remarks>
/// <param name="defaultArea">The content area given to every question in the list.</param>
public sealed class RedTriviaBankReader(ContentArea defaultArea) : IBankFormatReader
{
    public string FormatName => "red";

    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    public BankReadResult Read(string fileName, string content)
    {
        var problems = new List<BankProblem>();
        var (rootNode, syntax) = YamlFiles.Parse(fileName, content);
        if (syntax is not null)
        {
            return BankReadResult.Failed([syntax]);
        }

        if (rootNode is not YamlMappingNode root)
        {
            return BankReadResult.Failed([new BankProblem(fileName, 1, "a trivia list is a YAML mapping of 'question: [answers]'")]);
        }

        var source = CsvBankReader.ImportedSource(fileName);
        foreach (var (key, value) in root.Children)
        {
            if (key is YamlScalarNode { Value: "AUTHOR" })
            {
                if (value is YamlScalarNode { Value: { Length: > 0 } author } && author.Trim().Length > 0)
                {
                    source = author.Trim();
                }
                else
                {
                    problems.Add(new BankProblem(fileName, Line(value), "AUTHOR must be a name"));
                }
            }
        }

        var questions = new List<Question>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var line = Line(key);
            if (key is not YamlScalarNode { Value: { } stem })
            {
                problems.Add(new BankProblem(fileName, line, "a question must be plain text"));
                continue;
            }

            if (stem is "AUTHOR" or "CONFIG")
            {
                continue;
            }

            if (value is not YamlSequenceNode answers)
            {
                problems.Add(new BankProblem(fileName, line, "the answers must be a list, such as [E11.9, E119]"));
                continue;
            }

            var accepted = new List<string>();
            foreach (var answer in answers)
            {
                if (answer is YamlScalarNode { Value: { } text })
                {
                    accepted.Add(text);
                }
                else
                {
                    problems.Add(new BankProblem(fileName, Line(answer), "each answer must be plain text"));
                }
            }

            var draft = new QuestionDraft
            {
                Line = line,
                Area = defaultArea,
                Stem = stem,
                Id = ImportedIds.FromStem(stem),
                Accepted = accepted,
                Source = source,
            };
            var question = draft.Build(fileName, problems);
            if (question is null)
            {
                continue;
            }

            if (firstLineOfId.TryGetValue(question.Id, out var firstLine))
            {
                problems.Add(new BankProblem(fileName, line, $"the same question is already on line {firstLine}"));
                continue;
            }

            firstLineOfId[question.Id] = line;
            questions.Add(question);
        }

        if (problems.Count > 0)
        {
            return BankReadResult.Failed(problems);
        }

        return questions.Count > 0
            ? new BankReadResult(questions, [])
            : BankReadResult.Failed([new BankProblem(fileName, 0, "the list has no questions")]);
    }

    /// <summary>True when the YAML looks like a trivia list rather than a native bank (no top-level
    /// <c>questions:</c> list).</summary>
    public static bool LooksLikeTriviaList(string content)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(content));
            return stream.Documents.Count > 0
                && stream.Documents[0].RootNode is YamlMappingNode root
                && !root.Children.ContainsKey(new YamlScalarNode("questions"));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return false;
        }
    }

    private static int Line(YamlNode node) => (int)node.Start.Line;

}
