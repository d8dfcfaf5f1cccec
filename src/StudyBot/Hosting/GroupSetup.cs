using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.App.Scheduling;
using StudyBot.Time;

namespace StudyBot.App.Hosting;

/// <summary>A group declared in configuration (section "Groups", a list).</summary>
public sealed class GroupSettings
{
    public string Id { get; set; } = string.Empty;

    public ChatPlatformKind Platform { get; set; } = ChatPlatformKind.Discord;

    public string ChannelId { get; set; } = string.Empty;

    public string TimeZone { get; set; } = "UTC";

    public string DailyAt { get; set; } = "09:00";

    public string RevealAt { get; set; } = "17:00";

    public string WeekStart { get; set; } = "Monday";

    /// <summary>Builds the group, or lists what is wrong, naming each key under <paramref name="keyPrefix"/>.</summary>
    public StudyGroup? ToGroup(string keyPrefix, List<string> failures)
    {
        var before = failures.Count;
        if (string.IsNullOrWhiteSpace(Id))
        {
            failures.Add($"{keyPrefix}:Id is required.");
        }

        if (string.IsNullOrWhiteSpace(ChannelId))
        {
            failures.Add($"{keyPrefix}:ChannelId is required.");
        }

        if (GroupCalendar.FindZone(TimeZone) is null)
        {
            failures.Add($"{keyPrefix}:TimeZone '{TimeZone}' is not an IANA time zone (for example America/Chicago or Europe/London).");
        }

        if (!GroupCalendar.TryParseTime(DailyAt, out var dailyAt))
        {
            failures.Add($"{keyPrefix}:DailyAt '{DailyAt}' must be a 24-hour time such as 09:00.");
        }

        if (!GroupCalendar.TryParseTime(RevealAt, out var revealAt))
        {
            failures.Add($"{keyPrefix}:RevealAt '{RevealAt}' must be a 24-hour time such as 17:00.");
        }

        if (!GroupCalendar.TryParseDay(WeekStart, out var weekStart))
        {
            failures.Add($"{keyPrefix}:WeekStart '{WeekStart}' must be a day of the week such as Monday.");
        }

        if (failures.Count == before && dailyAt == revealAt)
        {
            failures.Add($"{keyPrefix}:RevealAt must differ from DailyAt.");
        }

        return failures.Count > before ? null : new StudyGroup(Id.Trim(), Platform, ChannelId.Trim(), TimeZone.Trim(), dailyAt, revealAt, weekStart);
    }
}

/// <summary>The local terminal channel's own group. Section "LocalChannel".</summary>
public sealed class LocalChannelOptions
{
    public const string Section = "LocalChannel";
    public const string GroupId = "local";
    public const string ChannelId = "local";

    public string TimeZone { get; set; } = "UTC";

    public string DailyAt { get; set; } = "09:00";

    public string RevealAt { get; set; } = "17:00";

    public string WeekStart { get; set; } = "Monday";

    /// <summary>Who you are when the session starts; switch with /as.</summary>
    public string UserName { get; set; } = "you";

    public GroupSettings AsGroupSettings() => new()
    {
        Id = GroupId,
        Platform = ChatPlatformKind.Local,
        ChannelId = ChannelId,
        TimeZone = TimeZone,
        DailyAt = DailyAt,
        RevealAt = RevealAt,
        WeekStart = WeekStart,
    };
}

/// <summary>The groups this process serves from configuration, validated together.</summary>
public sealed class ConfiguredGroups
{
    public List<StudyGroup> Groups { get; } = [];

    public List<string> Failures { get; } = [];
}

public sealed class ConfiguredGroupsValidator : IValidateOptions<ConfiguredGroups>
{
    public ValidateOptionsResult Validate(string? name, ConfiguredGroups options) =>
        options.Failures.Count > 0 ? ValidateOptionsResult.Fail(options.Failures) : ValidateOptionsResult.Success;
}

/// <summary>At start: creates the configured groups that do not exist yet, then brings every group's triggers in
/// line with its settings.</summary>
/// <remarks>Configuration seeds a group once; after that its admins own its settings through /setup, so a
/// restart never undoes what they changed in the chat. The groups are saved before the bot is ready, so the
/// first interaction finds its group. The triggers are checked after it is ready: they are already in Quartz's
/// persistent store from earlier runs (an unchanged trigger is left as it is, so a firing missed while the bot
/// was down still misfires), and checking thousands of them one by one would otherwise hold up the start.</remarks>
public sealed class GroupStartup(IOptions<ConfiguredGroups> configured, IGroupStore groups, GroupScheduler scheduler) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var known = (await groups.ListAsync(cancellationToken)).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var group in configured.Value.Groups.Where(g => !known.Contains(g.Id)))
        {
            await groups.SaveAsync(group, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var group in await groups.ListAsync(stoppingToken))
        {
            await scheduler.ScheduleAsync(group, stoppingToken);
        }
    }
}

public static class GroupSetup
{
    public static IServiceCollection AddConfiguredGroups(this IServiceCollection services, IConfiguration configuration, bool localChannel)
    {
        services.AddOptions<LocalChannelOptions>().BindConfiguration(LocalChannelOptions.Section);
        services.AddOptions<ConfiguredGroups>()
            .Configure(result =>
            {
                var list = configuration.GetSection("Groups").Get<List<GroupSettings>>() ?? [];
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].ToGroup($"Groups:{i}", result.Failures) is { } group)
                    {
                        result.Groups.Add(group);
                    }
                }

                if (localChannel)
                {
                    var local = configuration.GetSection(LocalChannelOptions.Section).Get<LocalChannelOptions>() ?? new LocalChannelOptions();
                    if (local.AsGroupSettings().ToGroup(LocalChannelOptions.Section, result.Failures) is { } group)
                    {
                        result.Groups.Add(group);
                    }
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfiguredGroups>, ConfiguredGroupsValidator>();
        services.AddSingleton<GroupScheduler>();
        services.AddSingleton<IGroupSchedule>(sp => sp.GetRequiredService<GroupScheduler>());
        services.AddHostedService<GroupStartup>();
        return services;
    }
}
