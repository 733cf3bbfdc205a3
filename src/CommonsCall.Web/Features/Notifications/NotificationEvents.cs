using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Data;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// Tells the open pages of THIS instance whose notifications changed (added, read), for the bells. A trigger on the
/// notifications table (migration 20261207100000_Notifications) sends a NOTIFY with the person's id whatever wrote
/// the rows, delivered by PostgreSQL only when that transaction commits, to every instance: each one's
/// <see cref="NotificationListener"/> raises <see cref="Changed"/> locally, so a second instance's bells follow too.
/// Subscribers must marshal to their own renderer.
/// </summary>
public sealed class NotificationEvents
{
    public const string Channel = Data.Migrations.Notifications.Channel;

    public event Action<string>? Changed;

    internal void Raise(string userId) => Changed?.Invoke(userId);
}

/// <summary>Listens on <see cref="NotificationEvents.Channel"/> and raises <see cref="NotificationEvents.Changed"/> on this instance.</summary>
public sealed class NotificationListener(DatabaseConnection database, NotificationEvents events, ILogger<NotificationListener> logger)
    : ChannelListener(database, NotificationEvents.Channel, logger)
{
    protected override string Listeners => "Notification bells";

    protected override void Dispatch(string payload)
    {
        try
        {
            events.Raise(payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One failing bell must not stop the others' updates.
            Logger.LogError(ex, "A notification bell failed to update");
        }
    }
}
