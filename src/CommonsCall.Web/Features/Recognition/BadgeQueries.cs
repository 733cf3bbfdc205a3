using System.Net.Mail;
using System.Text.Json.Nodes;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Recognition;

/// <summary>A badge as its public page shows it.</summary>
public sealed record BadgeView(Guid Id, BadgeKind Kind, string Recipient, Guid? RecipientOrganisationId, string CallTitle, string CallSlug, string? Subject, string SubjectLink,
    DateTimeOffset IssuedAt, bool Revoked, string? RevocationReason, string AssertionUrl);

/// <summary>One badge of a call as its facilitators list it: to whom, of which class, for what, and whether it still stands.</summary>
public sealed record CallBadgeView(
    Guid Id, BadgeKind Kind, string ClassName, string Recipient, Guid? RecipientOrganisationId, string? Subject, DateTimeOffset IssuedAt,
    bool Revoked, DateTimeOffset? RevokedAt, string? RevocationReason, string PageUrl);

/// <summary>A call's badges, newest first, for its facilitators.</summary>
public sealed record CallBadges(Guid CallId, string Slug, string Title, IReadOnlyList<CallBadgeView> Badges);

/// <summary>
/// The public side of the badges: every document is public (a verifier reads it without signing in), as Open Badges
/// hosted verification requires; a person is named by a salted hash of their email, never the email.
/// </summary>
public sealed class BadgeQueries(IDbContextFactory<AppDbContext> factory, PublicLinks links, IOptions<MailOptions> mail, IStringLocalizer<SharedResource> l)
{
    private OpenBadges Documents => new(new Uri(links.Absolute("/")));

    public JsonObject Issuer() => Documents.IssuerProfile("CommonsCall", IssuerEmail(), l["badges.issuer.description"]);

    public JsonObject Class(BadgeKind kind) => Documents.BadgeClass(kind, Text(kind));

    public BadgeClassText Text(BadgeKind kind) =>
        new(l[$"badges.kind.{kind}.name"], l[$"badges.kind.{kind}.description"], l[$"badges.kind.{kind}.criteria"]);

