using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommonsCall.Web.Infrastructure;

public static class StartupBanner
{
    /// <summary>Prints where the app listens and, for the local demo database, how to sign in.</summary>
    public static void Print(WebApplication app, bool seeded)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var local = app.Services.GetRequiredService<DatabaseConnection>().IsLocal;
        var lines = new List<string> { string.Empty, "CommonsCall is running:" };
        lines.AddRange(addresses.Select(a => "  " + a));
        if (local || seeded)
        {
            lines.Add(string.Empty);
            lines.Add($"Demo call: /calls/{DemoData.CallSlug}");
            lines.Add($"Demo co-funding round and its dashboard: /calls/{DemoData.RoundCallSlug}/dashboard");
            lines.Add($"Demo accounts (password: {DemoData.Password}):");
            lines.AddRange(DemoData.Accounts.Select(a => $"  {a.Email,-36} {a.Description}"));
        }

        var mail = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value;
        lines.Add(string.Empty);
        lines.Add(mail.DeliversMail
            ? $"Mail: sent through SMTP {mail.Smtp.Host}:{mail.Smtp.Port}"
            : "Mail: no SMTP server configured (Mail:Smtp:Host), mail is kept, not sent: read it at /admin/mailbox (administrators)");
        lines.Add(string.Empty);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
