using System.Text;

namespace StudyBot.Questions.Import;

/// <summary>
/// Reads Moodle GIFT files: multiple choice (exactly four answers, one marked '='), true/false and short
/// answer (accepted answers marked '=') become StudyBot questions. Other GIFT question types (matching,
/// numerical, essay, description, multiple answers with %weights) are refused by name and line.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Questions are separated by blank lines and may span several lines. Lines starting with
/// <c>//</c> are comments.</item>
/// <item><c>::name::</c> becomes the id (<see cref="ImportedIds.FromName"/>); without a name the id is
/// derived from the question text, so re-importing updates in place.</item>
/// <item><c>$CATEGORY: a/b/c</c>: when a path segment is a content-area key (icd-10-cm) it sets the area of
/// the questions after it; otherwise they keep the default area and get the last segment as a tag.</item>
/// <item>Escapes <c>\~ \= \# \{ \} \: \\</c> stand for the character itself; <c>\n</c> is a line break.</item>
/// <item>Answer feedback (<c>#...</c>) and general feedback (<c>####...</c>) become the rationale; without
/// any, a generic rationale names the answer.</item>
/// <item>True/false becomes a typed-answer question accepting "True" or "T" (or "False" or "F").</item>
/// <item>Text after the answer block (Moodle's missing-word form) is kept, with "_____" for the blank.</item>
/// </list>
/// </remarks>
/// <param name="defaultArea">The area of questions with no matching $CATEGORY.</param>
public sealed class GiftBankReader(ContentArea defaultArea) : IBankFormatReader
{
    // Escaped characters are swapped for private-use characters before parsing, so they can never be
    // taken for syntax, and swapped back in the texts that come out.
    private const string Escapable = "~=#{}:\\n";
    private const char FirstSentinel = '\uE000';

    private static readonly string[] FormatMarkers = ["[html]", "[moodle]", "[plain]", "[markdown]"];

    public string FormatName => "gift";

    public IReadOnlyList<string> Extensions { get; } = [".gift", ".txt"];

