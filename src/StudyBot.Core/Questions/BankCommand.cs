using System.Globalization;
using System.Text;
using StudyBot.Chat;
using StudyBot.Interactions;
using StudyBot.Questions.Import;

namespace StudyBot.Questions;

/// <summary>
/// /bank: a group's own questions. Admins import a file into the group's bank (all or nothing, the
/// same checks as <c>studybot bank import</c>); anyone can see how many questions each area has.
/// </summary>
public sealed class BankCommand(QuestionBank shipped, IImportedBankStore banks, IAttachmentReader attachments) : ICommandHandler
{
    /// <summary>Room for the problem list in one private reply.</summary>
    public const int MaxReplyLength = 1800;

    public CommandDefinition Definition { get; } = new(
        "bank",
        "This group's question bank",
        [],
        [
            new("import", "Import questions into this group's own bank (admins)", [
                new("file", "A bank file: native YAML, CSV, Moodle GIFT, Aiken or a Red trivia list", CommandOptionKind.Attachment, Required: true),
                new("area", "Content area for questions the file gives none (for example icd-10-cm)", Autocomplete: true),
                new("format", "The file's format, when its name does not tell", Choices: [.. BankFiles.FormatNames.Select(f => new AutocompleteChoice(f, f))]),
            ], AdminOnly: true),
            new("show", "How many questions this group draws from, per content area", []),
        ]);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Subcommand == "import"
            ? await ImportAsync(request, cancellationToken)
            : await ShowAsync(request.Context.GroupId, cancellationToken);
    }

    public Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AutocompleteChoice>>([.. ContentAreas.All
            .Select(a => a.Key())
            .Where(k => k.Contains(request.Partial.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(25)
            .Select(k => new AutocompleteChoice(k, k))]);

    private async Task<InteractionResponse> ImportAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ContentArea? area = null;
        if (request.Option("area") is { Length: > 0 } key)
        {
            if (!ContentAreas.TryParse(key, out var found))
            {
                return Private($"'{key}' is not a content area. Use one of: {ContentAreas.KeyList}.");
            }

            area = found;
        }

        var file = await attachments.ReadAsync(request.Option("file")!, cancellationToken);
        if (file.Content is null)
        {
            return Private($"I could not read {file.FileName}: {file.Problem}.");
        }

        var result = BankFiles.ReadContent(file.FileName, file.Content, request.Option("format"), area);
        if (!result.IsValid)
        {
            return new ReplyResponse(ChatMessage.Private(
                $"Nothing imported: {file.FileName} has {result.Problems.Count} problem(s)",
                Listed(result.Problems.Select(p => p.ToString()), "Fix them and run `/bank import` again.")));
        }

        var counts = await banks.SaveAsync(BankOwner.Group(request.Context.GroupId), result.Questions, file.FileName, cancellationToken);
        return Private(
            $"Imported {counts.Total} questions from {file.FileName}: {counts.Added} new, {counts.Updated} updated. They join this group's daily questions. `/bank show` has the counts per area.");
    }

    private async Task<InteractionResponse> ShowAsync(string groupId, CancellationToken cancellationToken)
    {
        var own = await banks.ListAsync(BankOwner.Group(groupId), cancellationToken);
        var shared = await banks.ListAsync(BankOwner.Shared, cancellationToken);
        var ownIds = own.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var all = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var question in shipped.Questions.Concat(shared).Concat(own))
        {
            all[question.Id] = question;
        }

        var text = new StringBuilder();
        foreach (var area in all.Values.GroupBy(q => q.Area).OrderBy(g => g.Key))
        {
            var mine = area.Count(q => ownIds.Contains(q.Id));
            text.Append(CultureInfo.InvariantCulture, $"{area.Key.DisplayName()} ({area.Key.Key()}): {area.Count()}");
            text.Append(mine > 0 ? string.Create(CultureInfo.InvariantCulture, $", {mine} of this group's own\n") : "\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Total: {all.Count} ({shipped.Count} shipped, {shared.Count} shared imports, {own.Count} this group's own)");
        return new ReplyResponse(ChatMessage.Private("Question bank", text.ToString()));
    }

    /// <summary>The lines, as many as fit in one reply, then how many were left out and what to do.</summary>
    public static string Listed(IEnumerable<string> lines, string closing)
    {
        var all = lines.ToList();
        var text = new StringBuilder();
        var shown = 0;
        foreach (var line in all)
        {
            if (text.Length + line.Length + closing.Length + 40 > MaxReplyLength)
            {
                break;
            }

            text.Append(line).Append('\n');
            shown++;
        }

        if (shown < all.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"... and {all.Count - shown} more (`studybot bank validate` lists them all).\n");
        }

        return text.Append(closing).ToString();
    }

    private static ReplyResponse Private(string body) => new(ChatMessage.Private(body));
}
