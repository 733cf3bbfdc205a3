using Bunit;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Components.Pages.Reports;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The call's badges on the reports page (issue 16 §6): its facilitators see every badge and revoke one with a reason,
/// in French; members see the ranking's badge links only. bunit on the real services and a settled call.
/// </summary>
public sealed class CallBadgesPanelTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public CallBadgesPanelTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<ReportsPage> RenderFor(Actor user, string slug) =>
        Render<ReportsPage>(p => p.Add(x => x.Slug, slug).AddCascadingValue(StateOf(user)));

    [Fact]
    public async Task A_facilitator_revokes_a_badge_with_a_reason_and_the_list_says_it_is_revoked()
    {
        var s = await FollowUpScenario.CreateAsync(_app);
        Guid badgeId;
        await using (var db = await new TestData(_app).DbAsync())
        {
            badgeId = await db.Set<Badge>().Where(b => b.CallId == s.CallId && b.Kind == BadgeKind.FundedCommonsHolder).Select(b => b.Id).SingleAsync();
        }

        var cut = RenderFor(s.Facilitator, s.Budget.Call.Slug);
        cut.WaitForElement($"[data-testid=call-badge][data-badge='{badgeId}']");
        var row = cut.Find($"[data-testid=call-badge][data-badge='{badgeId}']");
        row.TextContent.ShouldContain("Porteur d'un commun financé");
        row.TextContent.ShouldContain(s.Lead.Organisation.Name);
        row.QuerySelector("[data-testid=call-badge-state]")!.TextContent.ShouldContain("Valide");

        // Found and clicked on the renderer's thread, then awaited: the list may render again between a Find and a Click
        // made from here (once, under load, the form never opened).
        await cut.InvokeAsync(() => cut.Find($"[data-testid=call-badge][data-badge='{badgeId}'] [data-testid=call-badge-revoke]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=revoke-form] h3").TextContent.ShouldBe($"Révoquer le badge « Porteur d'un commun financé » de {s.Lead.Organisation.Name}"));

        // Without a reason: refused next to its field, nothing revoked.
        cut.Find("[data-testid=revoke-form]").Submit();
        cut.WaitForAssertion(() => cut.Find("#revoke-reason-error").TextContent.ShouldContain("Dites pourquoi ce badge est révoqué"));
        (await RevokedAsync(badgeId)).ShouldBeFalse();

        cut.Find("[data-testid=revoke-reason]").Change("Co-création retirée après vérification.");
        cut.Find("[data-testid=revoke-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=call-badges-message]").TextContent.ShouldStartWith("Le badge est révoqué"));
        cut.FindAll("[data-testid=revoke-form]").ShouldBeEmpty();
        var state = cut.Find($"[data-testid=call-badge][data-badge='{badgeId}'] [data-testid=call-badge-state]");
        state.TextContent.ShouldContain("Révoqué le");
        state.TextContent.ShouldContain("Co-création retirée après vérification.");
        state.QuerySelector("[data-testid=call-badge-revoke]").ShouldBeNull();
        (await RevokedAsync(badgeId)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_member_does_not_see_the_list_of_the_call_s_badges()
    {
        var s = await FollowUpScenario.CreateAsync(_app);

        var cut = RenderFor(s.Lead.User, s.Budget.Call.Slug);
        cut.WaitForElement("[data-testid=ranking]");

        cut.FindAll("[data-testid=call-badges]").ShouldBeEmpty();
        cut.FindAll("[data-testid=ranking-badge]").ShouldNotBeEmpty();
    }

    private async Task<bool> RevokedAsync(Guid badgeId)
    {
        await using var db = await new TestData(_app).DbAsync();
        return await db.Set<Badge>().Where(b => b.Id == badgeId).Select(b => b.RevokedAt != null).SingleAsync();
    }
}
