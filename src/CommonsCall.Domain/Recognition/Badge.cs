using System.Security.Cryptography;
using System.Text;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Recognition;

/// <summary>The roles a call recognises with an Open Badge (issue 16 §6). The names are stable: they are in the badges' addresses.</summary>
public enum BadgeKind
{
    /// <summary>A co-creator of a commons funded at settlement.</summary>
    FundedCommonsHolder = 0,

    /// <summary>An organisation positioned as contributor on a commons that was delivered.</summary>
    DeliveredCommonsContributor = 1,

    /// <summary>The facilitator named resource person of a published micro-challenge.</summary>
    ChallengeResourcePerson = 2,

    /// <summary>A person who scored a commons of the call that a published selection session decided.</summary>
    Evaluator = 3,

    /// <summary>The organisation ranked first by the call's involvement ranking when the round is settled (ties share it).</summary>
    MostInvolvedOrganisation = 4,
}

/// <summary>
/// One badge awarded (an Open Badges 2.0 hosted assertion): to an organisation, or to a person identified by a salted
/// hash of their email. Issued once per kind, subject (the commons, challenge or call it is for) and recipient.
/// </summary>
public sealed class Badge
{
    private Badge()
    {
        RecipientKey = Salt = string.Empty;
    }

    private Badge(BadgeKind kind, Guid callId, Guid subjectId, Guid? organisationId, string? userId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Kind = kind;
        CallId = callId;
        SubjectId = subjectId;
        RecipientOrganisationId = organisationId;
        RecipientUserId = userId;
        RecipientKey = KeyOf(organisationId, userId);
        Salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        IssuedAt = now;
    }

    public static Badge ToOrganisation(BadgeKind kind, Guid callId, Guid subjectId, Guid organisationId, DateTimeOffset now) =>
        new(kind, callId, subjectId, organisationId, null, now);

    public static Badge ToPerson(BadgeKind kind, Guid callId, Guid subjectId, string userId, DateTimeOffset now) =>
        new(kind, callId, subjectId, null, userId, now);

    /// <summary>The recipient in one comparable value (the unique key of an award).</summary>
    public static string KeyOf(Guid? organisationId, string? userId) => organisationId is { } id ? $"organisation:{id}" : $"person:{userId}";

    public Guid Id { get; private set; }

    public BadgeKind Kind { get; private set; }

    public Guid CallId { get; private set; }

    /// <summary>What the badge is for: the commons, the micro-challenge or the call.</summary>
    public Guid SubjectId { get; private set; }

    public Guid? RecipientOrganisationId { get; private set; }

    public string? RecipientUserId { get; private set; }

    public string RecipientKey { get; private set; }

    /// <summary>The salt of the recipient's hashed email (Open Badges IdentityObject).</summary>
    public string Salt { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevocationReason { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>
    /// Withdraws the award, with the reason its assertion and the revocation list publish. Once only: a second
    /// revocation would rewrite a statement verifiers may already have read (<see cref="BadgeCodes.AlreadyRevoked"/>).
    /// </summary>
    public Result Revoke(string reason, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            return Result.Fail(BadgeCodes.AlreadyRevoked, "This badge has been revoked already.");
        }

        RevokedAt = now;
        RevocationReason = reason.Trim();
        return Result.Ok();
    }

    /// <summary>Open Badges 2.0 identity hash: <c>sha256$</c> and the hex SHA-256 of the lower-cased email followed by the salt.</summary>
    public static string HashEmail(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant() + salt)));
}
