using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Chat;
using StudyBot.Interactions;

namespace StudyBot.Core.Tests.Interactions;

public sealed class InteractionRouterTests
{
    private sealed class CountingCommand(CommandDefinition definition, Exception? fault = null) : ICommandHandler
    {
        public int Calls { get; private set; }

        public CommandDefinition Definition { get; } = definition;

        public Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return fault is null
                ? Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("done")))
                : Task.FromException<InteractionResponse>(fault);
        }
    }

    private static readonly CommandDefinition Setup = new(
        "setup", "Configure", [], [new SubcommandDefinition("timezone", "Zone", [new CommandOptionDefinition("zone", "IANA zone", Required: true)])], AdminOnly: true);

    private static readonly CommandDefinition Answer = new("answer", "Answer", [new CommandOptionDefinition("choice", "A-D")], []);

    private static InteractionRouter Router(params ICommandHandler[] handlers) =>
        new(handlers, [], [], NullLogger<InteractionRouter>.Instance);

    private static CommandRequest Request(string name, string? sub = null, bool admin = false, params (string Key, string Value)[] options) =>
        new(new ChatContext(ChatPlatformKind.Discord, "g1", "c1", new ChatUser("u1", "Una"), admin), name, sub, options.ToDictionary(o => o.Key, o => o.Value));

    private static string Text(InteractionResponse response) => Assert.IsType<ReplyResponse>(response).Message.Body;

    [Fact]
    public async Task AdminCommand_FromMember_IsRefusedAndNotRun()
    {
        var setup = new CountingCommand(Setup);

        var reply = await Router(setup).HandleCommandAsync(Request("setup", "timezone", admin: false, ("zone", "UTC")), default);

        Assert.Equal(0, setup.Calls);
        Assert.StartsWith("Only group admins", Text(reply), StringComparison.Ordinal);
        Assert.True(((ReplyResponse)reply).Message.Ephemeral);
    }

    [Fact]
    public async Task AdminCommand_FromAdmin_Runs()
    {
        var setup = new CountingCommand(Setup);

        await Router(setup).HandleCommandAsync(Request("setup", "timezone", admin: true, ("zone", "UTC")), default);

        Assert.Equal(1, setup.Calls);
    }

    [Fact]
    public async Task UnknownOption_IsNamedAndNothingRuns()
    {
        var answer = new CountingCommand(Answer);

        var reply = await Router(answer).HandleCommandAsync(Request("answer", null, false, ("letter", "B")), default);

        Assert.Equal(0, answer.Calls);
        Assert.Equal("/answer has no option 'letter'; its options are choice.", Text(reply));
    }

    [Fact]
    public async Task MissingRequiredOption_SaysWhatIsNeeded()
    {
        var reply = await Router(new CountingCommand(Setup)).HandleCommandAsync(Request("setup", "timezone", admin: true), default);

        Assert.Equal("/setup needs the option 'zone': IANA zone.", Text(reply));
    }

    [Fact]
    public async Task UnknownCommandOrSubcommand_PointsToHelp()
    {
        var router = Router(new CountingCommand(Setup));

        Assert.Equal("I don't know /dance. Type /help to see what I can do.", Text(await router.HandleCommandAsync(Request("dance"), default)));
        Assert.Equal("/setup has no 'colour'. Use one of: timezone.", Text(await router.HandleCommandAsync(Request("setup", "colour", admin: true), default)));
    }

    [Fact]
    public async Task HandlerFault_BecomesAPrivateApology()
    {
        var reply = await Router(new CountingCommand(Answer, new InvalidOperationException("disk full"))).HandleCommandAsync(Request("answer"), default);

        var message = Assert.IsType<ReplyResponse>(reply).Message;
        Assert.True(message.Ephemeral);
        Assert.StartsWith("Something went wrong on my side", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("disk full", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickWithUnknownPrefix_SaysTheButtonIsStale()
    {
        var click = new ComponentClick(Request("x").Context, "zzz:1:A", "m1");

        Assert.Equal("That button no longer does anything. Use the latest message instead.", Text(await Router().HandleClickAsync(click, default)));
    }
}
