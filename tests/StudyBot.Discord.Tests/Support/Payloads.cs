using System.Text.Json.Nodes;
using StudyBot.Discord.Tests.Emulator;

namespace StudyBot.Discord.Tests.Support;

/// <summary>INTERACTION_CREATE payloads shaped like Discord's.</summary>
internal static class Payloads
{
    public const string MemberPermissions = "1024"; // VIEW_CHANNEL only
    public const string ManageGuildPermissions = "1056"; // VIEW_CHANNEL | MANAGE_GUILD
    public const string AdministratorPermissions = "8";

    public static JsonObject Member(string userId = "400000000000000004", string? nick = "Casey", string permissions = MemberPermissions) => new()
    {
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "casey_codes", ["global_name"] = "Casey C." },
        ["nick"] = nick,
        ["permissions"] = permissions,
        ["roles"] = new JsonArray(),
    };

    public static JsonObject Command(string name, JsonArray? options = null, JsonObject? member = null) => new()
    {
        ["type"] = 2,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["channel_id"] = DiscordEmulator.ChannelId,
        ["member"] = member ?? Member(),
        ["data"] = new JsonObject { ["id"] = "500000000000000005", ["name"] = name, ["type"] = 1, ["options"] = options ?? [] },
    };

    public static JsonObject Option(string name, JsonNode value, int type = 3) => new() { ["name"] = name, ["type"] = type, ["value"] = value };

    public static JsonObject Subcommand(string name, params JsonNode[] options) => new() { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray(options) };

    public static JsonObject Click(string customId, string messageId = "600000000000000006", JsonObject? member = null) => new()
    {
        ["type"] = 3,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["channel_id"] = DiscordEmulator.ChannelId,
        ["member"] = member ?? Member(),
        ["message"] = new JsonObject { ["id"] = messageId, ["channel_id"] = DiscordEmulator.ChannelId },
        ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
    };

    public static JsonObject Autocomplete(string command, string option, string partial) => new()
    {
        ["type"] = 4,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["channel_id"] = DiscordEmulator.ChannelId,
        ["member"] = Member(),
        ["data"] = new JsonObject
        {
            ["name"] = command,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = partial, ["focused"] = true }),
        },
    };

    public static JsonObject ModalSubmit(string customId, string inputId, string value) => new()
    {
        ["type"] = 5,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["channel_id"] = DiscordEmulator.ChannelId,
        ["member"] = Member(),
        ["data"] = new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 18,
                ["id"] = 1,
                ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = inputId, ["value"] = value },
            }),
        },
    };
}
