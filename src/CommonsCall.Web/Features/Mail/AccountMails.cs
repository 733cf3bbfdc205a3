using System.Text;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Mail;

/// <summary>
/// The account mails: transactional (they answer something the reader or an inviter did), so they carry no
/// unsubscribe link. Written in the language of whoever caused them, the only one known before an account exists.
/// </summary>
public sealed class AccountMails(MailComposer composer, PublicLinks links, TimeProvider clock, IOptions<DataProtectionTokenProviderOptions> resetTokens)
{
    public const string InvitationKind = "account.invitation";
    public const string PasswordResetKind = "account.password_reset";

    /// <summary>Queues the invitation mail in <paramref name="db"/>, to be saved with the invitation itself.</summary>
    public OutboxMessage EnqueueInvitation(AppDbContext db, string email, string token)
    {
        var language = MailComposer.CurrentLanguage;
        var link = links.Absolute($"/account/register?token={Uri.EscapeDataString(token)}");
        var text = new MailText(
            composer.Text(language, "mail.invitation.subject"),
            composer.Text(language, "mail.greeting"),
            [composer.Text(language, "mail.invitation.body")],
            new MailAction(composer.Text(language, "mail.invitation.action"), link),
            composer.Text(language, "mail.invitation.expiry", (int)InvitationService.Lifetime.TotalDays));
        return Outbox.Enqueue(db, composer.Compose(InvitationKind, email, language, text), clock.GetUtcNow());
    }

    public OutboxMessage EnqueuePasswordReset(AppDbContext db, AppUser user, string identityToken)
    {
        var language = MailComposer.CurrentLanguage;
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(identityToken));
        var link = links.Absolute($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={token}");
        var text = new MailText(
            composer.Text(language, "mail.reset.subject"),
            composer.Text(language, "mail.greeting.named", user.DisplayName),
            [composer.Text(language, "mail.reset.body")],
            new MailAction(composer.Text(language, "mail.reset.action"), link),
            composer.Text(language, "mail.reset.expiry", (int)resetTokens.Value.TokenLifespan.TotalHours));
        return Outbox.Enqueue(db, composer.Compose(PasswordResetKind, user.Email!, language, text), clock.GetUtcNow());
    }
}
