using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Exams;
using StudyBot.Groups;
using StudyBot.Interactions;
using StudyBot.Leaderboards;
using StudyBot.Reports;

namespace StudyBot.Daily;

public static class DailySetup
{
    /// <summary>The daily question loop, its commands and the boards it credits. Stores come from the data layer.</summary>
    public static IServiceCollection AddDaily(this IServiceCollection services)
    {
        services.AddOptions<DailyOptions>().BindConfiguration(DailyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DailyOptions>, DailyOptionsValidator>());
        services.AddOptions<ExamBlueprint>().BindConfiguration(ExamBlueprint.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExamBlueprint>, ExamBlueprintValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ExamBlueprint>>().Value);

        services.AddSingleton<GroupLookup>();
        services.AddSingleton<QuestionPicker>();
        services.AddSingleton<DailyService>();
        services.AddSingleton<IGroupChannelListener>(sp => sp.GetRequiredService<DailyService>());

        services.AddSingleton<ICommandHandler, DailyCommand>();
        services.AddSingleton<ICommandHandler, AnswerCommand>();
        services.AddSingleton<ICommandHandler, RevealCommand>();
        services.AddSingleton<IComponentHandler, AnswerButtonHandler>();
        services.AddSingleton<ICommandHandler, LeaderboardCommand>();
        services.AddSingleton<WeeklyChallenge>();
        services.AddSingleton<ICommandHandler, StatsCommand>();
        services.AddSingleton<ICommandHandler, SetupCommand>();
        services.AddSingleton<Outbox.IUndeliverableChannelHandler, PauseOnUndeliverable>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section);
        services.AddSingleton<IComponentHandler, ReportButtonHandler>();
        services.AddSingleton<IModalHandler, ReportFormHandler>();
        services.AddSingleton<ICommandHandler, ReportsCommand>();
        return services;
    }

    /// <summary>The router every platform adapter talks to, and /help.</summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services)
    {
        services.AddSingleton<ICommandHandler, HelpCommand>();
        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<Chat.IInteractionHandler>(sp => sp.GetRequiredService<InteractionRouter>());
        return services;
    }
}
