using System.Text.Json.Nodes;
using StudyBot.Chat;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Commands;

public sealed class CommandRegistrarTests
{
    private static readonly CommandDefinition[] Commands =
    [
        new("answer", "Answer today's question", [
            new CommandOptionDefinition("note", "Optional note"),
            new CommandOptionDefinition("choice", "Your answer", Required: true, Choices: [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")]),
        ], []),
        new("practice", "Practice questions", [new CommandOptionDefinition("area", "Content area", Autocomplete: true), new CommandOptionDefinition("count", "How many", CommandOptionKind.Number, MinValue: 1, MaxValue: 20)], []),
        new("exam", "Mock exams", [], [
            new SubcommandDefinition("schedule", "Schedule a mock exam", [new CommandOptionDefinition("when", "Date and time", Required: true)]),
            new SubcommandDefinition("cancel", "Cancel the scheduled exam", []),
        ], AdminOnly: true),
    ];

    private static async Task<JsonArray> RegisteredAsync(BotHarness bot, string pathEnd)
    {
        await Eventually.True(() => bot.Emulator.RequestsTo("PUT", pathEnd).Any(), "the commands were registered");
        var request = Assert.Single(bot.Emulator.RequestsTo("PUT", "/commands"));
        Assert.EndsWith(pathEnd, request.Path, StringComparison.Ordinal);
        return request.Body!.AsArray();
    }

    [Fact]
    public async Task Start_WithoutDevGuild_OverwritesGlobalCommands()
    {
        await using var bot = await BotHarness.CreateAsync(commands: Commands);

        var body = await RegisteredAsync(bot, $"/applications/{DiscordEmulator.ApplicationId}/commands");

        Assert.Equal(["answer", "practice", "exam"], body.Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Start_WithDevGuild_OverwritesThatGuildsCommands()
    {
        await using var bot = await BotHarness.CreateAsync(commands: Commands, settings: new() { ["Discord:DevGuildId"] = DiscordEmulator.GuildId });

        var body = await RegisteredAsync(bot, $"/guilds/{DiscordEmulator.GuildId}/commands");

        Assert.Equal(3, body.Count);
    }

    [Fact]
    public async Task Registration_AdminCommand_NeedsManageServer_OthersDoNot()
    {
        await using var bot = await BotHarness.CreateAsync(commands: Commands);

        var body = await RegisteredAsync(bot, "/commands");

        Assert.Equal("32", body[2]!["default_member_permissions"]!.GetValue<string>());
        Assert.Null(body[0]!["default_member_permissions"]);
        Assert.All(body, c => Assert.Equal(0, c!["contexts"]![0]!.GetValue<int>()));
    }

    [Fact]
    public async Task Registration_OptionsAreTypedOrderedAndCarryChoices()
    {
        await using var bot = await BotHarness.CreateAsync(commands: Commands);

        var body = await RegisteredAsync(bot, "/commands");

        var answer = body[0]!["options"]!.AsArray();
        Assert.Equal(["choice", "note"], answer.Select(o => o!["name"]!.GetValue<string>()));
        Assert.True(answer[0]!["required"]!.GetValue<bool>());
        Assert.Equal(4, answer[0]!["choices"]!.AsArray().Count);

        var practice = body[1]!["options"]!.AsArray();
        Assert.True(practice[0]!["autocomplete"]!.GetValue<bool>());
        Assert.Equal(4, practice[1]!["type"]!.GetValue<int>());
        Assert.Equal(20, practice[1]!["max_value"]!.GetValue<int>());

        var exam = body[2]!["options"]!.AsArray();
        Assert.All(exam, o => Assert.Equal(1, o!["type"]!.GetValue<int>()));
        Assert.Equal("when", exam[0]!["options"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registration_RejectedByDiscord_GatewayStillStarts()
    {
        await using var bot = await BotHarness.CreateAsync(
            e =>
            {
                for (var i = 0; i < 5; i++)
                {
                    e.FailNext("/commands", RestFault.Status500);
                }
            },
            commands: Commands);

        await bot.ConnectedAsync();

        Assert.Contains(bot.Logs.Lines, l => l.Contains("Registering application commands failed", StringComparison.Ordinal));
    }
}
