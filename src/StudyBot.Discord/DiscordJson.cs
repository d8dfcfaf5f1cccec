using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Discord;

// Wire types: only the fields StudyBot reads or writes. Names map to Discord's snake_case by the
// context's naming policy; nulls are left out so optional fields are simply absent.

internal sealed class GatewayPayload
{
    public int Op { get; set; }

    public JsonElement D { get; set; }

    public int? S { get; set; }

    public string? T { get; set; }
}

internal sealed class HelloData
{
    public int HeartbeatInterval { get; set; }
}

internal sealed class ReadyData
{
    public string SessionId { get; set; } = string.Empty;

    public string ResumeGatewayUrl { get; set; } = string.Empty;
}

internal sealed class HeartbeatCommand
{
    public int Op { get; set; } = 1;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? D { get; set; }
}

internal sealed class IdentifyCommand
{
    public int Op { get; set; } = 2;

    public required IdentifyData D { get; set; }
}

internal sealed class IdentifyData
{
    public required string Token { get; set; }

    public int Intents { get; set; }

    public required IdentifyProperties Properties { get; set; }

    public int[]? Shard { get; set; }
}

internal sealed class IdentifyProperties
{
    [JsonPropertyName("os")]
    public string Os { get; set; } = Environment.OSVersion.Platform.ToString().ToLowerInvariant();

    [JsonPropertyName("browser")]
    public string Browser { get; set; } = "studybot";

    [JsonPropertyName("device")]
    public string Device { get; set; } = "studybot";
}

internal sealed class ResumeCommand
{
    public int Op { get; set; } = 6;

    public required ResumeData D { get; set; }
}

internal sealed class ResumeData
{
    public required string Token { get; set; }

    public required string SessionId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Seq { get; set; }
}

internal sealed class GatewayBotResponse
{
    public string Url { get; set; } = string.Empty;

    public int Shards { get; set; } = 1;

    public SessionStartLimit? SessionStartLimit { get; set; }
}

internal sealed class SessionStartLimit
{
    public int Total { get; set; }

    public int Remaining { get; set; }

    public long ResetAfter { get; set; }

    public int MaxConcurrency { get; set; } = 1;
}

internal sealed class DiscordInteraction
{
    public string Id { get; set; } = string.Empty;

    public string ApplicationId { get; set; } = string.Empty;

    public int Type { get; set; }

    public InteractionData? Data { get; set; }

    public string? GuildId { get; set; }

    public string? ChannelId { get; set; }

    public DiscordMember? Member { get; set; }

    public DiscordUser? User { get; set; }

    public string Token { get; set; } = string.Empty;

    public MessageReference? Message { get; set; }
}

internal sealed class InteractionData
{
    public string? Name { get; set; }

    public List<InteractionOption>? Options { get; set; }

    public string? CustomId { get; set; }

    public int? ComponentType { get; set; }

    public List<SubmittedComponent>? Components { get; set; }

    /// <summary>Users, channels, roles and attachments the options refer to by id.</summary>
    public ResolvedData? Resolved { get; set; }
}

internal sealed class ResolvedData
{
    public Dictionary<string, DiscordAttachment>? Attachments { get; set; }
}

internal sealed class DiscordAttachment
{
    public string Id { get; set; } = string.Empty;

    public string Filename { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Url { get; set; } = string.Empty;
}

internal sealed class InteractionOption
{
    public string Name { get; set; } = string.Empty;

    public int Type { get; set; }

    public JsonElement Value { get; set; }

    public List<InteractionOption>? Options { get; set; }

    public bool? Focused { get; set; }
}

internal sealed class SubmittedComponent
{
    public int Type { get; set; }

    public string? CustomId { get; set; }

    public string? Value { get; set; }

    public List<SubmittedComponent>? Components { get; set; }

    public SubmittedComponent? Component { get; set; }
}

internal sealed class DiscordMember
{
    public DiscordUser? User { get; set; }

    public List<string>? Roles { get; set; }

    public string? Nick { get; set; }

    public string? Permissions { get; set; }
}

internal sealed class DiscordUser
{
    public string Id { get; set; } = string.Empty;

    public string? Username { get; set; }

    public string? GlobalName { get; set; }
}

internal sealed class MessageReference
{
    public string Id { get; set; } = string.Empty;
}

internal sealed class MessagePayload
{
    public string? Content { get; set; }

    public List<EmbedPayload>? Embeds { get; set; }

