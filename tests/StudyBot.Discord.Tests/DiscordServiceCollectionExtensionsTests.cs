using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests;

public sealed class DiscordServiceCollectionExtensionsTests
{
    [Fact]
    public async Task HostStart_WithoutToken_FailsNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1" });
        builder.Services.AddSingleton<IInteractionHandler>(new FakeInteractionHandler());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDiscordPlatform(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Discord:Token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HasDiscordToken_ReadsTheBoundKey()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "x" }).Build();
        var empty = new ConfigurationBuilder().Build();

        Assert.True(configured.HasDiscordToken());
        Assert.False(empty.HasDiscordToken());
    }

    [Fact]
    public void AddDiscordPlatform_ProvidesTheDiscordChatPlatform_AndValidatesOnBuild()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IInteractionHandler>(new FakeInteractionHandler());
        services.AddSingleton<IHostApplicationLifetime, StubLifetime>();
        services.AddSingleton(TimeProvider.System);
        services.AddDiscordPlatform(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "abc.def.ghi",
            ["Discord:ApplicationId"] = "123456789012345678",
        }).Build());

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Equal(ChatPlatformKind.Discord, provider.GetRequiredService<IChatPlatform>().Kind);
    }

    private sealed class StubLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
