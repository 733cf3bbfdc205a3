using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CommonsCall.Domain.Recognition;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 16 §6: the Open Badges 2.0 documents carry the properties the specification requires (hosted verification).</summary>
public class OpenBadgesTests
{
    private static readonly OpenBadges Documents = new(new Uri("https://communs.example/"));

    private static readonly DateTimeOffset Issued = new(2026, 6, 30, 17, 5, 0, TimeSpan.Zero);

    private static readonly BadgeClassText Text = new("Porteur d'un commun financé", "A porté un commun financé.", "Être co-créatrice d'un commun financé.");

    private static void ShouldHave(JsonObject document, params string[] properties) =>
        properties.Where(p => document[p] is null).ShouldBeEmpty($"missing in {document.ToJsonString()}");

    [Fact]
    public void The_issuer_profile_has_the_required_properties_of_an_issuer()
    {
        var issuer = Documents.IssuerProfile("CommonsCall", "contact@communs.example", "Appels à communs");

        ShouldHave(issuer, "@context", "id", "type", "name", "url", "email");
        issuer["type"]!.GetValue<string>().ShouldBe("Issuer");
        issuer["id"]!.GetValue<string>().ShouldBe("https://communs.example/badges/issuer.json");
        issuer["revocationList"]!.GetValue<string>().ShouldBe("https://communs.example/badges/revocations.json");
    }

    [Theory]
    [InlineData(BadgeKind.FundedCommonsHolder)]
    [InlineData(BadgeKind.Evaluator)]
    public void A_badge_class_has_the_required_properties_and_names_the_issuer(BadgeKind kind)
    {
        var badgeClass = Documents.BadgeClass(kind, Text);

        ShouldHave(badgeClass, "@context", "id", "type", "name", "description", "image", "criteria", "issuer");
        badgeClass["type"]!.GetValue<string>().ShouldBe("BadgeClass");
        badgeClass["issuer"]!.GetValue<string>().ShouldBe(Documents.Issuer.ToString());
        badgeClass["id"]!.GetValue<string>().ShouldBe($"https://communs.example/badges/classes/{kind}.json");
        badgeClass["criteria"]!["narrative"]!.GetValue<string>().ShouldBe(Text.Criteria);
    }

    [Fact]
    public void A_persons_assertion_hashes_the_email_with_its_salt_and_is_verified_where_it_is_hosted()
    {
        var badge = Badge.ToPerson(BadgeKind.ChallengeResourcePerson, Guid.NewGuid(), Guid.NewGuid(), "user-1", Issued);

        var assertion = Documents.Assertion(badge, new BadgeRecipient.Person("Animation@Demo.CommonsCall.org"), new Uri("https://communs.example/calls/x/challenges/y"));

        ShouldHave(assertion, "@context", "id", "type", "recipient", "badge", "verification", "issuedOn");
        assertion["type"]!.GetValue<string>().ShouldBe("Assertion");
        assertion["id"]!.GetValue<string>().ShouldBe($"https://communs.example/badges/{badge.Id}.json");
        assertion["verification"]!["type"]!.GetValue<string>().ShouldBe("hosted");
        assertion["issuedOn"]!.GetValue<string>().ShouldBe("2026-06-30T17:05:00Z");
        var recipient = assertion["recipient"]!.AsObject();
        ShouldHave(recipient, "type", "hashed", "identity");
        recipient["hashed"]!.GetValue<bool>().ShouldBeTrue();
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("animation@demo.commonscall.org" + badge.Salt)));
        recipient["identity"]!.GetValue<string>().ShouldBe(expected);
        assertion.ToJsonString().ShouldNotContain("animation@demo", Case.Insensitive);
    }

    [Fact]
    public void An_organisations_assertion_names_it_by_its_public_address()
    {
        var badge = Badge.ToOrganisation(BadgeKind.FundedCommonsHolder, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Issued);

        var recipient = Documents.Assertion(badge, new BadgeRecipient.Organisation(new Uri("https://communs.example/organisations/1")), new Uri("https://communs.example/"))["recipient"]!;

        recipient["type"]!.GetValue<string>().ShouldBe("url");
        recipient["hashed"]!.GetValue<bool>().ShouldBeFalse();
        recipient["identity"]!.GetValue<string>().ShouldBe("https://communs.example/organisations/1");
    }

    [Fact]
    public void Two_awards_get_different_salts_so_one_email_does_not_link_them() =>
        Badge.ToPerson(BadgeKind.ChallengeResourcePerson, Guid.Empty, Guid.Empty, "u", Issued).Salt
            .ShouldNotBe(Badge.ToPerson(BadgeKind.ChallengeResourcePerson, Guid.Empty, Guid.Empty, "u", Issued).Salt);

    [Fact]
    public void A_revoked_assertion_says_so_and_is_listed_with_its_reason()
    {
        var badge = Badge.ToOrganisation(BadgeKind.DeliveredCommonsContributor, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Issued);
        badge.Revoke("Contribution retirée", Issued.AddDays(1)).IsSuccess.ShouldBeTrue();

        var assertion = Documents.Assertion(badge, new BadgeRecipient.Organisation(new Uri("https://communs.example/o")), new Uri("https://communs.example/"));
        var list = Documents.RevocationList([badge]);

        assertion["revoked"]!.GetValue<bool>().ShouldBeTrue();
        assertion["revocationReason"]!.GetValue<string>().ShouldBe("Contribution retirée");
        list["type"]!.GetValue<string>().ShouldBe("RevocationList");
        list["revokedAssertions"]![0]!["id"]!.GetValue<string>().ShouldBe(Documents.AssertionOf(badge.Id).ToString());
    }

    [Fact]
    public void A_badge_is_revoked_once_and_its_published_reason_stays()
    {
        var badge = Badge.ToOrganisation(BadgeKind.FundedCommonsHolder, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Issued);
        badge.Revoke("  Co-créatrice retirée du commun  ", Issued.AddDays(1)).IsSuccess.ShouldBeTrue();

        badge.Revoke("Une autre raison", Issued.AddDays(2)).Error!.Code.ShouldBe(BadgeCodes.AlreadyRevoked);

        badge.RevokedAt.ShouldBe(Issued.AddDays(1));
        badge.RevocationReason.ShouldBe("Co-créatrice retirée du commun");
    }
}
