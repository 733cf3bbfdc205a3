using System.Security.Claims;
using Bunit;
using CommonsCall.Web.Components.Pages.Organisations;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The organisation page on the real services, rendered by bunit: its representatives and removing one.</summary>
public sealed class OrganisationPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly TestData _data;

    public OrganisationPageTests(AppFactory app)
    {
        _data = new TestData(app);

        // A scope of the real app, as a circuit has: the invitation service is scoped (it uses Identity's UserManager).
        Services.AddFallbackServiceProvider(app.Services.CreateAsyncScope().ServiceProvider);
    }

    private IRenderedComponent<OrganisationPage> RenderFor(string userId, Guid organisationId) =>
        Render<OrganisationPage>(p => p
            .Add(c => c.Id, organisationId)
            .AddCascadingValue(Task.FromResult(new AuthenticationState(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))))));

    [Fact]
    public async Task A_representative_removes_a_colleague_who_left_after_confirming()
    {
        var organisation = await _data.OrganisationAsync();
        var staying = await _data.UserAsync(organisation: organisation.Id, email: $"reste-{Guid.NewGuid():N}@test.example");
        await _data.UserAsync(organisation: organisation.Id, email: $"part-{Guid.NewGuid():N}@test.example");
        var cut = RenderFor(staying.UserId!, organisation.Id);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=organisation-members] tbody tr").Count.ShouldBe(2));

        var row = cut.FindAll("[data-testid=organisation-members] tbody tr").Single(r => r.TextContent.Contains("part-", StringComparison.Ordinal));
        row.QuerySelector("[data-testid=remove-representative]")!.Click();
        cut.WaitForElement("[data-testid=confirm-remove-representative]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=representative-removed]").TextContent.ShouldContain("ne représente plus l'organisation"));
        cut.FindAll("[data-testid=organisation-members] tbody tr").Count.ShouldBe(1);
        cut.FindAll("[data-testid=remove-representative]").ShouldBeEmpty();
        await using var db = await _data.DbAsync();
        (await db.OrganisationMembers.Where(m => m.OrganisationId == organisation.Id).Select(m => m.UserId).ToListAsync()).ShouldBe([staying.UserId!]);
    }
}
