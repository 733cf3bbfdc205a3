using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Components.Pages.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The manage page's co-facilitators panel on the real service and database: an email invited twice is refused in words.</summary>
public sealed class FacilitatorsPanelTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly TestData _data;
    private readonly IServiceScope _scope;

    public FacilitatorsPanelTests(AppFactory app)
    {
        _data = new TestData(app);
        // The panel's service lives as long as a request in the app: one scope of the real app serves this render (the
        // base context has already resolved services, so it is a fallback provider).
        _scope = app.Services.CreateScope();
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        _scope.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task Inviting_an_email_already_invited_shows_the_refusal_and_lists_one_invitation()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);
        var email = $"nouvelle-{Guid.NewGuid():N}@co-animation.example";
        var panel = Render<FacilitatorsPanel>(p => p.Add(c => c.CallId, call.Id).Add(c => c.Actor, facilitator));
        panel.WaitForElement("#facilitator-email");

        panel.Find("#facilitator-email").Change(email);
        panel.Find("[data-testid=appoint-facilitator]").Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=facilitator-appointed]").TextContent.ShouldContain($"{email} n'a pas encore de compte"));
        panel.WaitForAssertion(() => panel.Find("[data-testid=invited-facilitator]").TextContent.ShouldContain(email));

        panel.Find("#facilitator-email").Change(email.ToUpperInvariant());
        panel.Find("[data-testid=appoint-facilitator]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=form-error]").TextContent
            .ShouldBe("Cette adresse est déjà invitée à co-animer l'appel : l'invitation attend que la personne crée son compte."));
        panel.FindAll("[data-testid=facilitator-appointed]").ShouldBeEmpty();
        panel.FindAll("[data-testid=invited-facilitator]").Count.ShouldBe(1);
    }
}
