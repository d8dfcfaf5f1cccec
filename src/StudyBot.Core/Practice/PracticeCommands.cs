using System.Globalization;
using StudyBot.Chat;
using StudyBot.Interactions;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>/practice [area] [count], /practice answer:&lt;text&gt; for typed answers, and /practice remind:on|off.</summary>
/// <remarks>remind is an option rather than a subcommand: Discord does not allow a command to have both, and
/// /practice [area] [count] is the everyday use.</remarks>
public sealed class PracticeCommand(PracticeService practice, PracticeReminders reminders, Microsoft.Extensions.Options.IOptions<PracticeOptions> options) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "practice",
        "Private practice: due reviews first, then new questions from your weak areas",
        [
            new CommandOptionDefinition("area", "Only this content area", Choices: [.. ContentAreas.All.Select(a => new AutocompleteChoice(a.DisplayName(), a.Key()))]),
            new CommandOptionDefinition("count", $"How many questions (default {options.Value.DefaultQuestions})", CommandOptionKind.Number, MinValue: 1, MaxValue: options.Value.MaxQuestions),
            new CommandOptionDefinition("answer", "Your typed answer to the current practice question"),
            new CommandOptionDefinition("remind", "A daily mention in the channel when you have reviews due (default off)", Choices: [new("on", "on"), new("off", "off")]),
        ],
        []);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Option("remind") is { } remind)
        {
            return remind.Trim().ToLowerInvariant() switch
            {
                "on" => new ReplyResponse(await reminders.SetAsync(request.Context, on: true, cancellationToken)),
                "off" => new ReplyResponse(await reminders.SetAsync(request.Context, on: false, cancellationToken)),
                _ => Reply("Say `/practice remind:on` for a daily mention when you have reviews due, or `/practice remind:off` to stop it."),
            };
        }

        if (request.Option("answer") is { } answer)
        {
            return new ReplyResponse(await practice.AnswerAsync(request.Context, null, null, answer, cancellationToken));
        }

        ContentArea? area = null;
        if (request.Option("area") is { } areaText)
        {
            if (!ContentAreas.TryParse(areaText, out var parsed))
            {
                return Reply($"There is no area '{areaText}'. Use one of: {ContentAreas.KeyList}. To answer a typed question, use `/practice answer:<your answer>`.");
            }

            area = parsed;
        }

        int? count = null;
        if (request.Option("count") is { } countText)
        {
            var max = options.Value.MaxQuestions;
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > max)
            {
                return Reply($"The count must be a whole number from 1 to {max}, for example `/practice count:10`.");
            }

            count = parsed;
        }

        return new ReplyResponse(await practice.StartAsync(request.Context, area, count, cancellationToken));
    }

    private static ReplyResponse Reply(string text) => new(ChatMessage.Private(text));
}

/// <summary>Clicks on the A-D buttons of a practice question: the message is replaced by the feedback and the next question.</summary>
public sealed class PracticeButtonHandler(PracticeService practice) : IComponentHandler
{
    public string Prefix => PracticeMessages.AnswerButtonPrefix;

    public async Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        if (!PracticeMessages.TryParseAnswerButton(click.CustomId, out var sessionId, out var questionId, out var letter))
        {
            return new ReplyResponse(ChatMessage.Private("That button is not one I made. Use /practice to carry on."));
        }

        return new UpdateResponse(await practice.AnswerAsync(click.Context, sessionId, questionId, letter.ToString(), cancellationToken));
    }
}
