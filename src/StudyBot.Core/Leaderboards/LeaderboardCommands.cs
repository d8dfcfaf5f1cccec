using System.Globalization;
using System.Text;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Interactions;
using StudyBot.Questions;

namespace StudyBot.Leaderboards;

/// <summary>/leaderboard: the group's top members this week or of all time. Points exist only after reveals,
/// so the board never hints at who is right about an open question.</summary>
public sealed class LeaderboardCommand(GroupLookup lookup, ILeaderboardStore boards, TimeProvider time) : ICommandHandler
{
    private const int TopCount = 10;

    public CommandDefinition Definition { get; } = new(
        "leaderboard",
        "Show the group's leaderboard",
        [
            new CommandOptionDefinition("board", "Which board: this week (default), last week, all time, or one content area", Choices: [new("This week", "week"), new("Last week", "lastweek"), new("All time", "all"), new("Content area", "area")]),
            new CommandOptionDefinition("area", "The content area, with board:area", Autocomplete: true),
        ],
        []);

    public Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AutocompleteChoice>>([.. ContentAreas.All
            .Where(a => a.Key().Contains(request.Partial.Trim(), StringComparison.OrdinalIgnoreCase) || a.DisplayName().Contains(request.Partial.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(25)
            .Select(a => new AutocompleteChoice(a.DisplayName(), a.Key()))]);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var areaText = request.Option("area");
        var which = (request.Option("board") ?? (areaText is null ? "week" : "area")).Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        var today = group.LocalDate(time.GetUtcNow());
        var thisWeek = Time.GroupCalendar.WeekStart(today, group.WeekStart);
        string period;
        string title;
        switch (which)
        {
            case "week":
                (period, title) = (group.WeekKey(today), $"Leaderboard · week of {thisWeek.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}");
                break;
            case "lastweek":
                (period, title) = (group.WeekKey(thisWeek.PlusWeeks(-1)), $"Leaderboard · week of {thisWeek.PlusWeeks(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}");
                break;
            case "all":
                (period, title) = (Boards.AllTime, "Leaderboard · all time");
                break;
            case "area" when ContentAreas.TryParse(areaText, out var area):
                (period, title) = (Boards.AreaPeriod(area), $"Leaderboard · {area.DisplayName()} (all time)");
                break;
            case "area":
                return new ReplyResponse(ChatMessage.Private(
                    $"Name the content area, for example `/leaderboard board:area area:icd-10-cm`. Areas: {ContentAreas.KeyList}."));
            default:
                return new ReplyResponse(ChatMessage.Private($"There is no '{which}' board. Use `week`, `lastweek`, `all` or `area`."));
        }
        var top = Boards.Rank(await boards.TopAsync(group.Id, period, TopCount, cancellationToken));

        var body = new StringBuilder();
        if (top.Count == 0)
        {
            body.Append("No points yet. Points are credited when a question's answer is revealed.");
        }

        foreach (var entry in top)
        {
            body.Append(CultureInfo.InvariantCulture, $"{entry.Place}. {entry.DisplayName} — {DailyMessages.Plural(entry.Points, "point")} ({entry.Correct}/{entry.Answered} right)\n");
        }

        var me = request.Context.User.Id;
        if (top.Count > 0 && top.All(e => e.UserId != me) && await boards.FindAsync(group.Id, period, me, cancellationToken) is { } mine)
        {
            var place = await boards.CountAboveAsync(group.Id, period, mine.Points, cancellationToken) + 1;
            body.Append(CultureInfo.InvariantCulture, $"\nYou: place {place} with {DailyMessages.Plural(mine.Points, "point")}.");
        }

        return new ReplyResponse(new ChatMessage(title, body.ToString().TrimEnd(), [], [], Ephemeral: false));
    }
}

/// <summary>/stats: the caller's own revealed results. Answers awaiting a reveal are counted, never scored.</summary>
public sealed class StatsCommand(GroupLookup lookup, ILeaderboardStore boards, IDailyStore rounds, TimeProvider time, IEnumerable<IStatsSection> sections) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("stats", "Your own accuracy, overall and per content area", [], []);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var me = request.Context.User;
        var week = group.WeekKey(group.LocalDate(time.GetUtcNow()));
        var all = await boards.FindAsync(group.Id, Boards.AllTime, me.Id, cancellationToken);
        var thisWeek = await boards.FindAsync(group.Id, week, me.Id, cancellationToken);
        var areas = await boards.AreaStatsAsync(group.Id, me.Id, cancellationToken);
        var pending = await rounds.PendingAnswersAsync(group.Id, me.Id, cancellationToken);

        var body = new StringBuilder();
        if (all is null)
        {
            body.Append("No revealed answers yet.");
        }
        else
        {
            var place = await boards.CountAboveAsync(group.Id, Boards.AllTime, all.Points, cancellationToken) + 1;
            body.Append(CultureInfo.InvariantCulture, $"All time: {all.Correct}/{all.Answered} right ({Percent(all.Correct, all.Answered)}), {DailyMessages.Plural(all.Points, "point")}, place {place}.\n");
            body.Append(thisWeek is null
                ? "This week: no revealed answers yet."
                : string.Create(CultureInfo.InvariantCulture, $"This week: {thisWeek.Correct}/{thisWeek.Answered} right, {DailyMessages.Plural(thisWeek.Points, "point")}."));
        }

        if (pending > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n{DailyMessages.Plural(pending, "answer")} waiting for the reveal (not counted yet).");
        }

        var streak = await rounds.StreakAsync(group.Id, me.Id, cancellationToken);
        if (streak.Best > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"\nDaily-question streak: {DailyMessages.Plural(streak.Current, "day")} in a row (best {streak.Best}).");
        }

        var fields = areas
            .OrderBy(a => a.Area)
            .Select(a => new ChatField(a.Area.DisplayName(), $"{a.Correct}/{a.Answered} ({Percent(a.Correct, a.Answered)}){(a.Accuracy < 0.7 ? " · below 70%" : string.Empty)}", Inline: true))
            .ToList();
        foreach (var section in sections)
        {
            var part = await section.BuildAsync(group, me, cancellationToken);
            body.Append("\n\n").Append(part.Text);
            fields = part.ReplacesAreaFields ? [.. part.Fields] : [.. fields, .. part.Fields];
        }

        return new ReplyResponse(new ChatMessage($"Stats for {me.DisplayName}", body.ToString(), fields, [], Ephemeral: true));
    }

    private static string Percent(int correct, int answered) =>
        answered == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * correct / answered:0}%");
}
