using StudyBot.App.Local;
using StudyBot.Chat;

namespace StudyBot.Tests.Local;

public sealed class LocalCommandParserTests
{
    private static readonly CommandDefinition[] Definitions =
    [
        new("answer", "Answer", [new CommandOptionDefinition("choice", "A-D"), new CommandOptionDefinition("text", "typed")], []),
        new("setup", "Setup", [], [new SubcommandDefinition("daily", "Times", [new CommandOptionDefinition("time", "HH:mm"), new CommandOptionDefinition("reveal", "HH:mm")])]),
        new("stats", "Stats", [], []),
    ];

    [Fact]
    public void Parse_PositionalWords_FillOptionsInOrder()
    {
        var (name, sub, options, error) = LocalCommandParser.Parse("/setup daily 08:30 17:00", Definitions);

        Assert.Null(error);
        Assert.Equal(("setup", "daily"), (name, sub));
        Assert.Equal("08:30", options["time"]);
        Assert.Equal("17:00", options["reveal"]);
    }

    [Fact]
    public void Parse_NamedOption_WinsAndLastOptionTakesTheRest()
    {
        var (_, _, options, _) = LocalCommandParser.Parse("/answer text:E11.9", Definitions);
        Assert.Equal("E11.9", options["text"]);

        var (_, _, free, _) = LocalCommandParser.Parse("/answer B and more words", Definitions);
        Assert.Equal("B", free["choice"]);
        Assert.Equal("and more words", free["text"]);
    }

    [Fact]
    public void Parse_ValuesForACommandWithoutOptions_IsAnError()
    {
        var (_, _, _, error) = LocalCommandParser.Parse("/stats everything", Definitions);

        Assert.Equal("/stats did not expect 'everything'. Type /help to see how to use it.", error);
    }
}
