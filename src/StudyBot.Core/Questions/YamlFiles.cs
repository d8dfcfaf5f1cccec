using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Questions;

/// <summary>Parses the YAML-based bank formats (native, Red-DiscordBot trivia) into a node tree with line
/// numbers, turning a syntax error into a bank problem at its line.</summary>
internal static class YamlFiles
{
    /// <summary>The problem reported when the YAML parser fails without saying where.</summary>
    public const string UnreadableYaml =
        "not valid YAML: the parser could not read it; look for a '[' or '{' that is not closed, or a stray one inside a value (quote such values)";

    /// <summary>The first document's root node (null for an empty file), or the syntax problem.</summary>
    public static (YamlNode? Root, BankProblem? Problem) Parse(string fileName, string content)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException e)
        {
            return (null, new BankProblem(fileName, (int)e.Start.Line, "not valid YAML: " + Message(e)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections ("[A1{, B]") with this instead of a
            // YamlException, and without a position.
            return (null, new BankProblem(fileName, 0, UnreadableYaml));
        }

        return (stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, null);
    }

    private static string Message(YamlException e) =>
        e.InnerException is { } inner ? inner.Message : e.Message.Split("): ", 2) is [_, var rest] ? rest : e.Message;
}
