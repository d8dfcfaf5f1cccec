using System.Globalization;
using Dapper;
using StudyBot.CodeSets;

namespace StudyBot.Data.Stores;

/// <summary>The current official code set of each system, and a record of every release imported.</summary>
public sealed class SqliteCodeSetStore(SqliteDatabase database, TimeProvider time) : ICodeSetStore
{
    public async Task<CodeRelease> SaveCodeSetAsync(CodeSet codes, CodeFileKind kind, string fileName, int excluded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var entries = codes.Entries;
        var release = new CodeRelease(
            0, codes.System, kind, codes.Release, fileName, entries.Count, codes.BillableCount,
            entries.Count(e => e.IsHeader), entries.Count(e => e.IsModifier), entries.Count(e => e.IsDiscontinued), excluded, time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await InsertReleaseAsync(connection, transaction, release, cancellationToken);
        var system = codes.System.ToString();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM code_entries WHERE system = @system", new { system }, transaction, cancellationToken: cancellationToken));

        // One prepared statement reused for every row: Dapper's per-row overhead matters at 98,000 codes.
        await using var insert = connection.CreateCommand();
        insert.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)transaction;
        insert.CommandText = """
            INSERT INTO code_entries (system, code, release_id, is_header, is_modifier, is_discontinued, short_description,
                                      long_description, ord, added_date, effective_date, termination_date)
            VALUES ($system, $code, $release, $header, $modifier, $discontinued, $short, $long, $ord, $added, $effective, $termination)
            """;
        string[] names = ["$system", "$code", "$release", "$header", "$modifier", "$discontinued", "$short", "$long", "$ord", "$added", "$effective", "$termination"];
        var parameters = names.Select(n => insert.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter { ParameterName = n })).ToArray();
        foreach (var entry in entries)
        {
            object[] values =
            [
                system, entry.Code, id, entry.IsHeader ? 1 : 0, entry.IsModifier ? 1 : 0, entry.IsDiscontinued ? 1 : 0, entry.ShortDescription,
                entry.LongDescription, entry.Order, Date(entry.AddedDate) ?? (object)DBNull.Value, Date(entry.EffectiveDate) ?? (object)DBNull.Value,
                Date(entry.TerminationDate) ?? (object)DBNull.Value,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return release with { Id = id };
    }

    public async Task<CodeRelease> SaveAdditionsAsync(AddendaReadResult addenda, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addenda);
        var added = addenda.AddedCodes.Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList();
        var release = new CodeRelease(0, CodeSystem.Icd10Cm, CodeFileKind.Icd10CmAddenda, addenda.Release, fileName, added.Count, 0, 0, 0, 0, 0, time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await InsertReleaseAsync(connection, transaction, release, cancellationToken);
        var system = CodeSystem.Icd10Cm.ToString();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM code_additions WHERE system = @system", new { system }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO code_additions (system, code, release_id) VALUES (@System, @Code, @Id)",
            added.Select(code => new { System = system, Code = code, Id = id }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return release with { Id = id };
    }

    public async Task<IReadOnlyList<CodeRelease>> ReleasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReleaseRow>(new CommandDefinition("SELECT * FROM code_releases ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRelease())];
    }

    public async Task<long> LatestReleaseIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(id) FROM code_releases", cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<CodeSet?> LoadAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var name = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT r.name FROM code_releases r
            WHERE r.id = (SELECT MAX(release_id) FROM code_entries WHERE system = @System)
            """,
            new { System = system.ToString() },
            cancellationToken: cancellationToken));
        if (name is null)
        {
            return null;
        }

        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            "SELECT code, is_header, is_modifier, is_discontinued, short_description, long_description, ord, added_date, effective_date, termination_date FROM code_entries WHERE system = @System ORDER BY ord, code",
            new { System = system.ToString() },
            cancellationToken: cancellationToken));
        return new CodeSet(system, name, rows.Select(r => r.ToEntry(system)));
    }

    public async Task<IReadOnlyList<string>> AdditionsAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM code_additions WHERE system = @System ORDER BY code", new { System = system.ToString() }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    private static async Task<long> InsertReleaseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CodeRelease release, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO code_releases (system, kind, name, file_name, code_count, billable_count, header_count, modifier_count,
                                       discontinued_count, excluded_count, imported_at)
            VALUES (@System, @Kind, @Name, @FileName, @Codes, @Billable, @Headers, @Modifiers, @Discontinued, @Excluded, @ImportedAt)
            RETURNING id
            """,
            new
            {
                System = release.System.ToString(),
                Kind = release.Kind.ToString(),
                release.Name,
                release.FileName,
                release.Codes,
                release.Billable,
                release.Headers,
                release.Modifiers,
                release.Discontinued,
                release.Excluded,
                ImportedAt = SqlTime.Ms(release.ImportedAt),
            },
            transaction,
            cancellationToken: cancellationToken));

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ReleaseRow(
        long id, string system, string kind, string name, string file_name, long code_count, long billable_count, long header_count,
        long modifier_count, long discontinued_count, long excluded_count, long imported_at)
    {
        public CodeRelease ToRelease() => new(
            id, Enum.Parse<CodeSystem>(system), Enum.Parse<CodeFileKind>(kind), name, file_name, (int)code_count, (int)billable_count,
            (int)header_count, (int)modifier_count, (int)discontinued_count, (int)excluded_count, SqlTime.FromMs(imported_at));
    }

    private sealed record EntryRow(
        string code, long is_header, long is_modifier, long is_discontinued, string short_description, string long_description, long ord,
        string? added_date, string? effective_date, string? termination_date)
    {
        public CodeEntry ToEntry(CodeSystem system) => new()
        {
            Code = code,
            System = system,
            IsHeader = is_header != 0,
            IsModifier = is_modifier != 0,
            IsDiscontinued = is_discontinued != 0,
            ShortDescription = short_description,
            LongDescription = long_description,
            Order = (int)ord,
            AddedDate = ParseDate(added_date),
            EffectiveDate = ParseDate(effective_date),
            TerminationDate = ParseDate(termination_date),
        };
    }
}
