using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Questions;

/// <summary>Parses the YAML-based bank formats (native, Red-DiscordBot trivia) into a node tree with line
/// numbers, turning a syntax error into a bank problem at its line.</summary>
internal static class YamlFiles
{
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

        return (stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, null);
    }

    private static string Message(YamlException e) =>
        e.InnerException is { } inner ? inner.Message : e.Message.Split("): ", 2) is [_, var rest] ? rest : e.Message;
}
