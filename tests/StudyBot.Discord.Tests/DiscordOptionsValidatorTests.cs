namespace StudyBot.Discord.Tests;

public sealed class DiscordOptionsValidatorTests
{
    [Fact]
    public void Validate_GoodGatewaySettings_Succeeds()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "abc.def.ghi", ApplicationId = "123456789012345678" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryKeyAtOnce()
    {
        var options = new DiscordOptions
        {
            Token = string.Empty,
            ApplicationId = "studybot",
            DevGuildId = "guild",
            Mode = DiscordMode.Http,
            PublicKey = "not-a-key",
            DeferAfter = TimeSpan.FromSeconds(5),
        };

        var result = new DiscordOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var key in new[] { "Discord:Token", "Discord:ApplicationId", "Discord:DevGuildId", "Discord:PublicKey", "Discord:DeferAfter" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_TokenWithBotPrefix_IsRejected_WithoutEchoingTheToken()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "Bot s3cr3t-token-value", ApplicationId = "1" });

        var failure = Assert.Single(result.Failures!);
        Assert.DoesNotContain("s3cr3t", failure, StringComparison.Ordinal);
    }
}
