using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Http;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord;

/// <summary>Setup for the Discord adapter.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>True when configuration holds a Discord token (<c>Discord:Token</c>, or <c>STUDYBOT_DISCORD__TOKEN</c>
    /// through the prefixed environment provider): the signal to run on Discord rather than the local channel.</summary>
    public static bool HasDiscordToken(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:{nameof(DiscordOptions.Token)}"]);
    }

    /// <summary>Adds the Discord platform: options from the <c>Discord</c> section (validated at start), the REST
    /// client, <see cref="IChatPlatform"/> for posting and editing, <see cref="StudyBot.Groups.IChannelAccess"/> for /setup channel's permission check, and a hosted service that registers the
    /// <see cref="CommandDefinition"/>s found in the container and then runs the gateway or the HTTP endpoint.
    /// The app supplies a scoped or singleton <see cref="IInteractionHandler"/>, registers each
    /// <see cref="CommandDefinition"/> as a singleton, and registers the <see cref="TimeProvider"/> (the host's
    /// one reference to <c>TimeProvider.System</c>).</summary>
    public static IServiceCollection AddDiscordPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());

        services.TryAddSingleton<DiscordTimings>();
        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<InteractionDispatcher>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<DiscordGateway>();
        services.TryAddSingleton(sp => new InteractionSignatureVerifier(
            sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<InteractionEndpoint>();
        services.TryAddSingleton<DiscordChatPlatform>();
        services.TryAddSingleton<IAttachmentReader, DiscordAttachmentReader>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<DiscordChatPlatform>());
        services.TryAddSingleton<StudyBot.Groups.IChannelAccess, DiscordChannelAccess>();
        services.TryAddSingleton<DiscordHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordHostedService>());
        return services;
    }
}
