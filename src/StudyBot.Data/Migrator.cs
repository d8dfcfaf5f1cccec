using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace StudyBot.Data;

/// <summary>A numbered schema change.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies numbered migrations at start, each in its own transaction, recording what ran in
/// schema_migrations. A database created by an older release is brought up to date; one from a
/// newer release is refused rather than used with a schema this code does not know.
/// </summary>
public sealed partial class Migrator(SqliteDatabase database, ILogger<Migrator> logger)
{
    /// <summary>The migrations shipped with this release, from the embedded Migrations/NNNN_name.sql files.</summary>
    public static IReadOnlyList<Migration> Shipped { get; } = LoadEmbedded();

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(Shipped, cancellationToken);

    /// <summary>Applies the migrations not yet applied; returns how many ran.</summary>
    public async Task<int> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );
            """);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > newest)
        {
            throw new InvalidOperationException(
                $"The database {database.FilePath} has schema version {applied.Max()}, newer than this StudyBot knows ({newest}). Run a newer StudyBot or restore a backup.");
        }

        var ran = 0;
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
            ran++;
        }

        return ran;
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like StudyBot.Data.Migrations.0001_initial.sql
            var file = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
