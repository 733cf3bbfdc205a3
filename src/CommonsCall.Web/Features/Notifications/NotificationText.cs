using System.Globalization;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// One sentence to render in the recipient's language: a resource key and its arguments (<c>string.Format</c> with
/// the language's culture). Arguments typed by people are plain strings: the composer encodes them in HTML. Text that
/// is already in its language (an announcement's title, typed by a facilitator) goes through <see cref="Plain"/>.
/// </summary>
public sealed record Words(string Key, params object[] Arguments)
{
    public string Render(MailComposer composer, string language) => composer.Text(language, Key, Arguments);

    /// <summary>Text shown as it is, in every language.</summary>
    public static Words Plain(string text) => new("notifications.plain", text);
}

/// <summary>What a notification says: its title (also the mail's subject) and its paragraphs.</summary>
public sealed record NotificationText(Words Title, IReadOnlyList<Words> Body)
{
    public NotificationText(Words title, params Words[] body)
        : this(title, (IReadOnlyList<Words>)body)
    {
    }
}

/// <summary>An amount as a <see cref="Words"/> argument: written in the culture of the recipient's language.</summary>
public readonly record struct Amount(long MinorUnits, string Currency) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Money.Format(MinorUnits, Currency, formatProvider as CultureInfo ?? CultureInfo.InvariantCulture);

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>A date as a <see cref="Words"/> argument: written long-form in the recipient's language ("7 décembre 2026").</summary>
public readonly record struct Day(DateOnly Date) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Date.ToString("D", formatProvider as CultureInfo ?? CultureInfo.InvariantCulture);

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
