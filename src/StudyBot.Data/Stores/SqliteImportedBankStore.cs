using Dapper;
using StudyBot.Questions;

namespace StudyBot.Data.Stores;

/// <summary>Imported questions, one row per bank and id; the shared imported bank has group_id ''.</summary>
public sealed class SqliteImportedBankStore(SqliteDatabase database, TimeProvider time) : IImportedBankStore
{
    public async Task<BankImportCounts> SaveAsync(BankOwner owner, IReadOnlyList<Question> questions, string sourceFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var groupId = owner.GroupId ?? string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM bank_questions WHERE group_id = @groupId", new { groupId }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        var now = SqlTime.Ms(time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bank_questions (group_id, id, area, question_json, source_file, imported_at)
            VALUES (@GroupId, @Id, @Area, @Json, @SourceFile, @Now)
            ON CONFLICT (group_id, id) DO UPDATE SET
                area = excluded.area, question_json = excluded.question_json,
                source_file = excluded.source_file, imported_at = excluded.imported_at
            """,
            questions.Select(q => new { GroupId = groupId, q.Id, Area = q.Area.Key(), Json = QuestionJson.Serialize(q), SourceFile = sourceFile, Now = now }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        var updated = questions.Count(q => existing.Contains(q.Id));
        return new BankImportCounts(questions.Count - updated, updated);
    }

    public async Task<IReadOnlyList<Question>> ListAsync(BankOwner owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT question_json FROM bank_questions WHERE group_id = @GroupId ORDER BY id",
            new { GroupId = owner.GroupId ?? string.Empty },
            cancellationToken: cancellationToken));
        return [.. rows.Select(QuestionJson.Deserialize)];
    }
}
