using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Interactions;

namespace StudyBot.Daily;

/// <summary>/daily: opens today's round now (admins; the schedule does it otherwise).</summary>
public sealed class DailyCommand(GroupLookup lookup, DailyService daily, TimeProvider time) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("daily", "Post today's question now instead of waiting for the schedule", [], [], AdminOnly: true);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var today = group.LocalDate(time.GetUtcNow());
        var (round, created) = await daily.OpenRoundAsync(group, today, cancellationToken);
        if (created)
        {
            return new ReplyResponse(ChatMessage.Private("Today's question is open and on its way to the channel."));
        }

        return new ReplyResponse(ChatMessage.Private(round.Status == RoundStatus.Open
            ? "Today's question is already open; answer it in the channel."
            : $"Today's question was already asked and revealed. The next one is posted at {group.Describe(group.DailyAt)}."));
    }
}

/// <summary>/answer: answers the open daily question by letter or typed text.</summary>
public sealed class AnswerCommand(GroupLookup lookup, DailyService daily) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "answer",
        "Answer the open question of the day",
        [
            new CommandOptionDefinition("choice", "Your answer: A, B, C or D", Choices: [new("A", "A"), new("B", "B"), new("C", "C"), new("D", "D")]),
            new CommandOptionDefinition("text", "Your typed answer, for questions that ask you to type one"),
        ],
        []);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var answer = request.Option("choice") ?? request.Option("text");
        if (string.IsNullOrWhiteSpace(answer))
        {
            return new ReplyResponse(ChatMessage.Private("Give your answer, for example `/answer choice:B` (or `/answer text:E11.9` for typed questions)."));
        }

        return new ReplyResponse(await daily.AnswerAsync(request.Context, group, null, answer, cancellationToken));
    }
}

/// <summary>Clicks on the A-D buttons under a daily question.</summary>
public sealed class AnswerButtonHandler(GroupLookup lookup, DailyService daily) : IComponentHandler
{
    public string Prefix => DailyMessages.AnswerButtonPrefix;

    public async Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        if (!DailyMessages.TryParseAnswerButton(click.CustomId, out var roundId, out var letter))
        {
            return new ReplyResponse(ChatMessage.Private("That button is not one I made. Use the buttons on the latest question."));
        }

        var (group, hint) = await lookup.FindAsync(click.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        return new ReplyResponse(await daily.AnswerAsync(click.Context, group, roundId, letter.ToString(), cancellationToken));
    }
}

/// <summary>/reveal: reveals the open question now (admins; the schedule does it otherwise).</summary>
public sealed class RevealCommand(GroupLookup lookup, DailyService daily, IDailyStore rounds) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("reveal", "Reveal the answer to the open question now", [], [], AdminOnly: true);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var round = await rounds.LatestOpenAsync(group.Id, cancellationToken);
        if (round is null || !await daily.RevealAsync(group, round, cancellationToken))
        {
            return new ReplyResponse(ChatMessage.Private("There is no open question to reveal."));
        }

        return new ReplyResponse(ChatMessage.Private("Revealed: the answer is now shown in the channel."));
    }
}