    public List<ComponentPayload>? Components { get; set; }

    public AllowedMentionsPayload? AllowedMentions { get; set; }

    public int? Flags { get; set; }

    /// <summary>With <see cref="EnforceNonce"/>: Discord returns the message it already made with this nonce
    /// (same author, last few minutes) instead of creating another.</summary>
    public string? Nonce { get; set; }

    public bool? EnforceNonce { get; set; }
}

internal sealed class EmbedPayload
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public List<EmbedFieldPayload>? Fields { get; set; }

    public int? Color { get; set; }
}

internal sealed class EmbedFieldPayload
{
    public required string Name { get; set; }

    public required string Value { get; set; }

    public bool? Inline { get; set; }
}

/// <summary>Action rows, buttons, labels and text inputs share one shape; absent fields are omitted.</summary>
internal sealed class ComponentPayload
{
    public int Type { get; set; }

    public int? Style { get; set; }

    public string? Label { get; set; }

    public string? CustomId { get; set; }

    public bool? Disabled { get; set; }

    public bool? Required { get; set; }

    public int? MaxLength { get; set; }

    public List<ComponentPayload>? Components { get; set; }

    public ComponentPayload? Component { get; set; }
}

internal sealed class AllowedMentionsPayload
{
    // Always present and empty: nobody is pinged unless a feature explicitly means to.
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<string> Parse { get; set; } = [];

    /// <summary>The only users a message may ping; omitted when it pings nobody.</summary>
    public List<string>? Users { get; set; }
}

internal sealed class InteractionCallbackPayload
{
    public int Type { get; set; }

    public InteractionCallbackData? Data { get; set; }
}

/// <summary>Message fields for types 4 and 7, modal fields for type 9, choices for type 8.</summary>
internal sealed class InteractionCallbackData
{
    public string? Content { get; set; }

    public List<EmbedPayload>? Embeds { get; set; }

    public List<ComponentPayload>? Components { get; set; }

    public AllowedMentionsPayload? AllowedMentions { get; set; }

    public int? Flags { get; set; }

    public string? CustomId { get; set; }

    public string? Title { get; set; }

    public List<ChoicePayload>? Choices { get; set; }
}

internal sealed class ChoicePayload
{
    public required string Name { get; set; }

    public JsonElement Value { get; set; }
}

internal sealed class ApplicationCommandPayload
{
    public required string Name { get; set; }

    public required string Description { get; set; }

    public int Type { get; set; } = 1;

    public List<CommandOptionPayload>? Options { get; set; }

    public string? DefaultMemberPermissions { get; set; }

    public List<int>? Contexts { get; set; }
}

internal sealed class CommandOptionPayload
{
    public int Type { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public bool? Required { get; set; }

    public List<ChoicePayload>? Choices { get; set; }

    public bool? Autocomplete { get; set; }

    public long? MinValue { get; set; }

    public long? MaxValue { get; set; }

    public List<CommandOptionPayload>? Options { get; set; }
}

internal sealed class ChannelResponse
{
    public string Id { get; set; } = string.Empty;

    public int Type { get; set; }

    public string? GuildId { get; set; }

    public List<PermissionOverwrite>? PermissionOverwrites { get; set; }
}

internal sealed class PermissionOverwrite
{
    public string Id { get; set; } = string.Empty;

    /// <summary>0 for a role, 1 for a member.</summary>
    public int Type { get; set; }

    public string Allow { get; set; } = "0";

    public string Deny { get; set; } = "0";
}

internal sealed class RoleResponse
{
    public string Id { get; set; } = string.Empty;

    public string Permissions { get; set; } = "0";
}

internal sealed class MessageResponse
{
    public string Id { get; set; } = string.Empty;
}

internal sealed class ErrorResponse
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public double? RetryAfter { get; set; }

    public bool? Global { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(HeartbeatCommand))]
[JsonSerializable(typeof(IdentifyCommand))]
[JsonSerializable(typeof(ResumeCommand))]
[JsonSerializable(typeof(GatewayBotResponse))]
[JsonSerializable(typeof(DiscordInteraction))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(InteractionCallbackPayload))]
[JsonSerializable(typeof(List<ApplicationCommandPayload>))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(ChannelResponse))]
[JsonSerializable(typeof(List<RoleResponse>))]
[JsonSerializable(typeof(DiscordMember))]
[JsonSerializable(typeof(DiscordUser))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
