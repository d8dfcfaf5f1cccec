using NodaTime;
using StudyBot.App.Local;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Questions;

namespace StudyBot.Tests.Groups;

public sealed class SetupCommandTests
{
    private static CommandRequest Admin(string sub, params (string Key, string Value)[] options) =>
        new(new ChatContext(ChatPlatformKind.Discord, "g1", "chan-1", new ChatUser("boss", "Boss"), IsGroupAdmin: true), "setup", sub, options.ToDictionary(o => o.Key, o => o.Value));

    private static async Task<(DailyFixture F, SetupCommand Setup)> CreateAsync()
    {
        var f = await DailyFixture.CreateAsync();
        return (f, new SetupCommand(f.Groups, f.Schedule, new LocalChannelAccess()));
    }

    private static string Reply(InteractionResponse response)
    {
        var message = Assert.IsType<ReplyResponse>(response).Message;
        Assert.True(message.Ephemeral);
        return message.Title.Length > 0 ? message.Title + ": " + message.Body : message.Body;
    }

    [Fact]
    public async Task Timezone_Unknown_IsRefusedAndNothingChanges()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        var reply = Reply(await setup.HandleAsync(Admin("timezone", ("zone", "Mars/Base")), default));

        Assert.StartsWith("'Mars/Base' is not a time zone I know.", reply, StringComparison.Ordinal);
        Assert.Equal("America/Chicago", (await f.Groups.FindAsync("g1", default))!.TimeZoneId);
        Assert.Empty(f.Schedule.Scheduled);
    }

    [Fact]
    public async Task Timezone_Valid_IsSavedAndRescheduledAtOnce()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        var reply = Reply(await setup.HandleAsync(Admin("timezone", ("zone", "Europe/London")), default));

        Assert.StartsWith("Time zone changed.", reply, StringComparison.Ordinal);
        Assert.Equal("Europe/London", (await f.Groups.FindAsync("g1", default))!.TimeZoneId);
        Assert.Equal("Europe/London", Assert.Single(f.Schedule.Scheduled).TimeZoneId);
    }

    [Theory]
    [InlineData("25:00", "17:00", "'25:00' is not a time.")]
    [InlineData("09:00", "9pm", "'9pm' is not a reveal time.")]
    [InlineData("09:00", "+30", "'+30' is not a reveal time.")]
    [InlineData("09:00", "09:00", "The reveal must be at a different time from the post")]
    public async Task Daily_BadTimes_AreRefusedAndNothingChanges(string time, string reveal, string expected)
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        var reply = Reply(await setup.HandleAsync(Admin("daily", ("time", time), ("reveal", reveal)), default));

        Assert.StartsWith(expected, reply, StringComparison.Ordinal);
        var stored = (await f.Groups.FindAsync("g1", default))!;
        Assert.Equal((new LocalTime(9, 0), new LocalTime(17, 0)), (stored.DailyAt, stored.RevealAt));
    }

    [Fact]
    public async Task Daily_RevealAsHoursAfterPosting_IsComputed()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        await setup.HandleAsync(Admin("daily", ("time", "07:30"), ("reveal", "+8")), default);

        var stored = (await f.Groups.FindAsync("g1", default))!;
        Assert.Equal((new LocalTime(7, 30), new LocalTime(15, 30)), (stored.DailyAt, stored.RevealAt));
    }

    [Fact]
    public async Task Areas_UnknownKey_IsNamedAndNothingChanges_ValidKeysAreSaved()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        var bad = Reply(await setup.HandleAsync(Admin("areas", ("areas", "icd-10-cm, cardiology")), default));
        Assert.StartsWith("I don't know the area 'cardiology'.", bad, StringComparison.Ordinal);
        Assert.Empty((await f.Groups.FindAsync("g1", default))!.Areas);

        await setup.HandleAsync(Admin("areas", ("areas", "icd-10-cm, anatomy")), default);
        Assert.Equal([ContentArea.Anatomy, ContentArea.Icd10Cm], (await f.Groups.FindAsync("g1", default))!.Areas.Order());

        await setup.HandleAsync(Admin("areas", ("areas", "all")), default);
        Assert.Empty((await f.Groups.FindAsync("g1", default))!.Areas);
    }

    [Fact]
    public async Task PauseAndResume_AreSavedAndShown()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;

        await setup.HandleAsync(Admin("pause"), default);
        Assert.True((await f.Groups.FindAsync("g1", default))!.Paused);
        Assert.Contains("Status: paused", Reply(await setup.HandleAsync(Admin("show"), default)), StringComparison.Ordinal);

        await setup.HandleAsync(Admin("resume"), default);
        Assert.False((await f.Groups.FindAsync("g1", default))!.Paused);
        Assert.Equal([true, false], f.Schedule.Scheduled.Select(g => g.Paused));
    }

    [Fact]
    public async Task FirstSetup_ChannelCreatesTheGroup_OtherSubcommandsAskForItFirst()
    {
        var (f, setup) = await CreateAsync();
        using var _ = f;
        CommandRequest NewServer(string sub, params (string, string)[] options) =>
            Admin(sub, options) with { Context = Admin(sub).Context with { GroupId = "g9", ChannelId = "chan-9" } };

        var early = Reply(await setup.HandleAsync(NewServer("timezone", ("zone", "UTC")), default));
        Assert.StartsWith("This server has no study group yet. Start with `/setup channel`", early, StringComparison.Ordinal);
        Assert.Null(await f.Groups.FindAsync("g9", default));

        var created = Reply(await setup.HandleAsync(NewServer("channel"), default));
        Assert.StartsWith("Study group created.", created, StringComparison.Ordinal);
        var group = (await f.Groups.FindAsync("g9", default))!;
        Assert.Equal(("chan-9", "UTC"), (group.ChannelId, group.TimeZoneId));
    }

    [Fact]
    public async Task Channel_BotCannotPost_IsRefusedAndNothingChanges()
    {
        var (f, _) = await CreateAsync();
        using var __ = f;
        var setup = new SetupCommand(f.Groups, f.Schedule, new NoAccess());

        var reply = Reply(await setup.HandleAsync(Admin("channel", ("channel", "chan-2")), default));

        Assert.StartsWith("I can't use that channel: I lack Send Messages there.", reply, StringComparison.Ordinal);
        Assert.Equal("chan-1", (await f.Groups.FindAsync("g1", default))!.ChannelId);
    }

    [Fact]
    public async Task Channel_AfterTodaysPostFailedForGood_PostsTodaysQuestionInTheNewChannel()
    {
        using var f = await DailyFixture.CreateAsync();
        var setup = new SetupCommand(f.Groups, f.Schedule, new LocalChannelAccess(), [f.Daily]);
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new ChatDeliveryException("Unknown Channel", isPermanent: true);
        await f.Dispatcher.DispatchDueAsync(default);
        f.Platform.FailWith = null;
        Assert.True((await f.Groups.FindAsync("g1", default))!.Paused);

        var reply = Reply(await setup.HandleAsync(Admin("channel", ("channel", "chan-2")), default));
        await f.Dispatcher.DispatchDueAsync(default);

        Assert.Contains("Today's question never reached the old channel, so it is posted here now.", reply, StringComparison.Ordinal);
        Assert.Equal("chan-2", Assert.Single(f.Platform.Sent).ChannelId);
        Assert.False((await f.Groups.FindAsync("g1", default))!.Paused);
    }

    [Fact]
    public void ZoneSuggestions_MatchWhatWasTyped()
    {
        var suggestions = SetupCommand.ZoneSuggestions("chic");

        Assert.Equal("America/Chicago", suggestions[0].Value);
        Assert.True(suggestions.Count <= 25);
    }

    private sealed class NoAccess : IChannelAccess
    {
        public Task<ChannelCheck> CheckCanPostAsync(string groupId, string channelId, CancellationToken cancellationToken) =>
            Task.FromResult(ChannelCheck.Refused("I lack Send Messages there."));
    }
}
