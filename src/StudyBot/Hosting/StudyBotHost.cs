using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Data;
using StudyBot.Discord;
using StudyBot.Exams;
using StudyBot.Interactions;
using StudyBot.App.Delivery;
using StudyBot.App.Local;
using StudyBot.App.Scheduling;

namespace StudyBot.App.Hosting;

/// <summary>Builds the bot's generic host: configuration, features, storage, scheduling and the chat platform.</summary>
public static class StudyBotHost
{
    /// <summary>Environment variables with this prefix override configuration: STUDYBOT_DATABASE__PATH sets Database:Path.</summary>
    public const string EnvironmentPrefix = "STUDYBOT_";

    /// <summary>Every configuration problem in every section, found before anything starts, so an admin fixes
    /// them all in one go instead of one per restart.</summary>
    public static IReadOnlyList<string> ConfigurationProblems(IServiceProvider services)
    {
        try
        {
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            return [];
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(e => e is Microsoft.Extensions.Options.OptionsValidationException))
        {
            return [.. ex.Flatten().InnerExceptions.Cast<Microsoft.Extensions.Options.OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    public static HostApplicationBuilder CreateBuilder(string[] args, LocalConsole? console = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        var configuration = builder.Configuration;
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false);
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "blueprint.json"), optional: false);
        var discord = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentPrefix + "DISCORD__TOKEN"))
            || configuration.HasDiscordToken()
            || args.Any(a => a.StartsWith("--Discord:Token=", StringComparison.OrdinalIgnoreCase) && a.Length > "--Discord:Token=".Length);
        if (!discord)
        {
            // The terminal is the chat: keep it for the conversation and send only warnings to standard error.
            configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Quartz", "Warning")]);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);

        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSqliteStore();
        services.AddQuestionBank();
        services.AddDaily();
        services.AddExams();
        services.AddPractice();
        services.AddInteractions();
        services.AddConfiguredGroups(configuration, localChannel: !discord);
        services.AddDailyScheduling(configuration);
        services.AddExamScheduling();
        services.AddOutboxDelivery();
        if (discord)
        {
            services.AddDiscord(configuration);
        }
        else
        {
            services.AddLocalChannel(console ?? LocalConsole.System());
        }

        return builder;
    }

    private static IServiceCollection AddDailyScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(database)).ConnectionString);
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
            });
            q.AddJob<OpenDailyRoundJob>(j => j.WithIdentity(OpenDailyRoundJob.Key).StoreDurably());
            q.AddJob<RevealDailyRoundJob>(j => j.WithIdentity(RevealDailyRoundJob.Key).StoreDurably());
            q.AddJob<WeeklyCloseJob>(j => j.WithIdentity(WeeklyCloseJob.Key).StoreDurably());
            q.AddJob<PracticeReminderJob>(j => j.WithIdentity(PracticeReminderJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordPlatform(configuration);

        // The commands registered with Discord are exactly the ones the router handles.
        services.AddSingleton<IEnumerable<CommandDefinition>>(sp => sp.GetRequiredService<InteractionRouter>().Definitions);
        return services;
    }

    private static IServiceCollection AddLocalChannel(this IServiceCollection services, LocalConsole console)
    {
        services.AddSingleton(console);
        services.AddSingleton<LocalChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<LocalChatPlatform>());
        services.AddSingleton<StudyBot.Groups.IChannelAccess, LocalChannelAccess>();
        services.AddSingleton<IAttachmentReader, LocalAttachmentReader>();
        services.AddHostedService<LocalChannel>();
        return services;
    }
}
