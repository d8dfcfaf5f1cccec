using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Questions;

/// <summary>
/// Reads the native bank format (docs/bank-format.md). Every problem in a file is reported with its
/// line; a file with any problem yields no questions, so a typo never half-imports a bank.
/// </summary>
public sealed class YamlBankReader : IBankFormatReader
{
    private static readonly HashSet<string> KnownKeys =
    [
        "id", "area", "difficulty", "stem", "choices", "answer", "accepted", "rationale", "reference", "tags", "source",
    ];

    public string FormatName => "yaml";

    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    public BankReadResult Read(string fileName, string content)
    {
        var problems = new List<BankProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException ex)
        {
            return BankReadResult.Failed([new BankProblem(fileName, (int)ex.Start.Line, $"not valid YAML: {Inner(ex).Message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections ("[A1{, B]") with this instead of a
            // YamlException, and without a position.
            return BankReadResult.Failed([new BankProblem(fileName, 0, UnreadableYaml)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return BankReadResult.Failed([new BankProblem(fileName, 1, "expected 'version: 1' and a 'questions:' list at the top of the file")]);
        }

        if (Get(root, "version") is not YamlScalarNode { Value: "1" })
        {
            problems.Add(new BankProblem(fileName, Line(Get(root, "version") ?? root), "the file must start with 'version: 1'"));
        }

        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not ("version" or "questions")))
        {
            problems.Add(new BankProblem(fileName, Line(key), $"unknown top-level key '{key.Value}' (expected 'version' and 'questions')"));
        }

        if (Get(root, "questions") is not YamlSequenceNode items)
        {
            problems.Add(new BankProblem(fileName, Line(Get(root, "questions") ?? root), "'questions:' must be a list of questions"));
            return BankReadResult.Failed(problems);
        }

        var questions = new List<Question>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items.Children)
        {
            if (item is not YamlMappingNode node)
            {
                problems.Add(new BankProblem(fileName, Line(item), "each question must be a mapping of keys (id:, stem:, ...)"));
                continue;
            }

            var question = ReadQuestion(fileName, node, problems);
            if (question is null)
            {
                continue;
            }

            if (seen.TryGetValue(question.Id, out var firstLine))
            {
                problems.Add(new BankProblem(fileName, Line(node), $"id '{question.Id}' is already used at line {firstLine}"));
                continue;
            }

            seen[question.Id] = Line(node);
            questions.Add(question);
        }

        return problems.Count > 0 ? BankReadResult.Failed(problems) : new BankReadResult(questions, []);
    }

    private static Question? ReadQuestion(string file, YamlMappingNode node, List<BankProblem> problems)
    {
        var before = problems.Count;
        void Problem(YamlNode at, string message) => problems.Add(new BankProblem(file, Line(at), message));

        foreach (var key in node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !KnownKeys.Contains(name))
            {
                Problem(key, $"unknown key '{(key as YamlScalarNode)?.Value}' (allowed: {string.Join(", ", KnownKeys)})");
            }
        }

        var id = RequiredText(node, "id", Problem);
        if (id is not null && !QuestionId.IsValid(id))
        {
            Problem(Get(node, "id")!, $"id '{id}' must be 3-40 characters of a-z, 0-9 and '-'");
        }

        var areaText = RequiredText(node, "area", Problem);
        var area = default(ContentArea);
        if (areaText is not null && !ContentAreas.TryParse(areaText, out area))
        {
            Problem(Get(node, "area")!, $"unknown area '{areaText}' (one of: {ContentAreas.KeyList})");
        }

        var difficultyText = RequiredText(node, "difficulty", Problem);
        var difficulty = Difficulty.Medium;
        if (difficultyText is not null && !TryParseDifficulty(difficultyText, out difficulty))
        {
            Problem(Get(node, "difficulty")!, $"difficulty '{difficultyText}' must be easy, medium or hard");
        }

        var stem = RequiredText(node, "stem", Problem, Question.MaxStemLength);
        var rationale = RequiredText(node, "rationale", Problem, Question.MaxRationaleLength);
        var source = RequiredText(node, "source", Problem);
        var reference = OptionalText(node, "reference", Problem);
        var tags = ReadList(node, "tags", Problem) ?? [];

        var choicesNode = Get(node, "choices");
        var acceptedNode = Get(node, "accepted");
        IReadOnlyList<string>? choices = null;
        ChoiceLetter answer = default;
        IReadOnlyList<string>? accepted = null;

        if (choicesNode is not null && acceptedNode is not null)
        {
            Problem(acceptedNode, "a question has either 'choices' + 'answer' or 'accepted', not both");
        }
        else if (choicesNode is not null)
        {
            choices = ReadChoices(choicesNode, Problem);
            var answerText = RequiredText(node, "answer", Problem);
            if (answerText is not null && !ChoiceLetter.TryParse(answerText, out answer))
            {
                Problem(Get(node, "answer")!, $"answer '{answerText}' must be one of A, B, C, D");
            }
        }
        else if (acceptedNode is not null)
        {
            accepted = ReadList(node, "accepted", Problem);
            if (accepted is { Count: 0 } || accepted?.Any(a => TypedAnswer.Normalize(a).Length == 0) == true)
            {
                Problem(acceptedNode, "'accepted' must list at least one answer, each with letters or digits");
            }

            if (Get(node, "answer") is { } stray)
            {
                Problem(stray, "'answer' goes with 'choices'; a typed-answer question lists 'accepted' answers only");
            }
        }
        else
        {
            Problem(node, "missing 'choices' + 'answer' (multiple choice) or 'accepted' (typed answer)");
        }

        if (problems.Count > before)
        {
            return null;
        }

        return choices is not null
            ? Question.MultipleChoice(id!, area, difficulty, stem!, choices, answer, rationale!, reference, tags, source!)
            : Question.Typed(id!, area, difficulty, stem!, accepted!, rationale!, reference, tags, source!);
    }

    private static IReadOnlyList<string>? ReadChoices(YamlNode node, Action<YamlNode, string> problem)
    {
        if (node is not YamlMappingNode map)
        {
            problem(node, "'choices' must map A, B, C and D to their texts");
            return null;
        }

        var texts = new string?[4];
        var ok = true;
        foreach (var (key, value) in map.Children)
        {
            var letterText = (key as YamlScalarNode)?.Value;
            if (!ChoiceLetter.TryParse(letterText, out var letter) || letterText!.Trim().Length != 1 || !char.IsUpper(letterText.Trim()[0]))
            {
                problem(key, $"choice '{letterText}' must be A, B, C or D");
                ok = false;
                continue;
            }

            var text = (value as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                problem(value, $"choice {letter} is empty");
                ok = false;
            }
            else if (text.Length > Question.MaxChoiceLength)
            {
                problem(value, $"choice {letter} is {text.Length} characters; the limit is {Question.MaxChoiceLength}");
                ok = false;
            }

            texts[letter.Index] = text;
        }

        var missing = ChoiceLetter.All.Where(l => texts[l.Index] is null).Select(l => l.ToString()).ToList();
        if (missing.Count > 0 && ok)
        {
            problem(node, $"choices must be exactly A, B, C and D; missing {string.Join(", ", missing)}");
            return null;
        }

        var duplicate = texts.Where(t => t is not null).GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problem(node, $"two choices have the same text '{duplicate.Key}'");
            return null;
        }

        return ok ? [.. texts.Select(t => t!)] : null;
    }

