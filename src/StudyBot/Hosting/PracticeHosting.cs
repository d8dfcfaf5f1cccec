using Microsoft.Extensions.DependencyInjection;
using StudyBot.Data.Stores;
using StudyBot.Practice;

namespace StudyBot.App.Hosting;

public static class PracticeHosting
{
    /// <summary>Personal practice with its SQLite store (schema in migration 0004).</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        PracticeSetup.AddPractice(services);
        services.AddSingleton<IPracticeStore, SqlitePracticeStore>();
        return services;
    }
}
