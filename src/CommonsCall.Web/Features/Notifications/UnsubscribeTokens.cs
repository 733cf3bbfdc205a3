using System.Security.Cryptography;
using System.Text;
using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// The signed one-click unsubscribe links of notification mails (RFC 8058): the token names a person and a type (or,
/// for the daily digest, which gathers several, every type the person gets in the digest), and only this app (its data-protection keys, shared by every instance through the database) can make one.
/// It does not expire: a mail's link must work as long as the mail is kept.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, PublicLinks links)
{
    public const string Path = "/notifications/unsubscribe";
    public const string SettingsPath = "/notifications/preferences";

    private readonly IDataProtector _protector = protection.CreateProtector("CommonsCall.Notifications.Unsubscribe.v1");

    private const string Digest = "Digest";

    /// <summary>The links of a mail about <paramref name="type"/>; null: of the daily digest.</summary>
    public Unsubscribe For(string userId, NotificationType? type) =>
        new(links.Absolute($"{Path}?token={Make(userId, type)}"), links.Absolute(SettingsPath));

    public string Make(string userId, NotificationType? type) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes($"{type?.ToString() ?? Digest}\n{userId}")));

    /// <summary>The person and type (null: the digest) of <paramref name="token"/>; null when it was not made by this app or is malformed.</summary>
    public UnsubscribeLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n', 2);
            return parts switch
            {
                [Digest, var user] => new UnsubscribeLink(user, null),
                [var name, var user] when Enum.TryParse<NotificationType>(name, out var type) && Enum.IsDefined(type) && !char.IsDigit(name[0]) => new UnsubscribeLink(user, type),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What a valid unsubscribe link names: a person and a type, or (null) their daily digest.</summary>
public sealed record UnsubscribeLink(string UserId, NotificationType? Type);
