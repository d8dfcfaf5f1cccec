using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Questions.Import;

/// <summary>
/// Writes questions in the native bank format (docs/bank-format.md, version 1), for
/// <c>studybot bank export</c>. Keys come in the documented order; multi-line texts are literal blocks
/// (<c>|</c>); any text a YAML reader could take for a number, boolean or null is quoted, so what is
/// read back is exactly what was written.
/// </summary>
public static partial class BankYamlWriter
{
    public static string Write(IEnumerable<Question> questions)
    {
        using var writer = new StringWriter();
        Write(writer, questions);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<Question> questions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var list = new YamlSequenceNode();
        foreach (var question in questions)
        {
            list.Add(ToNode(question));
        }

        var root = new YamlMappingNode
        {
            { "version", new YamlScalarNode("1") },
            { "questions", list },
        };
        var settings = new EmitterSettings().WithBestWidth(100_000).WithIndentedSequences().WithNewLine("\n");
        using var buffer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(new Emitter(buffer, settings), assignAnchors: false);

        // YamlStream always closes the document with an explicit "..." marker; a hand-edited bank file
        // reads better without it, and it means nothing in a one-document file.
        var text = buffer.ToString();
        writer.Write(text.EndsWith("\n...\n", StringComparison.Ordinal) ? text[..^4] : text);
    }

    private static YamlMappingNode ToNode(Question question)
    {
        var node = new YamlMappingNode
        {
            { "id", Text(question.Id) },
            { "area", Text(question.Area.Key()) },
            { "difficulty", Text(question.Difficulty.Key()) },
            { "stem", Text(question.Stem) },
        };
        if (question.Answer is { } answer)
        {
            var choices = new YamlMappingNode();
            for (var i = 0; i < question.Choices.Count; i++)
            {
                choices.Add(ChoiceLetter.FromIndex(i).ToString(), Text(question.Choices[i]));
            }

            node.Add("choices", choices);
            node.Add("answer", Text(answer.ToString()));
        }
        else
        {
            node.Add("accepted", new YamlSequenceNode(question.AcceptedAnswers.Select(Text)) { Style = SequenceStyle.Flow });
        }

        node.Add("rationale", Text(question.Rationale));
        if (question.Reference is { } reference)
        {
            node.Add("reference", Text(reference));
        }

        if (question.Tags.Count > 0)
        {
            node.Add("tags", new YamlSequenceNode(question.Tags.Select(Text)) { Style = SequenceStyle.Flow });
        }

        node.Add("source", Text(question.Source));
        return node;
    }

    private static YamlScalarNode Text(string value)
    {
        var style = value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : LooksTyped().IsMatch(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        return new YamlScalarNode(value) { Style = style };
    }

    // YAML 1.1 and 1.2 core-schema spellings of null, booleans and numbers.
    [GeneratedRegex(@"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksTyped();
}
