namespace CommonsCall.Web.Features.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<NotificationCentre>();
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<NotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationListener>());
        services.AddSingleton<ContributionReceipts>();
        services.AddSingleton<Reminders>();
        services.AddSingleton<Digests>();
        services.AddSingleton<NotificationScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationScheduler>());
        return services;
    }
}
