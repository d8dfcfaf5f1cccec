using System.Text.Json.Nodes;
using StudyBot.Chat;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Interactions;

public sealed class InteractionDispatcherTests
{
    [Fact]
    public async Task Click_BecomesComponentClick_WithUserGuildMessageAndMemberFlag()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Click("daily:42:b", messageId: "700000000000000007"));
        await Eventually.True(() => sent.Completed, "the click was answered");

        var click = Assert.Single(bot.Handler.Clicks);
        Assert.Equal("daily:42:b", click.CustomId);
        Assert.Equal("700000000000000007", click.MessageId);
        Assert.Equal("400000000000000004", click.Context.User.Id);
        Assert.Equal("Casey", click.Context.User.DisplayName);
        Assert.Equal(Emulator.DiscordEmulator.GuildId, click.Context.GroupId);
        Assert.Equal(Emulator.DiscordEmulator.ChannelId, click.Context.ChannelId);
        Assert.Equal(ChatPlatformKind.Discord, click.Context.Platform);
        Assert.False(click.Context.IsGroupAdmin);
    }

    [Theory]
    [InlineData(Payloads.ManageGuildPermissions, true)]
    [InlineData(Payloads.AdministratorPermissions, true)]
    [InlineData(Payloads.MemberPermissions, false)]
    public async Task Click_MemberPermissions_DecideGroupAdmin(string permissions, bool admin)
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Click("exam:1:next", member: Payloads.Member(permissions: permissions)));
        await Eventually.True(() => sent.Completed, "the click was answered");

        Assert.Equal(admin, Assert.Single(bot.Handler.Clicks).Context.IsGroupAdmin);
    }

    [Fact]
    public async Task Click_UpdateResponse_ReplacesTheClickedMessage()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnClick = (_, _) => Task.FromResult<InteractionResponse>(new UpdateResponse(ChatMessage.Public("Question 2 of 60", "Which modifier...")));
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Click("exam:1:next"));
        await Eventually.True(() => sent.Completed, "the click was answered");

        var callback = Assert.Single(sent.Callbacks);
        Assert.Equal(7, callback["type"]!.GetValue<int>());
        Assert.Equal("Question 2 of 60", callback["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Command_WithSubcommandAndOptions_BecomesCommandRequest_AndEphemeralReply()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        var options = new JsonArray(Payloads.Subcommand("schedule", Payloads.Option("date", "2026-03-09"), Payloads.Option("questions", 60, type: 4)));
        var sent = bot.Emulator.SendInteraction(Payloads.Command("exam", options, Payloads.Member(permissions: Payloads.ManageGuildPermissions)));
        await Eventually.True(() => sent.Completed, "the command was answered");

        var command = Assert.Single(bot.Handler.Commands);
        Assert.Equal("exam", command.Name);
        Assert.Equal("schedule", command.Subcommand);
        Assert.Equal("2026-03-09", command.Option("date"));
        Assert.Equal("60", command.Option("questions"));
        Assert.True(command.Context.IsGroupAdmin);

        var callback = Assert.Single(sent.Callbacks);
        Assert.Equal(4, callback["type"]!.GetValue<int>());
        Assert.Equal(64, callback["data"]!["flags"]!.GetValue<int>());
        Assert.Empty(callback["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Autocomplete_ReturnsChoices_ForTheFocusedOption()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnAutocomplete = (_, _) => Task.FromResult<IReadOnlyList<AutocompleteChoice>>(
            [.. Enumerable.Range(1, 30).Select(i => new AutocompleteChoice($"Area {i} " + new string('x', 120), $"area-{i}"))]);
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Autocomplete("practice", "area", "card"));
        await Eventually.True(() => sent.Completed, "the autocomplete was answered");

        var request = Assert.Single(bot.Handler.Autocompletes);
        Assert.Equal(("practice", "area", "card"), (request.Command, request.Option, request.Partial));
        var callback = Assert.Single(sent.Callbacks);
        Assert.Equal(8, callback["type"]!.GetValue<int>());
        Assert.Equal(25, callback["data"]!["choices"]!.AsArray().Count);
    }

    [Fact]
    public async Task Command_ModalResponse_OpensForm_AndSubmissionCarriesValues()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = (_, _) => Task.FromResult<InteractionResponse>(new ModalResponse(new ChatModal(
            "feedback:1", "Tell us what was unclear about this question", [new ChatTextInput("text", "What was unclear?", Paragraph: true, Required: true, MaxLength: 1000)])));
        await bot.ConnectedAsync();

        var opened = bot.Emulator.SendInteraction(Payloads.Command("feedback"));
        await Eventually.True(() => opened.Completed, "the modal was opened");
        var modal = Assert.Single(opened.Callbacks);
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        Assert.True(modal["data"]!["title"]!.GetValue<string>().Length <= 45);

        var submitted = bot.Emulator.SendInteraction(Payloads.ModalSubmit("feedback:1", "text", "The rationale for D."));
        await Eventually.True(() => submitted.Completed, "the submission was answered");
        var submission = Assert.Single(bot.Handler.Modals);
        Assert.Equal("feedback:1", submission.CustomId);
        Assert.Equal("The rationale for D.", submission.Values["text"]);
    }

    [Fact]
    public async Task SlowCommand_IsDeferredPrivately_ThenTheOriginalIsEdited()
    {
        var release = new TaskCompletionSource();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ReplyResponse(ChatMessage.Private("Your stats", "12 answered, 9 right"));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Command("stats"));
        await Eventually.True(() => sent.Answered, "the command was deferred");
        var deferred = Assert.Single(sent.Callbacks);
        Assert.Equal(5, deferred["type"]!.GetValue<int>());
        Assert.Equal(64, deferred["data"]!["flags"]!.GetValue<int>());

        release.SetResult();
        await Eventually.True(() => !sent.OriginalEdits.IsEmpty, "the original was edited");
        Assert.Equal("Your stats", Assert.Single(sent.OriginalEdits)["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(0, sent.LateCallbacks);
    }

    [Fact]
    public async Task HandlerBlockingBeforeItsFirstAwait_IsStillDeferredInTime()
    {
        // Microsoft.Data.Sqlite's "async" calls run synchronously: a handler waiting on a locked database blocks
        // its caller before it ever returns a Task. The deferral must not depend on the handler yielding.
        using var release = new ManualResetEventSlim();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = (_, ct) =>
        {
            release.Wait(TimeSpan.FromSeconds(30), ct);
            return Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("Recorded.")));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Command("answer"));
        await Eventually.True(() => sent.Answered, "the command was deferred while the handler was blocked");
        Assert.Equal(5, Assert.Single(sent.Callbacks)["type"]!.GetValue<int>());

        release.Set();
        await Eventually.True(() => sent.Completed, "the original was edited");
        Assert.Equal(0, sent.LateCallbacks);
    }

    [Fact]
    public async Task SlowCommand_PublicReply_ReplacesThePrivatePlaceholderWithAPublicFollowup()
    {
        var release = new TaskCompletionSource();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ReplyResponse(ChatMessage.Public("Leaderboard", "1. Casey 40"));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Command("leaderboard"));
        await Eventually.True(() => sent.Answered, "the command was deferred");
        release.SetResult();

        await Eventually.True(() => !sent.Followups.IsEmpty, "a followup was posted");
        Assert.True(sent.OriginalDeleted);
        Assert.Null(Assert.Single(sent.Followups)["flags"]);
    }

    [Fact]
    public async Task SlowClick_UpdateResponse_DefersAsUpdate_ThenEditsTheMessage()
    {
        var release = new TaskCompletionSource();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnClick = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new UpdateResponse(ChatMessage.Public("Revealed", "The answer was B."));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Click("exam:1:finish"));
        await Eventually.True(() => sent.Answered, "the click was deferred");
        Assert.Equal(6, Assert.Single(sent.Callbacks)["type"]!.GetValue<int>());

        release.SetResult();
        await Eventually.True(() => !sent.OriginalEdits.IsEmpty, "the message was edited");
        Assert.Equal("Revealed", Assert.Single(sent.OriginalEdits)["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowClick_PrivateReply_IsAnEphemeralFollowup()
    {
        var release = new TaskCompletionSource();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnClick = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ReplyResponse(ChatMessage.Private("Answer recorded."));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Click("daily:9:c"));
        await Eventually.True(() => sent.Answered, "the click was deferred");
        release.SetResult();

        await Eventually.True(() => !sent.Followups.IsEmpty, "a followup was posted");
        Assert.Equal(64, Assert.Single(sent.Followups)["flags"]!.GetValue<int>());
        Assert.Empty(sent.OriginalEdits);
    }

    [Fact]
    public async Task FailingHandler_UserGetsAPrivateApology_AndTheFaultIsLogged()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = (_, _) => throw new InvalidOperationException("store offline");
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Command("answer"));
        await Eventually.True(() => sent.Completed, "the command was answered");

        var callback = Assert.Single(sent.Callbacks);
        Assert.Equal(64, callback["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("went wrong", callback["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("store offline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyInteractionsAtOnce_AllAnswered_WhileAHandlerIsStuck()
    {
        var stuck = new TaskCompletionSource();
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnCommand = async (request, ct) =>
        {
            if (request.Name == "stuck")
            {
                await stuck.Task.WaitAsync(ct);
            }

            return new ReplyResponse(ChatMessage.Private("ok"));
        };
        await bot.ConnectedAsync();

        var slow = bot.Emulator.SendInteraction(Payloads.Command("stuck"));
        var quick = Enumerable.Range(0, 20).Select(_ => bot.Emulator.SendInteraction(Payloads.Command("leaderboard"))).ToList();

        await Eventually.True(() => quick.All(i => i.Completed), "every quick interaction was answered");
        Assert.False(slow.Completed);
        stuck.SetResult();
        await Eventually.True(() => slow.Completed, "the stuck interaction was answered too");
    }

    [Fact]
    public async Task HangingHandler_TimesOut_AndTheUserGetsAnApology()
    {
        await using var bot = await BotHarness.CreateAsync(settings: new() { ["Discord:HandlerTimeout"] = "00:00:01.500" });
        bot.Handler.OnCommand = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new ReplyResponse(ChatMessage.Private("never"));
        };
        await bot.ConnectedAsync();

        var sent = bot.Emulator.SendInteraction(Payloads.Command("answer"));

        await Eventually.True(() => !sent.OriginalEdits.IsEmpty, "the deferred reply was replaced by an apology");
        Assert.Contains("went wrong", Assert.Single(sent.OriginalEdits)["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autocomplete_IntegerOption_OffersOnlyIntegerValues()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Handler.OnAutocomplete = (_, _) => Task.FromResult<IReadOnlyList<AutocompleteChoice>>([new("Ten", "10"), new("Lots", "many"), new("Sixty", "60")]);
        await bot.ConnectedAsync();
        var payload = Payloads.Autocomplete("practice", "count", "1");
        payload["data"]!["options"]![0]!["type"] = 4;

        var sent = bot.Emulator.SendInteraction(payload);
        await Eventually.True(() => sent.Completed, "the autocomplete was answered");

        var choices = Assert.Single(sent.Callbacks)["data"]!["choices"]!.AsArray();
        Assert.Equal([10, 60], choices.Select(c => c!["value"]!.GetValue<int>()));
    }
}
