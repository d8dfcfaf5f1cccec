using Microsoft.Extensions.DependencyInjection;
using StudyBot.Data.Stores;
using StudyBot.Practice;

namespace StudyBot.App.Hosting;

public static class PracticeHosting
{
    /// <summary>Personal practice with its SQLite stores (schema in migrations 0004 and 0006) and the daily reminder job.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        PracticeSetup.AddPractice(services);
        services.AddSingleton<IPracticeStore, SqlitePracticeStore>();
        services.AddSingleton<IReminderStore, SqliteReminderStore>();
        return services;
    }
}
