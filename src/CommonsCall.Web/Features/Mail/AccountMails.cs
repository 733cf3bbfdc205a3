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
    public const string EvaluatorInvitationKind = "account.evaluator_invitation";
    public const string PasswordResetKind = "account.password_reset";

    /// <summary>Queues the invitation mail in <paramref name="db"/>, to be saved with the invitation itself.</summary>
    public OutboxMessage EnqueueInvitation(AppDbContext db, string email, string token) =>
        EnqueueInvitationMail(db, InvitationKind, email, token, "mail.invitation");

    /// <summary>The invitation of an outside expert: it names the call whose commons they are asked to evaluate.</summary>
    public OutboxMessage EnqueueEvaluatorInvitation(AppDbContext db, string email, string token, string callTitle) =>
        EnqueueInvitationMail(db, EvaluatorInvitationKind, email, token, "mail.evaluator_invitation", callTitle);

    /// <summary>The invitation mails differ only by their subject and body (<paramref name="words"/>.subject and .body).</summary>
    private OutboxMessage EnqueueInvitationMail(AppDbContext db, string kind, string email, string token, string words, params object[] arguments)
    {
        var language = MailComposer.CurrentLanguage;
        var link = links.Absolute($"/account/register?token={Uri.EscapeDataString(token)}");
        var text = new MailText(
            composer.Text(language, words + ".subject", arguments),
            composer.Text(language, "mail.greeting"),
            [composer.Text(language, words + ".body", arguments)],
            new MailAction(composer.Text(language, "mail.invitation.action"), link),
            composer.Text(language, "mail.invitation.expiry", (int)InvitationService.Lifetime.TotalDays));
        return Outbox.Enqueue(db, composer.Compose(kind, email, language, text), clock.GetUtcNow());
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
