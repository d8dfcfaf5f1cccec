using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Data;
using StudyBot.Tests.Shared;

namespace StudyBot.Data.Tests;

public sealed class MigratorTests
{
    [Fact]
    public async Task Migrate_NewDatabase_CreatesFileInWalModeWithEveryMigration()
    {
        using var db = await TempDatabase.CreateAsync(migrate: false);
        var migrator = new Migrator(db.Database, NullLogger<Migrator>.Instance);

        var ran = await migrator.MigrateAsync(default);

        Assert.Equal(Migrator.Shipped.Count, ran);
        Assert.True(File.Exists(db.Path));
        await using var connection = await db.Database.OpenAsync(default);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(Migrator.Shipped.Select(m => m.Version), await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_ExistingDatabaseWithData_AppliesOnlyNewMigrationsAndKeepsRows()
    {
        using var db = await TempDatabase.CreateAsync();
        await using (var connection = await db.Database.OpenAsync(default))
        {
            await connection.ExecuteAsync(
                "INSERT INTO board_points (group_id, period, user_id, display_name, points, answered, correct) VALUES ('g', 'all', 'u', 'Una', 7, 9, 7)");
        }

        var next = Migrator.Shipped.Max(m => m.Version) + 1;
        var later = Migrator.Shipped.Append(new Migration(next, "add_nickname", "ALTER TABLE board_points ADD COLUMN nickname TEXT;")).ToList();
        var migrator = new Migrator(db.Database, NullLogger<Migrator>.Instance);

        Assert.Equal(1, await migrator.MigrateAsync(later, default));
        Assert.Equal(0, await migrator.MigrateAsync(later, default));

        await using var check = await db.Database.OpenAsync(default);
        var row = await check.QuerySingleAsync<(long Points, string? Nickname)>("SELECT points, nickname FROM board_points WHERE user_id = 'u'");
        Assert.Equal(7, row.Points);
        Assert.Null(row.Nickname);
    }

    [Fact]
    public async Task Migrate_FailingMigration_LeavesTheDatabaseAsItWas()
    {
        using var db = await TempDatabase.CreateAsync();
        var next = Migrator.Shipped.Max(m => m.Version) + 1;
        var broken = Migrator.Shipped.Append(new Migration(next, "broken", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);")).ToList();
        var migrator = new Migrator(db.Database, NullLogger<Migrator>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => migrator.MigrateAsync(broken, default));

        await using var connection = await db.Database.OpenAsync(default);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = @next", new { next }));
    }

    [Fact]
    public async Task Migrate_DatabaseFromANewerRelease_IsRefusedWithAMessage()
    {
        using var db = await TempDatabase.CreateAsync();
        await using (var connection = await db.Database.OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Migrator(db.Database, NullLogger<Migrator>.Instance).MigrateAsync(default));

        Assert.Contains("schema version 999, newer than this StudyBot knows", error.Message, StringComparison.Ordinal);
    }
}