    public async Task<JsonObject?> AssertionAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<Badge>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is not { } badge)
        {
            return null;
        }

        BadgeRecipient recipient = badge.RecipientOrganisationId is { } organisation
            ? new BadgeRecipient.Organisation(new Uri(links.Absolute($"/organisations/{organisation}")))
            : new BadgeRecipient.Person(await db.Users.Where(u => u.Id == badge.RecipientUserId).Select(u => u.Email).SingleOrDefaultAsync(ct) ?? string.Empty);
        return Documents.Assertion(badge, recipient, new Uri(links.Absolute(await SubjectLinkAsync(db, badge, ct))));
    }

    public async Task<JsonObject> RevocationsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return Documents.RevocationList(await db.Set<Badge>().AsNoTracking().Where(b => b.RevokedAt != null).OrderBy(b => b.RevokedAt).ToListAsync(ct));
    }

    public async Task<BadgeView?> PageAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<Badge>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is not { } badge)
        {
            return null;
        }

        var call = await db.Calls.AsNoTracking().Where(c => c.Id == badge.CallId).Select(c => new { c.Title, c.Slug }).SingleAsync(ct);
        var recipient = badge.RecipientOrganisationId is { } organisation
            ? await db.Organisations.Where(o => o.Id == organisation).Select(o => o.Name).SingleAsync(ct)
            : await db.Users.Where(u => u.Id == badge.RecipientUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? string.Empty;
        var subject = await SubjectAsync(db, badge, ct);
        return new BadgeView(badge.Id, badge.Kind, recipient, badge.RecipientOrganisationId, call.Title, call.Slug, subject, await SubjectLinkAsync(db, badge, ct),
            badge.IssuedAt, badge.IsRevoked, badge.RevocationReason, Documents.AssertionOf(badge.Id).ToString());
    }

    /// <summary>
    /// Every badge of the call, revoked ones included, for its facilitators and platform administrators (who revoke
    /// them); <c>not_found</c> when the caller may not see the call, <c>forbidden</c> for anyone else who may.
    /// </summary>
    public async Task<Result<CallBadges>> OfCallAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!access.IsFacilitator)
        {
            return new DomainError(ErrorCodes.Forbidden, BadgeService.OnlyFacilitators);
        }

        var badges = await db.Set<Badge>().AsNoTracking().Where(b => b.CallId == call.Id)
            .OrderByDescending(b => b.IssuedAt).ThenBy(b => b.Kind).ThenBy(b => b.Id).ToListAsync(ct);
        var organisationIds = badges.Where(b => b.RecipientOrganisationId is not null).Select(b => b.RecipientOrganisationId!.Value).Distinct().ToList();
        var userIds = badges.Where(b => b.RecipientUserId is not null).Select(b => b.RecipientUserId!).Distinct().ToList();
        var subjectIds = badges.Select(b => b.SubjectId).Distinct().ToList();
        var organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var people = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var commons = await db.Commons.Where(c => subjectIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var challenges = await db.Challenges.Where(c => subjectIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Question, ct);
        return new CallBadges(call.Id, call.Slug, call.Title, [.. badges.Select(b => new CallBadgeView(
            b.Id, b.Kind, l[$"badges.kind.{b.Kind}.name"],
            b.RecipientOrganisationId is { } o ? organisations.GetValueOrDefault(o, string.Empty) : people.GetValueOrDefault(b.RecipientUserId!, string.Empty),
            b.RecipientOrganisationId, commons.GetValueOrDefault(b.SubjectId) ?? challenges.GetValueOrDefault(b.SubjectId),
            b.IssuedAt, b.IsRevoked, b.RevokedAt, b.RevocationReason, Documents.PageOf(b.Id).ToString()))]);
    }

    /// <summary>The badges of a call's organisations, for the involvement ranking's links.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<(Guid Id, BadgeKind Kind)>>> OfOrganisationsAsync(Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var badges = await db.Set<Badge>().AsNoTracking().Where(b => b.CallId == callId && b.RecipientOrganisationId != null && b.RevokedAt == null)
            .OrderBy(b => b.Kind).Select(b => new { b.Id, b.Kind, Organisation = b.RecipientOrganisationId!.Value }).ToListAsync(ct);
        return badges.GroupBy(b => b.Organisation).ToDictionary(g => g.Key, g => (IReadOnlyList<(Guid, BadgeKind)>)[.. g.Select(b => (b.Id, b.Kind))]);
    }

    /// <summary>The people a badge's notices go to: its organisation's representatives, or the person who holds it.</summary>
    internal static async Task<IReadOnlyList<string>> HoldersAsync(AppDbContext db, Badge badge, CancellationToken ct) =>
        badge.RecipientOrganisationId is { } organisation ? await Notifications.Notifier.RepresentativesAsync(db, [organisation], ct) : [badge.RecipientUserId!];

    /// <summary>What the badge was awarded for, in words: the commons' title or the micro-challenge's question; null for a badge of the whole call.</summary>
    internal static async Task<string?> SubjectAsync(AppDbContext db, Badge badge, CancellationToken ct) => badge.Kind switch
    {
        BadgeKind.ChallengeResourcePerson => await db.Challenges.Where(c => c.Id == badge.SubjectId).Select(c => c.Question).SingleOrDefaultAsync(ct),
        BadgeKind.MostInvolvedOrganisation or BadgeKind.Evaluator => null,
        _ => await db.Commons.Where(c => c.Id == badge.SubjectId).Select(c => c.Title).SingleOrDefaultAsync(ct),
    };

    private static async Task<string> SubjectLinkAsync(AppDbContext db, Badge badge, CancellationToken ct)
    {
        var slug = await db.Calls.Where(c => c.Id == badge.CallId).Select(c => c.Slug).SingleAsync(ct);
        return badge.Kind switch
        {
            BadgeKind.ChallengeResourcePerson => $"/calls/{slug}/challenges/{badge.SubjectId}",
            BadgeKind.MostInvolvedOrganisation or BadgeKind.Evaluator => $"/calls/{slug}/reports",
            _ => $"/calls/{slug}/commons/{badge.SubjectId}",
        };
    }

    /// <summary>The address the platform's mail comes from ("CommonsCall &lt;noreply@...&gt;"), without its display name.</summary>
    private string IssuerEmail() => MailAddress.TryCreate(mail.Value.From, out var address) ? address.Address : mail.Value.From;
}
