using StudyBot.Questions;
using StudyBot.Questions.Import;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Tests.Questions.Import;

/// <summary>
/// A deliberately small reader of the native format, enough to check what BankYamlWriter writes until the
/// lead's YamlBankReader is on this branch. It reads scalars as the YAML parser hands them over, so a
/// value the writer failed to quote or escape comes back different and the round trip fails.
/// </summary>
internal static class NativeYamlForTests
{
    public static List<Question> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("1", Scalar(root, "version"));
        Assert.Equal(["version", "questions"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var questions = new List<Question>();
        foreach (var node in (YamlSequenceNode)root["questions"])
        {
            var map = (YamlMappingNode)node;
            Assert.True(ContentAreas.TryParse(Scalar(map, "area"), out var area));
            Assert.True(DifficultyText.TryParse(Scalar(map, "difficulty"), out var difficulty));
            var tags = map.Children.TryGetValue(new YamlScalarNode("tags"), out var t)
                ? ((YamlSequenceNode)t).Select(n => ((YamlScalarNode)n).Value!).ToList()
                : [];
            var reference = map.Children.TryGetValue(new YamlScalarNode("reference"), out var r) ? ((YamlScalarNode)r).Value : null;
            if (map.Children.TryGetValue(new YamlScalarNode("choices"), out var c))
            {
                var choices = (YamlMappingNode)c;
                Assert.Equal(["A", "B", "C", "D"], choices.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
                Assert.True(ChoiceLetter.TryParse(Scalar(map, "answer"), out var answer));
                questions.Add(Question.MultipleChoice(
                    Scalar(map, "id"), area, difficulty, Scalar(map, "stem"),
                    [.. choices.Children.Values.Select(v => ((YamlScalarNode)v).Value!)], answer,
                    Scalar(map, "rationale"), reference, tags, Scalar(map, "source")));
            }
            else
            {
                var accepted = ((YamlSequenceNode)map["accepted"]).Select(n => ((YamlScalarNode)n).Value!).ToList();
                questions.Add(Question.Typed(
                    Scalar(map, "id"), area, difficulty, Scalar(map, "stem"), accepted,
                    Scalar(map, "rationale"), reference, tags, Scalar(map, "source")));
            }
        }

        return questions;
    }

    public static void AssertSame(Question expected, Question actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Area, actual.Area);
        Assert.Equal(expected.Difficulty, actual.Difficulty);
        Assert.Equal(expected.Stem, actual.Stem);
        Assert.Equal(expected.Choices, actual.Choices);
        Assert.Equal(expected.Answer, actual.Answer);
        Assert.Equal(expected.AcceptedAnswers, actual.AcceptedAnswers);
        Assert.Equal(expected.Rationale, actual.Rationale);
        Assert.Equal(expected.Reference, actual.Reference);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Source, actual.Source);
    }

    private static string Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value!;
}
