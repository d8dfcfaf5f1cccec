using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StudyBot.Daily;
using StudyBot.Data;
using StudyBot.Data.Stores;
using StudyBot.Groups;
using StudyBot.Leaderboards;
using StudyBot.Outbox;
using StudyBot.Reports;

namespace StudyBot.App.Hosting;

/// <summary>Brings the database schema up to date before anything else starts.</summary>
public sealed class DatabaseInitializer(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DatabaseSetup
{
    /// <summary>The embedded SQLite store. Registered first so its migrations run before the scheduler starts.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<Migrator>();
        services.AddHostedService<DatabaseInitializer>();

        services.AddSingleton<IGroupStore, SqliteGroupStore>();
        services.AddSingleton<IDailyStore, SqliteDailyStore>();
        services.AddSingleton<ILeaderboardStore, SqliteLeaderboardStore>();
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IQuestionReportStore, SqliteQuestionReportStore>();
        services.AddSingleton<StudyBot.Questions.IImportedBankStore, SqliteImportedBankStore>();
        services.AddSingleton<StudyBot.CodeSets.ICodeSetStore, SqliteCodeSetStore>();
        return services;
    }
}
