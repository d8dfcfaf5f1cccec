using Dapper;
using NodaTime;
using StudyBot.Chat;
using CommandDefinition = Dapper.CommandDefinition;
using StudyBot.Groups;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

public sealed class SqliteGroupStore(SqliteDatabase database, TimeProvider time) : IGroupStore
{
    public async Task<StudyGroup?> FindAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<GroupRow>(
            new CommandDefinition("SELECT * FROM groups WHERE id = @groupId", new { groupId }, cancellationToken: cancellationToken));
        return row?.ToGroup();
    }

    public async Task<IReadOnlyList<StudyGroup>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GroupRow>(new CommandDefinition("SELECT * FROM groups ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToGroup())];
    }

    public async Task SaveAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO groups (id, platform, channel_id, time_zone, daily_at, reveal_at, week_start, paused, updated_at, areas, winner_role_id, paused_reason, drills)
            VALUES (@Id, @Platform, @ChannelId, @TimeZone, @DailyAt, @RevealAt, @WeekStart, @Paused, @UpdatedAt, @Areas, @WinnerRoleId, @PausedReason, @Drills)
            ON CONFLICT (id) DO UPDATE SET
                platform = excluded.platform, channel_id = excluded.channel_id, time_zone = excluded.time_zone,
                daily_at = excluded.daily_at, reveal_at = excluded.reveal_at, week_start = excluded.week_start,
                paused = excluded.paused, updated_at = excluded.updated_at, areas = excluded.areas,
                winner_role_id = excluded.winner_role_id, paused_reason = excluded.paused_reason, drills = excluded.drills
            """,
            new
            {
                group.Id,
                Platform = group.Platform.ToString(),
                group.ChannelId,
                TimeZone = group.TimeZoneId,
                DailyAt = SqlTime.Time(group.DailyAt),
                RevealAt = SqlTime.Time(group.RevealAt),
                WeekStart = (int)group.WeekStart,
                Paused = group.Paused ? 1 : 0,
                UpdatedAt = SqlTime.Ms(time.GetUtcNow()),
                Areas = string.Join(',', group.Areas.Select(a => a.Key()).Order(StringComparer.Ordinal)),
                group.WinnerRoleId,
                group.PausedReason,
                Drills = group.Drills ? 1 : 0,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StudyGroup>> FindByChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GroupRow>(new CommandDefinition(
            "SELECT * FROM groups WHERE channel_id = @channelId ORDER BY id", new { channelId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToGroup())];
    }

    private sealed record GroupRow(
        string id, string platform, string channel_id, string time_zone, string daily_at, string reveal_at, long week_start, long paused, long updated_at,
        string areas, string? winner_role_id, string? paused_reason, long drills)
    {
        public StudyGroup ToGroup() => new(
            id,
            Enum.Parse<ChatPlatformKind>(platform),
            channel_id,
            time_zone,
            SqlTime.ParseTime(daily_at),
            SqlTime.ParseTime(reveal_at),
            (IsoDayOfWeek)week_start,
            paused != 0,
            ParseAreas(areas),
            winner_role_id,
            paused_reason,
            drills != 0);

        // An area key a later release renamed is dropped rather than failing the whole group.
        private static HashSet<ContentArea> ParseAreas(string keys) =>
            [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => ContentAreas.TryParse(k, out var a) ? a : (ContentArea?)null).OfType<ContentArea>()];
    }
}
