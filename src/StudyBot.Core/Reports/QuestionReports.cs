using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Interactions;

namespace StudyBot.Reports;

/// <summary>An open report about a question: what a member thinks is wrong with it.</summary>
public sealed record QuestionReport(long Id, string QuestionId, string UserId, string DisplayName, string Reason, DateTimeOffset CreatedAt);

/// <summary>Where reports are kept.</summary>
public interface IQuestionReportStore
{
    /// <summary>Files a report; false when the member already has an open report on that question.</summary>
    Task<bool> FileAsync(string groupId, string questionId, long roundId, ChatUser user, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuestionReport>> OpenAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Resolves every open report on the question of report <paramref name="reportId"/>; returns that question's id, or null.</summary>
    Task<string?> ResolveAsync(string groupId, long reportId, string resolvedBy, string note, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Questions with open reports from at least <paramref name="minReporters"/> different members.</summary>
    Task<IReadOnlySet<string>> WithheldAsync(string groupId, int minReporters, CancellationToken cancellationToken);
}

public static class ReportMessages
{
    public const string Prefix = "report";
    public const string ReportButtonLabel = "Report question";

    public static string ReportButtonId(long roundId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{roundId}");

    public static readonly ReplyResponse NotThisGroup = new(ChatMessage.Private("That question is not one of this group's rounds."));

    /// <summary>The round a report id names, if it is one of the clicking member's group; custom ids are never trusted.</summary>
    public static async Task<DailyRound?> FindRoundAsync(IDailyStore rounds, string customId, ChatContext context, CancellationToken cancellationToken) =>
        TryParse(customId, out var roundId) && await rounds.FindAsync(roundId, cancellationToken) is { } round && round.GroupId == context.GroupId
            ? round
            : null;

    public static bool TryParse(string customId, out long roundId)
    {
        roundId = 0;
        var parts = customId.Split(':');
        return parts.Length == 2 && parts[0] == Prefix && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out roundId);
    }
}

/// <summary>The "Report question" button under a reveal: asks for the reason in a form.</summary>
public sealed class ReportButtonHandler(IDailyStore rounds) : IComponentHandler
{
    public string Prefix => ReportMessages.Prefix;

    public async Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        if (await ReportMessages.FindRoundAsync(rounds, click.CustomId, click.Context, cancellationToken) is not { } round)
        {
            return ReportMessages.NotThisGroup;
        }

        return new ModalResponse(new ChatModal(
            ReportMessages.ReportButtonId(round.Id),
            "Report this question",
            [new ChatTextInput("reason", "What is wrong with it? (key, wording, outdated code...)", Paragraph: true, Required: true, MaxLength: 500)]));
    }
}

/// <summary>The submitted report form.</summary>
public sealed class ReportFormHandler(IDailyStore rounds, IQuestionReportStore reports, TimeProvider time) : IModalHandler
{
    public string Prefix => ReportMessages.Prefix;

    public async Task<InteractionResponse> HandleAsync(ModalSubmission submission, CancellationToken cancellationToken)
    {
        if (await ReportMessages.FindRoundAsync(rounds, submission.CustomId, submission.Context, cancellationToken) is not { } round)
        {
            return ReportMessages.NotThisGroup;
        }

        var reason = submission.Values.GetValueOrDefault("reason")?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            return new ReplyResponse(ChatMessage.Private("Say what is wrong with the question, so the admins can fix it."));
        }

        if (reason.Length > 500)
        {
            reason = reason[..500];
        }

        var filed = await reports.FileAsync(round.GroupId, round.Question.Id, round.Id, submission.Context.User, reason, time.GetUtcNow(), cancellationToken);
        return new ReplyResponse(ChatMessage.Private(filed
            ? "Thanks: your report is with the group's admins (`/reports list`)."
            : "You already reported this question; the admins will look at it."));
    }
}

/// <summary>Report settings. Section "Reports".</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>A question reported by this many different members is not asked again until an admin resolves it.</summary>
    public int WithholdAfterReporters { get; set; } = 2;
}

/// <summary>/reports: admins list open reports and resolve them.</summary>
public sealed class ReportsCommand(IQuestionReportStore reports, IGroupStore groups, IOptions<ReportOptions> options, TimeProvider time) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "reports",
        "Reported questions (admins)",
        [],
        [
            new("list", "Show open reports", [], AdminOnly: true),
            new("resolve", "Close the reports on a question", [
                new("id", "The report number from /reports list", CommandOptionKind.Number, Required: true),
                new("note", "What was done (fixed, kept as is...)"),
            ], AdminOnly: true),
        ],
        AdminOnly: true);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var groupId = request.Context.GroupId;
        if (await groups.FindAsync(groupId, cancellationToken) is null)
        {
            return new ReplyResponse(ChatMessage.Private(GroupLookup.NotSetUp));
        }

        if (request.Subcommand == "resolve")
        {
            if (!long.TryParse(request.Option("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return new ReplyResponse(ChatMessage.Private($"'{request.Option("id")}' is not a report number. Use a number from `/reports list`."));
            }

            var note = request.Option("note")?.Trim() is { Length: > 0 } given ? given : "resolved";
            var question = await reports.ResolveAsync(groupId, id, request.Context.User.DisplayName, note, time.GetUtcNow(), cancellationToken);
            return new ReplyResponse(ChatMessage.Private(question is null
                ? $"There is no open report #{id}. `/reports list` shows the open ones."
                : $"Closed the reports on question {question}; it can be asked again."));
        }

        var open = await reports.OpenAsync(groupId, cancellationToken);
        if (open.Count == 0)
        {
            return new ReplyResponse(ChatMessage.Private("Reported questions", "No open reports."));
        }

        var withheld = await reports.WithheldAsync(groupId, options.Value.WithholdAfterReporters, cancellationToken);
        var body = new StringBuilder();
        foreach (var question in open.GroupBy(r => r.QuestionId))
        {
            var held = withheld.Contains(question.Key) ? " — withheld from daily rounds" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"{question.Key}: {DailyMessages.Plural(question.Count(), "report")}{held}\n");
            foreach (var report in question)
            {
                body.Append(CultureInfo.InvariantCulture, $"  #{report.Id} {report.DisplayName}: {report.Reason}\n");
            }
        }

        return new ReplyResponse(ChatMessage.Private("Reported questions", body.ToString().TrimEnd() + "\nResolve with `/reports resolve id:<number>`."));
    }
}
