using System.Text;
using StudyBot.Chat;

namespace StudyBot.Interactions;

/// <summary>/help: what every command does.</summary>
public sealed class HelpCommand(IServiceProvider services) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("help", "What StudyBot can do", [], []);

    public Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        // Resolved lazily: the router depends on this handler, so it cannot be a constructor dependency.
        var router = (InteractionRouter)services.GetService(typeof(InteractionRouter))!;
        var body = new StringBuilder();
        foreach (var definition in router.Definitions)
        {
            var admin = definition.AdminOnly ? " (admins)" : string.Empty;
            body.Append('/').Append(definition.Name).Append(" — ").Append(definition.Description).Append(admin).Append('\n');
            foreach (var sub in definition.Subcommands)
            {
                body.Append("  /").Append(definition.Name).Append(' ').Append(sub.Name).Append(" — ").Append(sub.Description)
                    .Append(sub.AdminOnly ? " (admins)" : string.Empty).Append('\n');
            }
        }

        return Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("StudyBot commands", body.ToString().TrimEnd())));
    }
}
