using System.Globalization;
using System.Text.Json.Nodes;

namespace CommonsCall.Domain.Recognition;

/// <summary>The words of a badge class, in the language its documents are served in.</summary>
public sealed record BadgeClassText(string Name, string Description, string Criteria);

/// <summary>Who receives an assertion: an organisation (by its public address, in clear) or a person (by hashed email).</summary>
public abstract record BadgeRecipient
{
    private BadgeRecipient()
    {
    }

    public sealed record Organisation(Uri Url) : BadgeRecipient;

    public sealed record Person(string Email) : BadgeRecipient;
}

/// <summary>
/// The Open Badges 2.0 documents of the platform (hosted verification), built from addresses under one base: the
/// issuer profile (<c>/badges/issuer.json</c>), a class per <see cref="BadgeKind"/> (<c>/badges/classes/{kind}.json</c>),
/// an assertion per award (<c>/badges/{id}.json</c>) and the revocation list (<c>/badges/revocations.json</c>).
/// </summary>
public sealed class OpenBadges(Uri baseAddress)
{
    public const string Context = "https://w3id.org/openbadges/v2";

    public Uri Issuer => new(baseAddress, "/badges/issuer.json");

    public Uri Revocations => new(baseAddress, "/badges/revocations.json");

    public Uri ClassOf(BadgeKind kind) => new(baseAddress, $"/badges/classes/{kind}.json");

    public Uri ImageOf(BadgeKind kind) => new(baseAddress, $"/badges/classes/{kind}.svg");

    public Uri AssertionOf(Guid id) => new(baseAddress, $"/badges/{id}.json");

    public Uri PageOf(Guid id) => new(baseAddress, $"/badges/{id}");

    public JsonObject IssuerProfile(string name, string email, string description) => new()
    {
        ["@context"] = Context,
        ["type"] = "Issuer",
        ["id"] = Issuer.ToString(),
        ["name"] = name,
        ["url"] = new Uri(baseAddress, "/").ToString(),
        ["email"] = email,
        ["description"] = description,
        ["revocationList"] = Revocations.ToString(),
    };

    public JsonObject BadgeClass(BadgeKind kind, BadgeClassText text) => new()
    {
        ["@context"] = Context,
        ["type"] = "BadgeClass",
        ["id"] = ClassOf(kind).ToString(),
        ["name"] = text.Name,
        ["description"] = text.Description,
        ["image"] = ImageOf(kind).ToString(),
        ["criteria"] = new JsonObject { ["narrative"] = text.Criteria },
        ["issuer"] = Issuer.ToString(),
    };

    /// <summary>The hosted assertion of <paramref name="badge"/>; a revoked one says so (and why) in place of the award.</summary>
    public JsonObject Assertion(Badge badge, BadgeRecipient recipient, Uri evidence)
    {
        if (badge.IsRevoked)
        {
            return new JsonObject
            {
                ["@context"] = Context,
                ["type"] = "Assertion",
                ["id"] = AssertionOf(badge.Id).ToString(),
                ["revoked"] = true,
                ["revocationReason"] = badge.RevocationReason,
            };
        }

        var identity = recipient switch
        {
            BadgeRecipient.Person person => new JsonObject
            {
                ["type"] = "email", ["hashed"] = true, ["salt"] = badge.Salt, ["identity"] = Badge.HashEmail(person.Email, badge.Salt),
            },
            BadgeRecipient.Organisation organisation => new JsonObject { ["type"] = "url", ["hashed"] = false, ["identity"] = organisation.Url.ToString() },
            _ => throw new ArgumentOutOfRangeException(nameof(recipient)),
        };
        return new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "Assertion",
            ["id"] = AssertionOf(badge.Id).ToString(),
            ["recipient"] = identity,
            ["badge"] = ClassOf(badge.Kind).ToString(),
            ["verification"] = new JsonObject { ["type"] = "hosted" },
            ["issuedOn"] = badge.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["evidence"] = evidence.ToString(),
        };
    }

    public JsonObject RevocationList(IEnumerable<Badge> revoked) => new()
    {
        ["@context"] = Context,
        ["type"] = "RevocationList",
        ["id"] = Revocations.ToString(),
        ["issuer"] = Issuer.ToString(),
        ["revokedAssertions"] = new JsonArray([.. revoked.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = AssertionOf(b.Id).ToString(), ["revocationReason"] = b.RevocationReason,
        })]),
    };
}
