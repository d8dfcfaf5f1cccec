using Microsoft.Extensions.DependencyInjection;
using StudyBot.App.Hosting;
using StudyBot.App.Local;
using StudyBot.Chat;

namespace StudyBot.Tests.Hosting;

public sealed class PlatformSelectionTests
{
    [Fact]
    public void NoToken_RunsTheLocalChannel()
    {
        using var host = StudyBotHost.CreateBuilder([], new LocalConsole(new StringReader(string.Empty), new StringWriter())).Build();

        Assert.Equal(ChatPlatformKind.Local, host.Services.GetRequiredService<IChatPlatform>().Kind);
    }

    [Fact]
    public void Token_RunsOnDiscordWithEveryCommandRegistered()
    {
        using var host = StudyBotHost.CreateBuilder(["--Discord:Token=test-token", "--Discord:ApplicationId=123456789012345678"]).Build();

        Assert.Equal(ChatPlatformKind.Discord, host.Services.GetRequiredService<IChatPlatform>().Kind);
        var registered = host.Services.GetRequiredService<IEnumerable<CommandDefinition>>().Select(d => d.Name);
        Assert.Contains("answer", registered);
        Assert.Contains("setup", registered);
        Assert.Contains("leaderboard", registered);
    }
}
