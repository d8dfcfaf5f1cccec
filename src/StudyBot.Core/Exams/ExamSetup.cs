using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StudyBot.Interactions;

namespace StudyBot.Exams;

public static class ExamSetup
{
    /// <summary>Mock exams: options, sampling, the life cycle, sittings and /exam. The store (<see cref="IExamStore"/>)
    /// and the scheduler (<see cref="IExamSchedule"/>) come from the data layer and the host. Needs AddDaily (blueprint, groups).</summary>
    public static IServiceCollection AddExams(this IServiceCollection services)
    {
        services.AddOptions<ExamOptions>().BindConfiguration(ExamOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExamOptions>, ExamOptionsValidator>());
        services.AddSingleton<BlueprintSampler>();
        services.AddSingleton<ExamService>();
        services.AddSingleton<ExamSitting>();
        services.AddSingleton<ICommandHandler, ExamCommand>();
        services.AddSingleton<IComponentHandler, ExamScreenButtons>();
        services.AddSingleton<IComponentHandler, ExamReportButtons>();
        services.AddSingleton<IComponentHandler, ExamJoinButton>();
        return services;
    }
}
