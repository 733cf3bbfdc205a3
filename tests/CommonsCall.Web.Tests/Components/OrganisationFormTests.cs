using System.Security.Claims;
using Bunit;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Components.Pages.Organisations;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The organisation form, rendered by bunit, alone and in the new-organisation page on the real service.</summary>
public sealed class OrganisationFormTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly TestData _data;

    public OrganisationFormTests(AppFactory app)
    {
        _data = new TestData(app);

        // A scope of the real app, as a circuit has: the invitation service is scoped (it uses Identity's UserManager).
        Services.AddFallbackServiceProvider(app.Services.CreateAsyncScope().ServiceProvider);
    }

    private IRenderedComponent<NewOrganisationPage> RenderNewPageFor(string userId) =>
        Render<NewOrganisationPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))))));

    [Fact]
    public void What_the_user_chooses_is_what_is_saved_and_stages_are_grouped()
    {
        var saved = new List<SaveOrganisation>();
        var cut = Render<OrganisationForm>(p => p
            .Add(c => c.Model, new OrganisationFormModel())
            .Add(c => c.SubmitText, "Créer")
            .Add(c => c.Save, m =>
            {
                saved.Add(m.ToCommand());
                return Task.FromResult<DomainError?>(null);
            }));

        cut.FindAll("#org-stage optgroup").Select(g => g.GetAttribute("label")).ShouldBe(["Phase initiale", "Phase ultérieure", "Phase finale"]);
        cut.Find("#org-kind option[value=PublicBody]").TextContent.ShouldBe("Organisme public");
        cut.Find("#org-name").Input("Métropole de Valmont");
        cut.Find("#org-kind").Change("PublicBody");
        cut.Find("#org-size").Change("Large");
        cut.Find("#org-stage").Change("Maintenance");
        cut.Find("#org-website").Input("https://valmont.example");
        cut.Find("#org-description").Input("Autorité organisatrice des mobilités.");
        cut.Find("[data-testid=save-organisation]").Click();

        cut.WaitForAssertion(() => saved.ShouldBe([new SaveOrganisation("Métropole de Valmont", OrganisationKind.PublicBody, SizeBand.Large, DevelopmentStage.Maintenance,
            "https://valmont.example", "Autorité organisatrice des mobilités.")]));
    }

    [Fact]
    public async Task A_user_creates_an_organisation_and_is_taken_to_its_page()
    {
        var user = await _data.UserAsync();
        var name = "Covoit' Valmont " + Guid.NewGuid().ToString("N")[..6];
        var cut = RenderNewPageFor(user.UserId!);

        cut.Find("#org-name").Input(name);
        cut.Find("#org-kind").Change("Startup");
        cut.Find("[data-testid=save-organisation]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        await using var db = await _data.DbAsync();
        cut.WaitForAssertion(() => navigation.Uri.ShouldContain("/organisations/"));
        var organisation = await db.Organisations.Include(o => o.Members).SingleAsync(o => o.Name == name);
        navigation.Uri.ShouldEndWith($"/organisations/{organisation.Id}");
        organisation.Kind.ShouldBe(OrganisationKind.Startup);
        organisation.HasMember(user.UserId!).ShouldBeTrue();
    }

    [Fact]
    public async Task Refusals_are_shown_next_to_the_fields_or_in_words_and_nothing_is_created()
    {
        var existing = await _data.OrganisationAsync();
        var user = await _data.UserAsync();
        var cut = RenderNewPageFor(user.UserId!);

        cut.Find("#org-name").Input("");
        cut.Find("#org-website").Input("velos.example");
        cut.Find("[data-testid=save-organisation]").Click();

        cut.WaitForAssertion(() => cut.Find("#org-website-error").GetAttribute("role").ShouldBe("alert"));
        cut.Find("#org-name-error").GetAttribute("role").ShouldBe("alert");
        cut.Find("#org-website").GetAttribute("aria-describedby").ShouldBe("org-website-error");

        cut.Find("#org-name").Input(existing.Name);
        cut.Find("#org-website").Input("");
        cut.Find("[data-testid=save-organisation]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=form-error]").TextContent.ShouldBe("Une organisation porte déjà ce nom."));
        cut.Find("#org-website-error").HasAttribute("hidden").ShouldBeTrue();
        await using var db = await _data.DbAsync();
        (await db.OrganisationMembers.CountAsync(m => m.UserId == user.UserId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_member_edits_the_organisation_sees_its_members_and_invites_a_colleague()
    {
        var organisation = await _data.OrganisationAsync();
        var member = await _data.UserAsync(organisation: organisation.Id, email: $"lea-{Guid.NewGuid():N}@test.example");
        var cut = Render<OrganisationPage>(p => p.Add(c => c.Id, organisation.Id).AddCascadingValue(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, member.UserId!)], "test"))))));
        cut.WaitForElement("[data-testid=organisation-form]");
        cut.Find("[data-testid=organisation-members]").TextContent.ShouldContain("lea-");

        cut.Find("#org-description").Input("Nouvelle description.");
        cut.Find("#org-size").Change("Medium");
        cut.Find("[data-testid=save-organisation]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=organisation-message]").TextContent.ShouldBe("L'organisation est enregistrée."));
        cut.Find("[data-testid=organisation-facts]").TextContent.ShouldContain("Moyenne (moins de 250 personnes)");

        cut.Find("#invite-email").Input("collegue@test.example");
        cut.Find("[data-testid=invite-representative]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-link]").TextContent.ShouldContain("/account/register?token="));
        await using var db = await _data.DbAsync();
        (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).SizeBand.ShouldBe(SizeBand.Medium);
        (await db.AccountInvitations.SingleAsync(i => i.OrganisationId == organisation.Id)).Email.ShouldBe("collegue@test.example");
    }
}
