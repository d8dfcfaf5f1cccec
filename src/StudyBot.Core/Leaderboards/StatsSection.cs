using StudyBot.Chat;
using StudyBot.Groups;

namespace StudyBot.Leaderboards;

/// <summary>A part of /stats that another feature contributes (practice adds readiness and due reviews).</summary>
public interface IStatsSection
{
    Task<StatsSection> BuildAsync(StudyGroup group, ChatUser user, CancellationToken cancellationToken);
}

/// <summary>Text appended to the /stats body, and per-area fields.</summary>
/// <param name="ReplacesAreaFields">True when <paramref name="Fields"/> supersede the daily-only per-area fields.</param>
public sealed record StatsSection(string Text, IReadOnlyList<ChatField> Fields, bool ReplacesAreaFields);
