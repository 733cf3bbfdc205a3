using CommonsCall.Web.Tests.Notifications;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>
/// The base of the test classes that read what the app mailed: each test gets its own app (its own database) whose mail
/// goes to the class's real smtp4dev, and the <see cref="NotificationKit"/> that reads it.
/// </summary>
public abstract class MailAppTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>, IAsyncLifetime
{
    protected MailApp App { get; private set; } = null!;

    protected NotificationKit Kit { get; private set; } = null!;

    protected Smtp4dev Smtp => smtp;

    public async Task InitializeAsync()
    {
        App = new MailApp(smtp.SmtpPort);
        await App.InitializeAsync();
        Kit = new NotificationKit(App, smtp);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)App).DisposeAsync();
}
