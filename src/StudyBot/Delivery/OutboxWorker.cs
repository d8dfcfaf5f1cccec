using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Outbox;

namespace StudyBot.App.Delivery;

/// <summary>Drains the outbox: at once when signalled, and every few seconds for retries that come due.</summary>
public sealed partial class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store itself failed (disk full, locked): keep the worker alive and try again shortly.
                LogPassFailed(logger, ex);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox delivery pass failed; retrying shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

public static class DeliverySetup
{
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