    private static string? RequiredText(YamlMappingNode node, string key, Action<YamlNode, string> problem, int maxLength = 0)
    {
        var value = Get(node, key);
        if (value is null)
        {
            problem(node, $"missing '{key}'");
            return null;
        }

        return Text(value, key, problem, maxLength, required: true);
    }

    private static string? OptionalText(YamlMappingNode node, string key, Action<YamlNode, string> problem) =>
        Get(node, key) is { } value ? Text(value, key, problem, 0, required: false) : null;

    private static string? Text(YamlNode value, string key, Action<YamlNode, string> problem, int maxLength, bool required)
    {
        if (value is not YamlScalarNode scalar)
        {
            problem(value, $"'{key}' must be text, not a list or mapping");
            return null;
        }

        var text = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                problem(value, $"'{key}' is empty");
            }

            return null;
        }

        if (maxLength > 0 && text.Length > maxLength)
        {
            problem(value, $"'{key}' is {text.Length} characters; the limit is {maxLength}");
            return null;
        }

        return text;
    }

    private static List<string>? ReadList(YamlMappingNode node, string key, Action<YamlNode, string> problem)
    {
        var value = Get(node, key);
        switch (value)
        {
            case null:
                return null;
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return [.. sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value?.Trim() ?? string.Empty).Where(s => s.Length > 0)];
            default:
                problem(value, $"'{key}' must be a list such as [a, b]");
                return null;
        }
    }

    private static bool TryParseDifficulty(string text, out Difficulty difficulty)
    {
        difficulty = text.ToLowerInvariant() switch
        {
            "easy" => Difficulty.Easy,
            "medium" => Difficulty.Medium,
            "hard" => Difficulty.Hard,
            _ => (Difficulty)(-1),
        };
        return Enum.IsDefined(difficulty);
    }

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static int Line(YamlNode node) => (int)Math.Min(int.MaxValue, node.Start.Line);

    /// <summary>The problem reported when the YAML parser fails without saying where.</summary>
    internal const string UnreadableYaml = "not valid YAML: the parser could not read it; look for a '[' or '{' that is not closed, or a stray one inside a value (quote such values)";

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? inner : ex;
}
