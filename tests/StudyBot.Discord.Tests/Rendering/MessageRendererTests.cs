using StudyBot.Chat;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Rendering;

public sealed class MessageRendererTests
{
    private static ChatMessage Oversized() => new(
        Title: new string('T', 400),
        Body: string.Join(' ', Enumerable.Repeat("Modifier 25 marks a significant, separately identifiable E/M service.", 150)),
        Fields: [.. Enumerable.Range(1, 40).Select(i => new ChatField(new string('n', 300), new string('v', 1500)))],
        Buttons: [.. Enumerable.Range(1, 40).Select(i => new ChatButton($"opt:{i}", new string('L', 120)))],
        Ephemeral: false);

    [Fact]
    public async Task Send_MessageWithMentions_PingsExactlyThoseMembersAndNobodyElse()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        var nudge = ChatMessage.Public("Practice reminder", "Ann and Bob have reviews due.") with { Mentions = ["111", "222", "@everyone", "111"] };

        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, nudge, CancellationToken.None);

        var stored = bot.Emulator.Messages[id];
        Assert.Equal("<@111> <@222>", stored["content"]!.GetValue<string>());
        Assert.Empty(stored["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(["111", "222"], stored["allowed_mentions"]!["users"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public void Render_MessageWithoutMentions_AllowsNoPings()
    {
        var payload = MessageRenderer.Render(ChatMessage.Public("Daily question", "Which code...?"), allowEphemeral: false);

        Assert.Empty(payload.AllowedMentions!.Parse);
        Assert.Null(payload.AllowedMentions.Users);
        Assert.Null(payload.Content);
    }

    [Fact]
    public async Task Send_OversizedMessage_IsShortenedWithinEveryLimit_AndAccepted()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Oversized(), CancellationToken.None);

        Assert.True(bot.Emulator.Messages.ContainsKey(id));
        var payload = MessageRenderer.Render(Oversized(), allowEphemeral: false);
        var embeds = payload.Embeds!;
        Assert.True(embeds.Count <= MessageRenderer.MaxEmbeds);
        Assert.True(embeds[0].Title!.Length <= 256);
        Assert.All(embeds, e => Assert.True((e.Description?.Length ?? 0) <= 4096));
        var fields = embeds.SelectMany(e => e.Fields ?? []).ToList();
        Assert.True(fields.Count <= 25);
        Assert.All(fields, f => Assert.True(f.Name.Length <= 256 && f.Value.Length <= 1024));
        var total = embeds.Sum(e => (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Fields ?? []).Sum(f => f.Name.Length + f.Value.Length));
        Assert.True(total <= 6000, $"embed total {total}");
        Assert.True(payload.Components!.Count <= 5);
        Assert.All(payload.Components, row => Assert.True(row.Components!.Count <= 5));
        Assert.All(payload.Components.SelectMany(r => r.Components!), b => Assert.True(b.Label!.Length <= 80));
    }

    [Fact]
    public void Render_BodyLongerThanOneDescription_ContinuesInASecondEmbed_KeepingAllText()
    {
        var body = string.Join('\n', Enumerable.Range(1, 150).Select(i => $"Line {i}: a rationale sentence."));

        var embeds = MessageRenderer.RenderEmbeds(ChatMessage.Public("Rationale", body));

        Assert.InRange(body.Length, 4097, 6000 - "Rationale".Length);
        Assert.Equal(2, embeds.Count);
        Assert.Equal(body, string.Concat(embeds.Select(e => e.Description)));
        Assert.Null(embeds[1].Title);
    }

    [Fact]
    public void Render_TooManyFields_SaysHowManyWereLeftOut()
    {
        var message = new ChatMessage("Board", "Top", [.. Enumerable.Range(1, 30).Select(i => new ChatField($"#{i}", "10"))], [], false);

        var fields = MessageRenderer.RenderEmbeds(message)[0].Fields!;

        Assert.Equal(25, fields.Count);
        Assert.Equal("6 more not shown", fields[^1].Value);
    }

    [Fact]
    public void Render_EmptyMessage_StillHasContent()
    {
        var payload = MessageRenderer.Render(new ChatMessage(" ", " ", [], [], false), allowEphemeral: false);

        Assert.Empty(payload.Embeds!);
        Assert.False(string.IsNullOrEmpty(payload.Content));
    }

    [Fact]
    public void Render_DuplicateCustomIds_KeepsTheFirstOnly()
    {
        var buttons = MessageRenderer.RenderButtons([new ChatButton("a", "A"), new ChatButton("a", "again"), new ChatButton("b", "B")]);

        Assert.Equal(["A", "B"], buttons.Single().Components!.Select(b => b.Label));
    }

    [Fact]
    public void Render_TwelveButtons_FillRowsOfFive()
    {
        var rows = MessageRenderer.RenderButtons([.. Enumerable.Range(1, 12).Select(i => new ChatButton($"b{i}", $"{i}"))]);

        Assert.Equal([5, 5, 2], rows.Select(r => r.Components!.Count));
    }

    [Theory]
    [InlineData(true, true, 64)]
    [InlineData(true, false, null)]
    [InlineData(false, true, null)]
    public void Render_EphemeralFlag_OnlyOnInteractionReplies(bool ephemeral, bool allowEphemeral, int? flags)
    {
        var payload = MessageRenderer.Render(new ChatMessage("t", "b", [], [], ephemeral), allowEphemeral);

        Assert.Equal(flags, payload.Flags);
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 78) + "😀😀😀";

        var cut = MessageRenderer.Truncate(text, 80);

        Assert.True(cut.Length <= 80);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderModal_LongTitleAndManyInputs_FitDiscordLimits()
    {
        var modal = new ChatModal("m:1", new string('t', 80), [.. Enumerable.Range(1, 7).Select(i => new ChatTextInput($"i{i}", new string('l', 60), false, true, 9000))]);

        var data = MessageRenderer.RenderModal(modal);

        Assert.True(data.Title!.Length <= 45);
        Assert.Equal(5, data.Components!.Count);
        Assert.All(data.Components, c => Assert.True(c.Label!.Length <= 45 && c.Component!.MaxLength <= 4000));
    }
}
