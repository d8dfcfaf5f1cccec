using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Data;

namespace StudyBot.Tests.Shared;

/// <summary>A fresh SQLite database file in a temporary folder, migrated, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private TempDatabase(string folder)
    {
        Folder = folder;
        Options = new DatabaseOptions { Path = System.IO.Path.Combine(folder, "studybot.db") };
        Database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(Options));
    }

    public string Folder { get; }

    public DatabaseOptions Options { get; }

    public SqliteDatabase Database { get; }

    public string Path => Options.Path;

    public static async Task<TempDatabase> CreateAsync(bool migrate = true)
    {
        var db = new TempDatabase(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "studybot-tests", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(db.Folder);
        if (migrate)
        {
            await new Migrator(db.Database, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        return db;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
