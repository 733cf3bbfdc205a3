namespace CommonsCall.Web.Features.Notifications;

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The IANA time zone of digest hours and reminder days (the calls are French).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>
    /// Whether this instance's scheduler runs by itself (on by default; several instances may all run it). Tests turn it
    /// off and run its passes themselves after moving the clock, so that nothing is written behind their back.
    /// </summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>How often the scheduler looks for due receipts, digests and reminders (real time; what is due is read on the app's clock).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A contribution receipt waits this long after the member's last change, so that a burst of changes gives one mail.</summary>
    public TimeSpan ReceiptDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>However busy the member, a receipt never waits more than this after its first change.</summary>
    public TimeSpan ReceiptMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
