using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Interactions;
using StudyBot.Leaderboards;

namespace StudyBot.Practice;

public static class PracticeSetup
{
    /// <summary>Personal practice: FSRS scheduling, /practice, the practice part of /stats, and the review
    /// log the daily reveal feeds. Needs <see cref="IPracticeStore"/> and <see cref="IReminderStore"/> from the data layer.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddOptions<PracticeOptions>().BindConfiguration(PracticeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PracticeOptions>, PracticeOptionsValidator>());
        services.AddSingleton(sp => new FsrsScheduler(new FsrsParameters(
            FsrsParameters.DefaultWeights, sp.GetRequiredService<IOptions<PracticeOptions>>().Value.DesiredRetention)));
        services.AddSingleton<PracticeSelector>();
        services.AddSingleton<PracticeService>();
        services.AddSingleton<IReviewLog>(sp => sp.GetRequiredService<PracticeService>());
        services.AddSingleton<PracticeReminders>();
        services.AddSingleton<IStatsSection, PracticeStats>();

        services.AddSingleton<ICommandHandler, PracticeCommand>();
        services.AddSingleton<IComponentHandler, PracticeButtonHandler>();
        return services;
    }
}
