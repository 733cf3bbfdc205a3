using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Recognition;

/// <summary>
/// Revoking a badge (issue 16 §6) on PostgreSQL: the call's facilitators revoke with a reason that the assertion and the
/// revocation list then publish; anyone else, a bad reason, another call's badge or a second revocation change nothing.
/// </summary>
public sealed class BadgeRevocationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Reason = "La co-création du commun a été retirée après vérification.";

    private BadgeService Badges => app.Services.GetRequiredService<BadgeService>();

    private async Task<(FollowUpScenario S, Badge Badge)> SettledAsync()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        return (s, (await new TestData(app).BadgesAsync(s.CallId, BadgeKind.FundedCommonsHolder)).Single());
    }

    private async Task<(Badge Badge, int Audited)> StateAsync(Badge badge)
    {
        await using var db = await new TestData(app).DbAsync();
        return (await db.Set<Badge>().AsNoTracking().SingleAsync(b => b.Id == badge.Id),
            await db.Audit.CountAsync(a => a.CallId == badge.CallId && a.Action == BadgeService.AuditKind));
    }

    private static RevokeBadge Revoke(Badge badge, string reason = Reason, Guid? callId = null) => new(reason) { CallId = callId ?? badge.CallId, BadgeId = badge.Id };

    [Fact]
    public async Task A_facilitator_revokes_a_badge_and_its_assertion_and_the_revocation_list_publish_the_reason_once()
    {
        var (s, badge) = await SettledAsync();
        var anonymous = ApiClient.Anonymous(app);

        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, $"  {Reason}  "))).Error.ShouldBeNull();

        var response = await anonymous.GetAsync($"/badges/{badge.Id}.json");
        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var assertion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        assertion["revoked"]!.GetValue<bool>().ShouldBeTrue();
        assertion["revocationReason"]!.GetValue<string>().ShouldBe(Reason);
        assertion["recipient"].ShouldBeNull("a revoked assertion no longer names its recipient");
        var list = JsonNode.Parse(await anonymous.GetStringAsync("/badges/revocations.json"))!["revokedAssertions"]!.AsArray();
        var listed = list.Single(r => r!["id"]!.GetValue<string>().EndsWith($"/badges/{badge.Id}.json", StringComparison.Ordinal))!;
        listed["revocationReason"]!.GetValue<string>().ShouldBe(Reason);
        WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/badges/{badge.Id}")).ShouldContain(Reason, Case.Sensitive, "the public page of the badge");
        var (revoked, audited) = await StateAsync(badge);
        revoked.RevokedAt.ShouldBe((DateTimeOffset?)app.Clock.GetUtcNow());
        audited.ShouldBe(1);

        // Twice: refused with its own code, and the published reason stays.
        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, "Une autre raison"))).Error!.Code.ShouldBe(BadgeCodes.AlreadyRevoked);
        var (again, auditedAgain) = await StateAsync(badge);
        again.RevocationReason.ShouldBe(Reason);
        again.RevokedAt.ShouldBe(revoked.RevokedAt);
        auditedAgain.ShouldBe(1);
    }

    [Fact]
    public async Task A_member_or_the_badge_holder_is_refused_and_nothing_changes()
    {
        var (s, badge) = await SettledAsync();

        (await Badges.RevokeAsync(s.Contributor.User, Revoke(badge))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Badges.RevokeAsync(s.Lead.User, Revoke(badge))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Badges.RevokeAsync(s.Funder.User, Revoke(badge))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        var (unchanged, audited) = await StateAsync(badge);
        unchanged.IsRevoked.ShouldBeFalse();
        audited.ShouldBe(0);
        (await ApiClient.Anonymous(app).GetAsync($"/badges/{badge.Id}.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revocation_without_a_reason_or_with_one_too_long_is_refused_on_its_field()
    {
        var (s, badge) = await SettledAsync();

        foreach (var bad in new[] { string.Empty, "   ", new string('r', FieldLimits.RevocationReasonLength + 1) })
        {
            var refused = (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, bad))).Error!;
            refused.Code.ShouldBe(ErrorCodes.Validation);
            refused.Fields!.Keys.ShouldBe(["Reason"]);
        }

        (await StateAsync(badge)).Badge.IsRevoked.ShouldBeFalse();
        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, new string('r', FieldLimits.RevocationReasonLength)))).Error.ShouldBeNull("the limit itself is allowed");
        (await StateAsync(badge)).Audited.ShouldBe(1);
    }

    [Fact]
    public async Task A_badge_of_another_call_is_not_found_even_for_a_facilitator_of_both()
    {
        var (s, badge) = await SettledAsync();
        var other = await new TestData(app).CallAsync(Domain.Calls.CallVisibility.Public, s.Facilitator);

        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, callId: other.Id))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Badges.RevokeAsync(s.Facilitator, new RevokeBadge(Reason) { CallId = s.CallId, BadgeId = Guid.NewGuid() })).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        var (unchanged, audited) = await StateAsync(badge);
        unchanged.IsRevoked.ShouldBeFalse();
        audited.ShouldBe(0);
    }

    [Fact]
    public async Task Through_the_api_facilitators_list_the_call_s_badges_and_revoke_one_and_others_are_refused()
    {
        var (s, badge) = await SettledAsync();
        var slug = s.Budget.Call.Slug;
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        var member = await ApiClient.ForAsync(app, s.Lead.User);

        var listed = await (await facilitator.GetAsync($"/api/v1/calls/{slug}/badges")).ShouldBeOkAsync();
        var row = listed.GetProperty("badges").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == badge.Id);
        row.GetProperty("recipient").GetString().ShouldBe(s.Lead.Organisation.Name);
        row.GetProperty("className").GetString().ShouldBe("Porteur d'un commun financé");
        row.GetProperty("subject").GetString().ShouldBe(s.Funded.Title);
        row.GetProperty("revoked").GetBoolean().ShouldBeFalse();
        await (await member.GetAsync($"/api/v1/calls/{slug}/badges")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await member.PostAsJsonAsync($"/api/v1/calls/{slug}/badges/{badge.Id}/revoke", new { reason = Reason })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{slug}/badges/{badge.Id}/revoke", new { reason = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        (await StateAsync(badge)).Badge.IsRevoked.ShouldBeFalse();

        (await facilitator.PostAsJsonAsync($"/api/v1/calls/{slug}/badges/{badge.Id}/revoke", new { reason = Reason })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{slug}/badges/{badge.Id}/revoke", new { reason = Reason }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, BadgeCodes.AlreadyRevoked);
        await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{slug}/badges/{Guid.NewGuid()}/revoke", new { reason = Reason })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        row = (await (await facilitator.GetAsync($"/api/v1/calls/{slug}/badges")).ShouldBeOkAsync()).GetProperty("badges").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == badge.Id);
        row.GetProperty("revoked").GetBoolean().ShouldBeTrue();
        row.GetProperty("revocationReason").GetString().ShouldBe(Reason);
    }
}
