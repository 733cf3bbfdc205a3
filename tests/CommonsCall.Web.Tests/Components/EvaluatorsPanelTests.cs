using System.Security.Claims;
using Bunit;
using CommonsCall.Web.Components.Pages.Evaluation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Evaluation;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommonsCall.Web.Tests.Components;

/// <summary>Issue 16: on the evaluation page, a facilitator names an expert without an account and sees the invitation wait.</summary>
public sealed class EvaluatorsPanelTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public EvaluatorsPanelTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    [Fact]
    public async Task Naming_an_email_without_an_account_says_it_was_invited_and_lists_the_invitation()
    {
        var s = await EvaluationScenario.CreateAsync(_app);
        var email = $"experte-{Guid.NewGuid():N}@expertise.example";
        var facilitator = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, s.Facilitator.UserId!), new Claim(ClaimTypes.Role, Roles.Facilitator)], "test"));
        var page = Render<EvaluationPage>(p => p.Add(c => c.Slug, s.Slug).AddCascadingValue(Task.FromResult(new AuthenticationState(facilitator))));
        page.WaitForElement("[data-testid=evaluator-email]");

        page.Find("[data-testid=evaluator-email]").Change(email);
        page.Find("[data-testid=evaluator-appoint]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=evaluation-message]").TextContent
            .ShouldBe($"Invitation envoyée à {email} : elle deviendra évaluatrice en créant son compte."));
        page.WaitForAssertion(() => page.Find("[data-testid=invited-evaluator]").TextContent.ShouldContain(email));
        page.Find("[data-testid=invited-evaluator]").TextContent.ShouldContain("invitation valable jusqu'au");

        page.Find("[data-testid=evaluator-email]").Change(email);
        page.Find("[data-testid=evaluator-appoint]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=evaluators-error]").TextContent.ShouldStartWith("Cette adresse est déjà invitée à évaluer l'appel"));
        page.FindAll("[data-testid=invited-evaluator]").Count.ShouldBe(1);
    }
}