    public BankReadResult Read(string fileName, string content)
    {
        var problems = new List<BankProblem>();
        var questions = new List<Question>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var category = new CategoryState(defaultArea, null);

        foreach (var block in Blocks(content))
        {
            var lines = block;
            var first = lines[0].Text.TrimStart();
            if (first.StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
            {
                category = ReadCategory(first["$CATEGORY:".Length..]);
                lines = lines.Skip(1).ToList();
                if (lines.Count == 0)
                {
                    continue;
                }
            }

            var question = ReadQuestion(fileName, lines, category, problems);
            if (question is null)
            {
                continue;
            }

            if (firstLineOfId.TryGetValue(question.Id, out var firstLine))
            {
                problems.Add(new BankProblem(fileName, lines[0].Number, $"id '{question.Id}' is already used by the question on line {firstLine}"));
                continue;
            }

            firstLineOfId[question.Id] = lines[0].Number;
            questions.Add(question);
        }

        if (problems.Count > 0)
        {
            return BankReadResult.Failed(problems);
        }

        return questions.Count > 0
            ? new BankReadResult(questions, [])
            : BankReadResult.Failed([new BankProblem(fileName, 0, "the file has no questions")]);
    }

    private sealed record SourceLine(int Number, string Text);

    private sealed record CategoryState(ContentArea Area, string? Tag);

    private sealed record GiftAnswer(char Marker, string? Weight, string Text, string? Feedback);

    /// <summary>Groups lines into questions: blank lines separate them, comment lines are dropped.</summary>
    private static IEnumerable<List<SourceLine>> Blocks(string content)
    {
        var current = new List<SourceLine>();
        var number = 0;
        foreach (var raw in content.TrimStart('\uFEFF').Split('\n'))
        {
            number++;
            var text = raw.TrimEnd('\r');
            if (text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (text.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return current;
                    current = [];
                }

                continue;
            }

            current.Add(new SourceLine(number, text));
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private CategoryState ReadCategory(string path)
    {
        var segments = path.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments.Reverse())
        {
            if (ContentAreas.TryParse(segment, out var area))
            {
                return new CategoryState(area, null);
            }
        }

        var tag = segments.Length > 0 ? ImportedIds.Slug(segments[^1]) : string.Empty;
        return new CategoryState(defaultArea, tag.Length > 0 ? tag : null);
    }

    private static Question? ReadQuestion(string file, List<SourceLine> lines, CategoryState category, List<BankProblem> problems)
    {
        var text = Protect(string.Join('\n', lines.Select(l => l.Text)));
        var start = lines[0].Number;
        int LineAt(int offset)
        {
            var index = text.AsSpan(0, offset).Count('\n');
            return lines[index].Number;
        }

        void Problem(int line, string message) => problems.Add(new BankProblem(file, line, message));

        string? name = null;
        var body = text.TrimStart();
        if (body.StartsWith("::", StringComparison.Ordinal))
        {
            var close = body.IndexOf("::", 2, StringComparison.Ordinal);
            if (close < 0)
            {
                Problem(start, "the question name opened with '::' is never closed with '::'");
                return null;
            }

            name = Restore(body[2..close]).Trim();
            body = body[(close + 2)..];
        }

        var bodyOffset = text.Length - body.Length;
        var open = body.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            Problem(start, "a description (text with no answer block) is not a question StudyBot can ask; only multiple choice, true/false and short answer are imported");
            return null;
        }

        var end = body.IndexOf('}', open + 1);
        if (end < 0)
        {
            Problem(LineAt(bodyOffset + open), "the answer block opened with '{' is never closed with '}' (write \\{ for a literal brace)");
            return null;
        }

        var before = StripFormatMarker(body[..open].Trim());
        var after = body[(end + 1)..].Trim();
        if (after.Contains('{', StringComparison.Ordinal))
        {
            Problem(LineAt(bodyOffset + end + 1), "a question can have only one answer block");
            return null;
        }

        var stem = Restore(after.Length > 0 ? $"{before} _____ {after}" : before).Trim();
        var draft = new QuestionDraft
        {
            Line = start,
            Area = category.Area,
            Stem = stem,
            Id = name is { Length: > 0 } ? ImportedIds.FromName(name, "gift-") : ImportedIds.FromStem(stem),
            Tags = category.Tag is null ? [] : [category.Tag],
            Source = CsvBankReader.ImportedSource(file),
        };

        var blockLine = LineAt(bodyOffset + open);
        return ReadAnswers(body[(open + 1)..end], draft, blockLine, Problem)
            ? draft.Build(file, problems)
            : null;
    }

    /// <summary>Fills in the answer part of the draft; false, with problems added, when it is not usable.</summary>
    private static bool ReadAnswers(string block, QuestionDraft draft, int line, Action<int, string> problem)
    {
        string? general = null;
        var generalAt = block.IndexOf("####", StringComparison.Ordinal);
        if (generalAt >= 0)
        {
            general = Restore(block[(generalAt + 4)..]).Trim();
            block = block[..generalAt];
        }

        var inner = block.Trim();
        if (inner.Length == 0)
        {
            problem(draft.Line, "an essay question (empty answer block {}) cannot be imported; only multiple choice, true/false and short answer are");
            return false;
        }

        if (inner[0] == '#')
        {
            problem(draft.Line, "a numerical question ({#...}) cannot be imported; only multiple choice, true/false and short answer are");
            return false;
        }

        if (ReadTrueFalse(inner, general, draft))
        {
            return true;
        }

        if (inner.Contains("->", StringComparison.Ordinal))
        {
            problem(draft.Line, "a matching question (answers with '->') cannot be imported; only multiple choice, true/false and short answer are");
            return false;
        }

        if (inner[0] is not ('=' or '~'))
        {
            problem(line, "the answer block must start with '=' (a right answer) or '~' (a wrong answer); write \\= or \\~ for the literal characters");
            return false;
        }

        var answers = SplitAnswers(inner);
        var wrong = answers.Where(a => a.Marker == '~').ToList();
        var right = answers.Where(a => a.Marker == '=').ToList();
        if (wrong.Any(a => a.Weight is not null) || (wrong.Count > 0 && right.Count > 1))
        {
            problem(draft.Line, "a multiple-answers question (answers with %weights or several right answers) cannot be imported; mark exactly one answer with '='");
            return false;
        }

        var partial = right.FirstOrDefault(a => a.Weight is not null && a.Weight != "100");
        if (partial is not null)
        {
            problem(line, $"answer '{partial.Text}' gives partial credit (%{partial.Weight}%); StudyBot answers are right or wrong");
            return false;
        }

        if (wrong.Count == 0)
        {
            draft.Accepted = [.. right.Select(a => a.Text)];
            draft.Rationale = JoinFeedback(general, right.Select(a => a.Feedback));
            return true;
        }

        if (right.Count == 0)
        {
            problem(line, "no answer is marked right with '='");
            return false;
        }

        draft.Choices = [.. answers.Select(a => a.Text)];
        var key = answers.FindIndex(a => a.Marker == '=');
        if (key < 4)
        {
            draft.Answer = ChoiceLetter.FromIndex(key);
        }

        draft.Rationale = JoinFeedback(general, answers.Select((a, i) =>
            a.Feedback is { Length: > 0 } feedback && i < 4 ? $"{ChoiceLetter.FromIndex(i)}: {feedback}" : null));
        return true;
    }

    private static bool ReadTrueFalse(string inner, string? general, QuestionDraft draft)
    {
        var parts = inner.Split('#');
        var word = parts[0].Trim().ToUpperInvariant();
        bool truth;
        switch (word)
        {
            case "T" or "TRUE":
                truth = true;
                break;
            case "F" or "FALSE":
                truth = false;
                break;
            default:
                return false;
        }

        // Moodle: {T#feedback for a wrong answer#feedback for a right answer}.
        var wrongFeedback = parts.Length > 1 ? Restore(parts[1]).Trim() : null;
        var rightFeedback = parts.Length > 2 ? Restore(parts[2]).Trim() : null;
        draft.Accepted = truth ? ["True", "T"] : ["False", "F"];
        if (!draft.Stem.Contains("true or false", StringComparison.OrdinalIgnoreCase))
        {
            draft.Stem += " (true or false)";
        }

        draft.Rationale = JoinFeedback(general, [rightFeedback, wrongFeedback]);
        return true;
    }

    private static List<GiftAnswer> SplitAnswers(string inner)
    {
        var answers = new List<GiftAnswer>();
        var starts = new List<int>();
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] is '=' or '~')
            {
                starts.Add(i);
            }
        }

        for (var n = 0; n < starts.Count; n++)
        {
            var from = starts[n] + 1;
            var to = n + 1 < starts.Count ? starts[n + 1] : inner.Length;
            var piece = inner[from..to].Trim();
            string? weight = null;
            if (piece.StartsWith('%'))
            {
                var close = piece.IndexOf('%', 1);
                if (close > 0)
                {
                    weight = piece[1..close].Trim();
                    piece = piece[(close + 1)..].Trim();
                }
            }

            string? feedback = null;
            var hash = piece.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                feedback = Restore(piece[(hash + 1)..]).Trim();
                piece = piece[..hash].Trim();
            }

            answers.Add(new GiftAnswer(inner[starts[n]], weight, Restore(piece).Trim(), feedback));
        }

        return answers;
    }

    private static string? JoinFeedback(string? general, IEnumerable<string?> parts)
    {
        var all = new[] { general }.Concat(parts).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return all.Count == 0 ? null : string.Join('\n', all);
    }

    private static string StripFormatMarker(string text)
    {
        foreach (var marker in FormatMarkers)
        {
            if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return text[marker.Length..].TrimStart();
            }
        }

        return text;
    }

    private static string Protect(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var index = i + 1 < text.Length && text[i] == '\\' ? Escapable.IndexOf(text[i + 1], StringComparison.Ordinal) : -1;
            if (index >= 0)
            {
                builder.Append((char)(FirstSentinel + index));
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string Restore(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var index = c - FirstSentinel;
            builder.Append(index is >= 0 and < 8 ? (Escapable[index] == 'n' ? '\n' : Escapable[index]) : c);
        }

        return builder.ToString();
    }
}
