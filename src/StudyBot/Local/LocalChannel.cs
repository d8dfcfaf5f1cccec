using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Data;
using StudyBot.App.Hosting;
using StudyBot.Interactions;
using StudyBot.Outbox;

namespace StudyBot.App.Local;

/// <summary>
/// A chat channel in the terminal: type slash commands as a study group member would, act as several
/// members with /as, and see the channel's posts as they happen. Works with piped input, so scripts and
/// tests can drive it; the process stops at the end of input or /quit.
/// </summary>
public sealed class LocalChannel(
    LocalConsole console,
    LocalChatPlatform platform,
    InteractionRouter router,
    OutboxDispatcher dispatcher,
    SqliteDatabase database,
    IOptions<LocalChannelOptions> options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private const string Help =
        "Local-only commands: /as <name> (act as another member), /click <label> (click a button), /quit.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var user = NewUser(options.Value.UserName);
        console.Write($"StudyBot local channel: no Discord token is set, so this terminal is the chat (database: {database.FilePath}). Type /help to start.\n");
        try
        {
            await Task.Yield();
            await FlushAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var line = await console.In.ReadLineAsync(stoppingToken);
                if (line is null)
                {
                    break;
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                console.Write($"{user.DisplayName}> {line}\n");
                if (line is "/quit" or "/exit")
                {
                    break;
                }

                if (!line.StartsWith('/'))
                {
                    console.Write("(Commands start with /. Type /help for the list.)\n");
                    continue;
                }

                var word = line.Split(' ', 2)[0].ToLowerInvariant();
                var argument = line.Contains(' ', StringComparison.Ordinal) ? line.Split(' ', 2)[1].Trim() : string.Empty;
                switch (word)
                {
                    case "/as":
                        if (argument.Length == 0)
                        {
                            console.Write("(Say who to act as: /as Alice)\n");
                        }
                        else
                        {
                            user = NewUser(argument);
                            console.Write($"(You are now {user.DisplayName}.)\n");
                        }

                        break;
                    case "/click":
                        await ClickAsync(user, argument, stoppingToken);
                        break;
                    default:
                        await CommandAsync(user, line, stoppingToken);
                        break;
                }

                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await FlushAsync(stoppingToken);
        console.Write("Bye.\n");
        lifetime.StopApplication();
    }

    private async Task CommandAsync(ChatUser user, string line, CancellationToken cancellationToken)
    {
        var (name, subcommand, values, error) = LocalCommandParser.Parse(line, router.Definitions);
        if (error is not null)
        {
            platform.ShowReply(ChatMessage.Private(error));
            return;
        }

        var response = await router.HandleCommandAsync(new CommandRequest(Context(user), name, subcommand, values), cancellationToken);
        await ShowAsync(user, response, null, cancellationToken);
        if (name == "help")
        {
            console.Write(Help + "\n");
        }
    }

    private async Task ClickAsync(ChatUser user, string label, CancellationToken cancellationToken)
    {
        var (button, messageId) = platform.FindButton(label);
        if (button is null)
        {
            platform.ShowReply(ChatMessage.Private($"There is no button '{label}' to click on the latest message."));
            return;
        }

        var response = await router.HandleClickAsync(new ComponentClick(Context(user), button.CustomId, messageId), cancellationToken);
        await ShowAsync(user, response, messageId, cancellationToken);
    }

    private async Task ShowAsync(ChatUser user, InteractionResponse response, string? clickedMessageId, CancellationToken cancellationToken)
    {
        switch (response)
        {
            case ReplyResponse reply:
                platform.ShowReply(reply.Message);
                break;
            case UpdateResponse update:
                platform.ShowReply(update.Message, clickedMessageId);
                break;
            case ModalResponse modal:
                // A form becomes questions on the terminal: each field is answered on its own line.
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var input in modal.Modal.Inputs)
                {
                    console.Write($"({modal.Modal.Title}) {input.Label}\n{user.DisplayName}> ");
                    var line = await console.In.ReadLineAsync(cancellationToken) ?? string.Empty;
                    console.Write(line + "\n");
                    values[input.CustomId] = line.Length > input.MaxLength ? line[..input.MaxLength] : line;
                }

                var submitted = await router.HandleModalAsync(new ModalSubmission(Context(user), modal.Modal.CustomId, values), cancellationToken);
                await ShowAsync(user, submitted, clickedMessageId, cancellationToken);
                break;
        }
    }

    private Task<int> FlushAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);

    private static ChatContext Context(ChatUser user) =>
        new(ChatPlatformKind.Local, LocalChannelOptions.GroupId, LocalChannelOptions.ChannelId, user, IsGroupAdmin: true);

    private static ChatUser NewUser(string name) => new(name.Trim().ToLowerInvariant(), name.Trim());
}
