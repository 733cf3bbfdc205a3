namespace CommonsCall.Web.Features.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<Notifier>();
        return services;
    }
}
