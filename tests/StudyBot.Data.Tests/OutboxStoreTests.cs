using Dapper;
using StudyBot.Chat;
using StudyBot.Data.Stores;
using StudyBot.Outbox;
using StudyBot.Tests.Shared;

namespace StudyBot.Data.Tests;

public sealed class OutboxStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static async Task<long> EnqueueAsync(TempDatabase db, OutboxEntry entry)
    {
        await using var connection = await db.Database.OpenAsync(default);
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await SqliteOutboxStore.EnqueueAsync(connection, transaction, entry, Now, default);
        await transaction.CommitAsync();
        return id;
    }

    [Fact]
    public async Task Due_EditWaitsForItsPostAndThenCarriesTheMessageId()
    {
        using var db = await TempDatabase.CreateAsync();
        var store = new SqliteOutboxStore(db.Database);
        var post = await EnqueueAsync(db, OutboxEntry.Send("c1", ChatMessage.Public("Q", "question")));
        var edit = await EnqueueAsync(db, OutboxEntry.Edit("c1", post, ChatMessage.Public("A", "answer")));

        var first = await store.DueAsync(Now, 10, default);
        Assert.Equal([post], first.Select(r => r.Id));

        await store.MarkSentAsync(post, "msg-77", Now, default);
        var second = Assert.Single(await store.DueAsync(Now, 10, default));
        Assert.Equal(edit, second.Id);
        Assert.Equal("msg-77", second.EditMessageId);
        Assert.Equal("answer", second.Entry.Message.Body);
    }

    [Fact]
    public async Task Retry_IsNotDueBeforeItsTime()
    {
        using var db = await TempDatabase.CreateAsync();
        var store = new SqliteOutboxStore(db.Database);
        var id = await EnqueueAsync(db, OutboxEntry.Send("c1", ChatMessage.Public("Q", "question")));

        await store.MarkRetryAsync(id, "502 Bad Gateway", Now.AddSeconds(30), default);

        Assert.Empty(await store.DueAsync(Now.AddSeconds(29), 10, default));
        var due = Assert.Single(await store.DueAsync(Now.AddSeconds(30), 10, default));
        Assert.Equal(1, due.Attempts);
    }

    [Fact]
    public async Task Failed_IsNeverDueAgainAndKeepsTheReason()
    {
        using var db = await TempDatabase.CreateAsync();
        var store = new SqliteOutboxStore(db.Database);
        var id = await EnqueueAsync(db, OutboxEntry.Send("c1", ChatMessage.Public("Q", "question")));

        await store.MarkFailedAsync(id, "Missing Access", Now, default);

        Assert.Empty(await store.DueAsync(Now.AddDays(1), 10, default));
        await using var connection = await db.Database.OpenAsync(default);
        Assert.Equal("Missing Access", await connection.ExecuteScalarAsync<string>("SELECT last_error FROM outbox WHERE id = @id", new { id }));
    }
}
