using System.Text.RegularExpressions;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CommonsCall.EndToEnd.Tests.Conversation;

/// <summary>
/// The demo app, served by Kestrel, sending its mail to a real smtp4dev; a browser of its own. For journeys that read
/// their mail and move the clock, apart from the shared app of the other browser tests.
/// </summary>
public sealed partial class MailingDemoFixture : IAsyncLifetime
{
    public Smtp4dev Smtp { get; } = new();

    public MailingDemoApp App { get; private set; } = null!;

    public BrowserFixture Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Smtp.InitializeAsync();
        App = new MailingDemoApp(Smtp.SmtpPort);
        Browser = new BrowserFixture(App);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>The mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waited for generously.</summary>
    public async Task<ReceivedMail> MailAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var mail = (await Smtp.MessagesAsync()).FirstOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
            if (mail is not null)
            {
                return mail;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"no mail to {to} about \"{subject}\"");
            await Task.Delay(250);
        }
    }

    /// <summary>The first link of the mail's text whose path starts with <paramref name="path"/>.</summary>
    public async Task<string> LinkAsync(ReceivedMail mail, string path)
    {
        var text = await Smtp.PlainTextAsync(mail);
        var link = Link().Matches(text).Select(m => m.Value).FirstOrDefault(l => new Uri(l).AbsolutePath == path);
        return link.ShouldNotBeNull($"no {path} link in: {text}");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}

/// <summary>The demo app with SMTP pointed at smtp4dev and a quick outbox.</summary>
public sealed class MailingDemoApp(int smtpPort) : KestrelDemoApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:PollInterval", "00:00:00.2");
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
    }
}
