using System.Security.Cryptography;
using System.Text;
using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// The signed one-click unsubscribe links of notification mails (RFC 8058): the token names a person and a type,
/// and only this app (its data-protection keys, shared by every instance through the database) can make one.
/// It does not expire: a mail's link must work as long as the mail is kept.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, PublicLinks links)
{
    public const string Path = "/notifications/unsubscribe";
    public const string SettingsPath = "/notifications/preferences";

    private readonly IDataProtector _protector = protection.CreateProtector("CommonsCall.Notifications.Unsubscribe.v1");

    public Unsubscribe For(string userId, NotificationType type) =>
        new(links.Absolute($"{Path}?token={Make(userId, type)}"), links.Absolute(SettingsPath));

    public string Make(string userId, NotificationType type) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes($"{type}\n{userId}")));

    /// <summary>The person and type of <paramref name="token"/>; null when it was not made by this app or is malformed.</summary>
    public (string UserId, NotificationType Type)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n', 2);
            return parts.Length == 2 && Enum.TryParse<NotificationType>(parts[0], out var type) && Enum.IsDefined(type)
                ? (parts[1], type)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
