using System.Globalization;
using System.Text;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Interactions;
using StudyBot.Questions;
using StudyBot.Time;

namespace StudyBot.Groups;

/// <summary>
/// /setup: a group's admins configure it from the chat. Every change is validated first; a bad value
/// gets a private message saying what to type instead, and nothing stored changes. A good change is
/// saved and the group's schedule is replaced at once.
/// </summary>
public sealed class SetupCommand(
    IGroupStore groups, IGroupSchedule schedule, IChannelAccess channels, IEnumerable<IGroupChannelListener>? channelListeners = null) : ICommandHandler
{
    private static readonly IReadOnlyList<AutocompleteChoice> Days =
        [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new AutocompleteChoice(d.ToString(), d.ToString()))];

    public CommandDefinition Definition { get; } = new(
        "setup",
        "Set up this server's study group (admins)",
        [],
        [
            new("channel", "Post the daily question in this channel (or the one you name)", [new("channel", "The channel for daily questions", CommandOptionKind.Channel)], AdminOnly: true),
            new("daily", "When the question is posted and revealed", [
                new("time", "Post time, 24-hour HH:MM (for example 09:00)", Required: true),
                new("reveal", "Reveal time HH:MM, or +hours after posting (for example +8)", Required: true),
            ], AdminOnly: true),
            new("timezone", "The group's time zone", [new("zone", "IANA time zone, for example America/Chicago", Required: true, Autocomplete: true)], AdminOnly: true),
            new("week-start", "The day each weekly challenge starts", [new("day", "First day of the week", Required: true, Choices: Days)], AdminOnly: true),
            new("areas", "Which content areas the daily question draws from", [new("areas", "Area keys separated by commas, or 'all'", Required: true, Autocomplete: true)], AdminOnly: true),
            new("drills", "Mix code drills from the imported official code sets into the daily questions", [
                new("state", "on or off", Required: true, Choices: [new("on", "on"), new("off", "off")]),
            ], AdminOnly: true),
            new("pause", "Stop posting on schedule until resumed", [], AdminOnly: true),
            new("resume", "Start posting on schedule again", [], AdminOnly: true),
            new("show", "Show the current settings", [], AdminOnly: true),
        ],
        AdminOnly: true);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var group = await groups.FindAsync(context.GroupId, cancellationToken);
        if (request.Subcommand == "channel")
        {
            return await ChannelAsync(request, group, cancellationToken);
        }

        if (group is null)
        {
            return Private("This server has no study group yet. Start with `/setup channel` in the channel where the daily question should go.");
        }

        return request.Subcommand switch
        {
            "daily" => await DailyAsync(group, request.Option("time")!, request.Option("reveal")!, cancellationToken),
            "timezone" => await TimeZoneAsync(group, request.Option("zone")!, cancellationToken),
            "week-start" => await WeekStartAsync(group, request.Option("day")!, cancellationToken),
            "areas" => await AreasAsync(group, request.Option("areas")!, cancellationToken),
            "drills" => await DrillsAsync(group, request.Option("state")!, cancellationToken),
            "pause" => await SaveAsync(group with { Paused = true, PausedReason = null }, "Paused: nothing is posted on schedule until an admin runs `/setup resume`.", cancellationToken),
            "resume" => await SaveAsync(group with { Paused = false, PausedReason = null }, "Resumed: the daily question is posted on schedule again.", cancellationToken),
            _ => Private("Settings", Describe(group)),
        };
    }

    public Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Option switch
        {
            "zone" => ZoneSuggestions(request.Partial),
            "areas" => AreaSuggestions(request.Partial),
            _ => (IReadOnlyList<AutocompleteChoice>)[],
        });

    /// <summary>Up to 25 IANA zones matching what was typed, names that start with it first.</summary>
    public static IReadOnlyList<AutocompleteChoice> ZoneSuggestions(string partial)
    {
        var text = partial.Trim().Replace(' ', '_');
        return [.. DateTimeZoneProviders.Tzdb.Ids
            .Where(id => id.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => id.StartsWith(text, StringComparison.OrdinalIgnoreCase) || id.Contains("/" + text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(25)
            .Select(id => new AutocompleteChoice(id, id))];
    }

    private static IReadOnlyList<AutocompleteChoice> AreaSuggestions(string partial)
    {
        var typed = partial.Split(',').Select(p => p.Trim()).ToList();
        var done = string.Join(", ", typed.SkipLast(1).Where(t => t.Length > 0));
        var last = typed[^1];
        return [.. ContentAreas.All
            .Select(a => a.Key())
            .Prepend("all")
            .Where(k => k.Contains(last, StringComparison.OrdinalIgnoreCase))
            .Take(25)
            .Select(k => done.Length == 0 ? k : $"{done}, {k}")
            .Select(v => new AutocompleteChoice(v.Length > 100 ? v[..100] : v, v))];
    }

    private async Task<InteractionResponse> ChannelAsync(CommandRequest request, StudyGroup? group, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var channelId = request.Option("channel")?.Trim() is { Length: > 0 } named ? named : context.ChannelId;
        var check = await channels.CheckCanPostAsync(context.GroupId, channelId, cancellationToken);
        if (check.Outcome == ChannelCheckOutcome.Refused)
        {
            return Private($"I can't use that channel: {check.Reason} Pick a channel where I can send messages, or fix my permissions there, and run `/setup channel` again.");
        }

        var updated = group is null
            ? StudyGroup.Default(context.GroupId, context.Platform, channelId)
            : group with { ChannelId = channelId, Paused = group.PausedReason is null && group.Paused, PausedReason = null };
        var intro = group is null
            ? "Study group created. Daily questions will be posted in this channel."
            : "Daily questions will be posted in this channel from now on.";
        if (check.Outcome == ChannelCheckOutcome.Unverified)
        {
            intro += $" I could not check my permissions there just now ({check.Reason}); if the first post fails, `/setup show` will say why.";
        }

        await groups.SaveAsync(updated, cancellationToken);
        await schedule.ScheduleAsync(updated, cancellationToken);
        foreach (var listener in channelListeners ?? [])
        {
            if (await listener.ChannelChangedAsync(updated, cancellationToken) is { } note)
            {
                intro += " " + note;
            }
        }

        return Private(intro, Describe(updated));
    }

    private Task<InteractionResponse> DailyAsync(StudyGroup group, string time, string reveal, CancellationToken cancellationToken)
    {
        if (!GroupCalendar.TryParseTime(time, out var postAt))
        {
            return Task.FromResult<InteractionResponse>(Private($"'{time}' is not a time. Use 24-hour HH:MM, for example `/setup daily time:09:00 reveal:17:00`."));
        }

        LocalTime revealAt;
        var revealText = reveal.Trim();
        if (revealText.StartsWith('+'))
        {
            if (!int.TryParse(revealText[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 23)
            {
                return Task.FromResult<InteractionResponse>(Private($"'{reveal}' is not a reveal time. Use HH:MM, or + and 1-23 hours after posting, for example +8."));
            }

            revealAt = postAt.PlusHours(hours);
        }
        else if (!GroupCalendar.TryParseTime(revealText, out revealAt))
        {
            return Task.FromResult<InteractionResponse>(Private($"'{reveal}' is not a reveal time. Use 24-hour HH:MM (for example 17:00) or +hours (for example +8)."));
        }

        if (revealAt == postAt)
        {
            return Task.FromResult<InteractionResponse>(Private("The reveal must be at a different time from the post, or there is no time to answer."));
        }

        return SaveAsync(group with { DailyAt = postAt, RevealAt = revealAt }, "Schedule changed.", cancellationToken);
    }

    private Task<InteractionResponse> TimeZoneAsync(StudyGroup group, string zone, CancellationToken cancellationToken) =>
        GroupCalendar.FindZone(zone) is null
            ? Task.FromResult<InteractionResponse>(Private($"'{zone}' is not a time zone I know. Use an IANA name such as America/Chicago or Europe/London (start typing and pick one from the list)."))
            : SaveAsync(group with { TimeZoneId = zone.Trim() }, "Time zone changed.", cancellationToken);

    private Task<InteractionResponse> WeekStartAsync(StudyGroup group, string day, CancellationToken cancellationToken) =>
        GroupCalendar.TryParseDay(day, out var first)
            ? SaveAsync(group with { WeekStart = first }, "The weekly challenge now starts on " + first + ".", cancellationToken)
            : Task.FromResult<InteractionResponse>(Private($"'{day}' is not a day of the week. Use Monday, Tuesday, ... or Sunday."));

    private Task<InteractionResponse> AreasAsync(StudyGroup group, string text, CancellationToken cancellationToken)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return SaveAsync(group with { Areas = new HashSet<ContentArea>() }, "The daily question draws from every content area.", cancellationToken);
        }

        var chosen = new HashSet<ContentArea>();
        var unknown = new List<string>();
        foreach (var key in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ContentAreas.TryParse(key, out var area))
            {
                chosen.Add(area);
            }
            else
            {
                unknown.Add(key);
            }
        }

        if (unknown.Count > 0 || chosen.Count == 0)
        {
            return Task.FromResult<InteractionResponse>(Private(
                $"I don't know the area {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Use keys separated by commas (or 'all'): {ContentAreas.KeyList}."));
        }

        return SaveAsync(group with { Areas = chosen }, "The daily question now draws from: " + string.Join(", ", chosen.Order().Select(a => a.DisplayName())) + ".", cancellationToken);
    }

    private Task<InteractionResponse> DrillsAsync(StudyGroup group, string state, CancellationToken cancellationToken) =>
        state.Trim().ToLowerInvariant() switch
        {
            "on" => SaveAsync(group with { Drills = true }, "Code drills are on: on some days the ICD-10-CM or HCPCS question is a drill generated from the official code set (once an admin has run `studybot codes import`).", cancellationToken),
            "off" => SaveAsync(group with { Drills = false }, "Code drills are off: daily questions come from the question bank only.", cancellationToken),
            _ => Task.FromResult<InteractionResponse>(Private($"'{state}' is not a choice. Use `/setup drills on` or `/setup drills off`.")),
        };

    private async Task<InteractionResponse> SaveAsync(StudyGroup group, string what, CancellationToken cancellationToken)
    {
        await groups.SaveAsync(group, cancellationToken);
        await schedule.ScheduleAsync(group, cancellationToken);
        return Private(what, Describe(group));
    }

    /// <summary>The settings as an admin reads them.</summary>
    public static string Describe(StudyGroup group)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Channel: {group.ChannelId}\n");
        text.Append(CultureInfo.InvariantCulture, $"Daily question: {GroupCalendar.FormatTime(group.DailyAt)}, revealed at {GroupCalendar.FormatTime(group.RevealAt)}{(group.RevealAt < group.DailyAt ? " the next day" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Time zone: {group.TimeZoneId}\n");
        text.Append(CultureInfo.InvariantCulture, $"Week starts: {group.WeekStart}\n");
        text.Append("Areas: ").Append(group.Areas.Count == 0 ? "all" : string.Join(", ", group.Areas.Order().Select(a => a.Key()))).Append('\n');
        text.Append("Code drills: ").Append(group.Drills ? "on" : "off").Append('\n');
        text.Append("Status: ").Append(group.Paused ? "paused" + (group.PausedReason is { } reason ? $" ({reason})" : string.Empty) : "posting on schedule");
        return text.ToString();
    }

    private static ReplyResponse Private(string body) => new(ChatMessage.Private(body));

    private static ReplyResponse Private(string title, string body) => new(ChatMessage.Private(title, body));
}
