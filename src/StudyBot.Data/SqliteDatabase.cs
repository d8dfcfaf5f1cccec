using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace StudyBot.Data;

/// <summary>Where the embedded database lives and how hard it syncs. Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite file; created with its folder on first start. Relative paths are from the working directory.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "studybot.db");

    /// <summary>SQLite's synchronous setting: FULL (default) fsyncs every commit, so an answer whose receipt was
    /// sent survives even a power cut; NORMAL survives a process crash but may lose the last commits on power loss.</summary>
    public string Synchronous { get; set; } = "FULL";
}

/// <summary>Reports every bad Database setting at once.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Database:Path must name the SQLite file, for example data/studybot.db.");
        }

        if (options.Synchronous?.ToUpperInvariant() is not ("FULL" or "NORMAL" or "EXTRA"))
        {
            failures.Add($"Database:Synchronous must be FULL, NORMAL or EXTRA (was '{options.Synchronous}').");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

/// <summary>Opens connections to the embedded SQLite database with the settings every connection needs.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The SemaphoreSlim's wait handle is never read, so it holds nothing that needs disposing; the database lives as long as the process.")]
public sealed class SqliteDatabase
{
    private readonly string connectionString;
    private readonly string pragmas;

    public SqliteDatabase(IOptions<DatabaseOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        FilePath = path;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        pragmas = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = {options.Value.Synchronous.ToUpperInvariant()};";
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The connection string, for Quartz's job store in the same file.</summary>
    public string ConnectionString => connectionString;

    // SQLite has one writer at a time. Writers in this process that a member is waiting on take turns here, in
    // order, instead of meeting at SQLite's busy handler, which retries by sleeping 1, 2, 5 ... 100 ms and so
    // turns a short queue into tens of milliseconds of tail latency. Other writers (Quartz, background jobs)
    // still rely on busy_timeout.
    private readonly SemaphoreSlim interactiveWriter = new(1, 1);

    /// <summary>Waits for this process's turn to write on behalf of someone waiting for the answer; dispose the
    /// result after the transaction has committed or rolled back.</summary>
    public async Task<IDisposable> InteractiveWriteTurnAsync(CancellationToken cancellationToken)
    {
        await interactiveWriter.WaitAsync(cancellationToken);
        return new Turn(interactiveWriter);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
