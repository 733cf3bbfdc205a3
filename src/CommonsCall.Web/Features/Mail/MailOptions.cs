using MailKit.Security;

namespace CommonsCall.Web.Features.Mail;

/// <summary>The <c>Mail</c> configuration section. With no <c>Mail:Smtp:Host</c>, mail is kept in the outbox and shown on /admin/mailbox.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, e.g. <c>CommonsCall &lt;noreply@example.org&gt;</c>; its domain also names the Message-Ids.</summary>
    public string From { get; set; } = "CommonsCall <noreply@commonscall.localhost>";

    /// <summary>How many messages one app instance hands to SMTP at once (each sender has its own SMTP connection).</summary>
    public int Senders { get; set; } = 2;

    public int MaxAttempts { get; set; } = 10;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle sender looks for due messages (other instances' messages and retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool DeliversMail => !string.IsNullOrWhiteSpace(Smtp.Host);

    public RetryPolicy Retry => new(MaxAttempts, FirstRetryDelay, MaxRetryDelay);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP command may take before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
