using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;
using StudyBot.Groups;
using E = StudyBot.Discord.Tests.Emulator.DiscordEmulator;

namespace StudyBot.Discord.Tests;

public sealed class DiscordChannelAccessTests
{
    private static async Task<ChannelCheck> CheckAsync(BotHarness bot, string channelId)
    {
        var check = await bot.Services.GetRequiredService<IChannelAccess>().CheckCanPostAsync(E.GuildId, channelId, CancellationToken.None);
        Assert.Empty(bot.Emulator.SchemaErrors);
        return check;
    }

    [Fact]
    public async Task Check_TextChannelWithTheInvitePermissions_IsUsable()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var check = await CheckAsync(bot, E.ChannelId);

        Assert.Equal(ChannelCheck.Usable, check);
        Assert.Single(bot.Emulator.RequestsTo("GET", $"/channels/{E.ChannelId}"));
        Assert.Single(bot.Emulator.RequestsTo("GET", $"/guilds/{E.GuildId}/members/{E.ApplicationId}"));
    }

    [Theory]
    [InlineData("300000000000000099", "that channel does not exist (it may have been deleted).")]
    [InlineData(E.ForbiddenChannelId, "I can't see that channel: give me the View Channel permission there.")]
    [InlineData(E.VoiceChannelId, "that is not a text channel.")]
    [InlineData(E.OtherGuildChannelId, "that channel is not in this server.")]
    [InlineData("general", "that is not a Discord channel id; pick the channel from the list.")]
    public async Task Check_ChannelTheBotCannotUse_IsRefusedWithTheReason(string channelId, string reason)
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var check = await CheckAsync(bot, channelId);

        Assert.Equal(ChannelCheck.Refused(reason), check);
    }

    [Fact]
    public async Task Check_RoleOverwriteDeniesSendAndEmbeds_NamesTheMissingPermissions()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        bot.Emulator.SetOverwrite(E.ChannelId, E.BotRoleId, 0, allow: 0, deny: E.SendMessages | E.EmbedLinks);

        var check = await CheckAsync(bot, E.ChannelId);

        Assert.Equal(ChannelCheck.Refused("I am missing Send Messages, Embed Links there."), check);
    }

    [Fact]
    public async Task Check_EveryoneDeniedButTheBotsOwnOverwriteAllows_IsUsable()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        bot.Emulator.SetOverwrite(E.ChannelId, E.GuildId, 0, allow: 0, deny: E.InvitePermissions);
        bot.Emulator.SetOverwrite(E.ChannelId, E.BotRoleId, 0, allow: E.ViewChannel, deny: 0);
        bot.Emulator.SetOverwrite(E.ChannelId, E.ApplicationId, 1, allow: E.SendMessages | E.EmbedLinks | E.ReadMessageHistory, deny: 0);

        Assert.Equal(ChannelCheck.Usable, await CheckAsync(bot, E.ChannelId));
    }

    [Fact]
    public async Task Check_MemberOverwriteDeniesWhatTheRoleAllows_IsRefused()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        bot.Emulator.SetOverwrite(E.ChannelId, E.BotRoleId, 0, allow: E.ReadMessageHistory, deny: 0);
        bot.Emulator.SetOverwrite(E.ChannelId, E.ApplicationId, 1, allow: 0, deny: E.ReadMessageHistory);

        Assert.Equal(ChannelCheck.Refused("I am missing Read Message History there."), await CheckAsync(bot, E.ChannelId));
    }

    [Fact]
    public async Task Check_AdministratorRole_BypassesDenyingOverwrites()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        bot.Emulator.RolePermissions[E.BotRoleId] = E.Administrator;
        bot.Emulator.SetOverwrite(E.ForbiddenChannelId, E.BotRoleId, 0, allow: 0, deny: E.InvitePermissions);

        Assert.Equal(ChannelCheck.Usable, await CheckAsync(bot, E.ForbiddenChannelId));
    }

    [Fact]
    public async Task Check_DiscordFailsWith5xx_AcceptsUnverified()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        for (var i = 0; i < 5; i++)
        {
            bot.Emulator.FailNext($"/channels/{E.ChannelId}", RestFault.Status502);
        }

        var check = await CheckAsync(bot, E.ChannelId);

        Assert.Equal(ChannelCheckOutcome.Unverified, check.Outcome);
        Assert.Equal(5, bot.Emulator.RequestsTo("GET", $"/channels/{E.ChannelId}").Count(r => r.Status == 502));
    }

    [Fact]
    public async Task Check_DiscordTooSlow_AcceptsUnverifiedWithinTheCheckTimeout()
    {
        var timings = new DiscordTimings
        {
            RestRetryBaseDelay = BotHarness.Fast.RestRetryBaseDelay,
            ChannelCheckTimeout = TimeSpan.FromMilliseconds(500),
        };
        await using var bot = await BotHarness.CreateAsync(start: false, timings: timings, configureEmulator: e => e.SlowResponse = TimeSpan.FromSeconds(10));
        bot.Emulator.FailNext($"/channels/{E.ChannelId}", RestFault.Slow);

        var check = await CheckAsync(bot, E.ChannelId);

        Assert.Equal(ChannelCheck.Unverified("Discord did not answer in time"), check);
    }
}
