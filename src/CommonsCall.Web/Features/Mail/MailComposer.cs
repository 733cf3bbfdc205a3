using System.Globalization;
using System.Net;
using System.Text;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CommonsCall.Web.Features.Mail;

/// <summary>The words of one mail, already in its language; user-typed text is encoded by the composer, never here.</summary>
public sealed record MailText(
    string Subject,
    string Greeting,
    IReadOnlyList<string> Paragraphs,
    MailAction? Action,
    string? Note);

public sealed record MailAction(string Label, string Url);

/// <summary>
/// Where a notification mail's reader unsubscribes: <see cref="OneClickUrl"/> goes into the RFC 8058
/// <c>List-Unsubscribe</c> header (mail clients POST <c>List-Unsubscribe=One-Click</c> to it) and the footer links
/// to <see cref="SettingsUrl"/>. Transactional mail (invitations, password resets) has none.
/// </summary>
public sealed record Unsubscribe(string OneClickUrl, string SettingsUrl);

/// <summary>Renders every mail the same way: an HTML part and a plain-text part with the same words, in the recipient's language.</summary>
public sealed class MailComposer(JsonStringLocalizerFactory strings, IOptions<MailOptions> options)
{
    /// <summary>fr or en: the language of the current request or circuit, which is the recipient's when they asked for the mail.</summary>
    public static string CurrentLanguage => Language(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public static string Language(string? requested) => requested == "en" ? "en" : Localization.DefaultCulture;

    /// <summary>The translation of <paramref name="key"/> in <paramref name="language"/>, formatted with that language's culture.</summary>
    public string Text(string language, string key, params object[] arguments)
    {
        var template = strings.Strings(language).TryGetValue(key, out var value) ? value
            : strings.Strings(Localization.DefaultCulture).TryGetValue(key, out var fallback) ? fallback
            : key;
        return arguments.Length == 0 ? template : string.Format(CultureInfo.GetCultureInfo(language), template, arguments);
    }

    public MailContent Compose(string kind, string to, string language, MailText text, Unsubscribe? unsubscribe = null)
    {
        var footer = unsubscribe is null
            ? [new FooterLine(Text(language, "mail.footer.transactional"), null)]
            : new[]
            {
                new FooterLine(Text(language, "mail.footer.why"), null),
                new FooterLine(Text(language, "mail.footer.settings"), unsubscribe.SettingsUrl),
                new FooterLine(Text(language, "mail.footer.unsubscribe"), unsubscribe.OneClickUrl),
            };
        return new MailContent(
            kind,
            to,
            language,
            text.Subject,
            Html(language, text, footer),
            PlainText(text, footer),
            unsubscribe?.OneClickUrl,
            MessageIdDomain());
    }

    private string MessageIdDomain()
    {
        var from = MailboxAddress.Parse(options.Value.From);
        return from.Domain is { Length: > 0 } domain ? domain : "commonscall.localhost";
    }

    private string Html(string language, MailText text, IReadOnlyList<FooterLine> footer)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{E(text.Subject)}</title></head>
            <body style="margin:0;padding:24px;background:#f4f4f0;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;">
            <div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;">
            <p style="font-weight:bold;color:#2f5d50;margin-top:0;">CommonsCall</p>
            <p>{E(text.Greeting)}</p>

            """);
        foreach (var paragraph in text.Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
        }

        if (text.Action is { } action)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <p style="margin:24px 0;"><a href="{E(action.Url)}" style="background:#2f5d50;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block;">{E(action.Label)}</a></p>
                <p style="font-size:13px;color:#555555;">{E(Text(language, "mail.link.fallback"))}<br><a href="{E(action.Url)}" style="color:#2f5d50;word-break:break-all;">{E(action.Url)}</a></p>

                """);
        }

        if (text.Note is { } note)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:13px;color:#555555;\">{E(note)}</p>\n");
        }

        html.Append("</div>\n<p style=\"max-width:560px;margin:16px auto 0;font-size:12px;color:#666666;\">");
        html.AppendJoin(" · ", footer.Select(f => f.Url is null ? E(f.Text) : $"<a href=\"{E(f.Url)}\" style=\"color:#666666;\">{E(f.Text)}</a>"));
        html.Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string PlainText(MailText text, IReadOnlyList<FooterLine> footer)
    {
        var plain = new StringBuilder();
        plain.Append(text.Greeting).Append("\n\n");
        foreach (var paragraph in text.Paragraphs)
        {
            plain.Append(paragraph).Append("\n\n");
        }

        if (text.Action is { } action)
        {
            plain.Append(action.Label).Append(":\n").Append(action.Url).Append("\n\n");
        }

        if (text.Note is { } note)
        {
            plain.Append(note).Append("\n\n");
        }

        plain.Append("-- \n");
        foreach (var line in footer)
        {
            plain.Append(line.Url is null ? line.Text : $"{line.Text}: {line.Url}").Append('\n');
        }

        return plain.ToString();
    }

    private sealed record FooterLine(string Text, string? Url);
}
