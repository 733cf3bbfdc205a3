using System.Security.Claims;
using Bunit;
using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Components.Pages.Challenges;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The challenge form and pages on the real services and database, rendered by bunit.</summary>
public sealed class ChallengeFormTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public ChallengeFormTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<T> RenderFor<T>(Actor user, Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : IComponent
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.UserId!) };
        if (user.IsFacilitator)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.Facilitator));
        }

        return Render<T>(p =>
        {
            p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")))));
            parameters(p);
        });
    }

    private async Task<List<Challenge>> ChallengesOfAsync(ChallengeScenario s)
    {
        await using var db = await new TestData(_app).DbAsync();
        return await db.Challenges.AsNoTracking().Where(c => c.CallId == s.Call.Id).ToListAsync();
    }

    [Fact]
    public async Task A_member_fills_in_the_form_publishes_and_lands_on_the_new_challenge()
    {
        var s = await ChallengeScenario.CreateAsync(_app);
        var cut = RenderFor<NewChallengePage>(s.Author.User, p => p.Add(x => x.Slug, s.Slug));
        cut.WaitForElement("[data-testid=challenge-form]");
        cut.Find("[data-testid=challenge-author]").TextContent.ShouldBe($"Au nom de {s.Author.Organisation.Name}");

        cut.Find("#challenge-question").Change("Comment prouver qu'un covoiturage a eu lieu ?");
        cut.Find("#challenge-context").Change("Les collectivités veulent payer des incitations **sans fraude**.");
        cut.Find("#challenge-pain-0").Change("Fraude aux incitations");
        cut.Find("[data-testid=add-pain]").Click();
        cut.WaitForElement("#challenge-pain-1").Change("Preuves papier");
        cut.Find("#challenge-before").Change("Déclarations sur l'honneur.");
        cut.Find("#challenge-after").Change("Une preuve numérique partagée.");
        cut.Find("#challenge-indicator-0-name").Change("Trajets prouvés");
        cut.Find("#challenge-indicator-0-before").Change("5");
        cut.Find("#challenge-indicator-0-target").Change("80.5");
        cut.Find("#challenge-indicator-0-unit").Change("%");
        cut.Find("#challenge-who-pays").Change("Les collectivités");
        cut.Find("#challenge-community-max").Change("25");
        cut.Find("[data-testid=challenge-publish]").Click();

        cut.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.ShouldContain($"/calls/{s.Slug}/challenges/"));
        var stored = (await ChallengesOfAsync(s)).Single();
        Services.GetRequiredService<NavigationManager>().Uri.ShouldEndWith($"/calls/{s.Slug}/challenges/{stored.Id}");
        stored.Status.ShouldBe(ChallengeStatus.Published);
        stored.AuthorOrganisationId.ShouldBe(s.Author.Id);
        stored.Pains.ShouldBe(["Fraude aux incitations", "Preuves papier"]);
        stored.Indicators.ShouldBe([new ScenarioIndicator("Trajets prouvés", 5, 80.5m, "%")]);
        stored.WhoPays.ShouldBe("Les collectivités");
        (stored.TargetCommunityMin, stored.TargetCommunityMax).ShouldBe((15, 25));
    }

    [Fact]
    public async Task Mistakes_are_shown_next_to_their_fields_and_nothing_is_saved()
    {
        var s = await ChallengeScenario.CreateAsync(_app);
        var cut = RenderFor<NewChallengePage>(s.Author.User, p => p.Add(x => x.Slug, s.Slug));
        cut.WaitForElement("[data-testid=challenge-form]");

        cut.Find("#challenge-question").Change("Prouver le covoiturage");
        cut.Find("#challenge-indicator-0-name").Change("Trajets prouvés");
        cut.Find("#challenge-indicator-0-before").Change("5");
        cut.Find("#challenge-community-min").Change("40");
        cut.Find("[data-testid=challenge-save]").Click();

        cut.WaitForAssertion(() => cut.Find("#challenge-question-error").TextContent.ShouldBe("Formulez le micro-défi comme une question : terminez-le par « ? »."));
        cut.Find("#challenge-question-error").GetAttribute("role").ShouldBe("alert");
        cut.Find("#challenge-question").GetAttribute("aria-describedby")!.ShouldContain("challenge-question-error");
        cut.Find("#challenge-indicator-0-target-error").TextContent.ShouldBe("Indiquez la valeur visée (après).");
        cut.Find("#challenge-community-max-error").TextContent.ShouldBe("Le minimum ne peut pas dépasser le maximum.");
        cut.FindAll("#challenge-pain-0-error[role=alert]").ShouldBeEmpty();
        (await ChallengesOfAsync(s)).ShouldBeEmpty();
        Services.GetRequiredService<NavigationManager>().Uri.ShouldNotContain("/challenges/");
    }

    [Fact]
    public void Empty_rows_are_left_out_and_errors_land_on_the_row_that_caused_them()
    {
        var model = ChallengeFormModel.New();
        model.Question = "Comment partager plus de vélos ?";
        model.Pains.Add(new PainRow { Text = "Vélos au garage" });
        model.Indicators.Add(new IndicatorRow { Name = "Vélos partagés", Before = 10, Target = 10 });
        var error = new CommonsCall.Domain.Common.DomainError("validation_failed", "invalid",
            new Dictionary<string, string[]> { ["Indicators[0].Target"] = ["La valeur visée doit différer de la valeur actuelle."] });

        var cut = Render<ChallengeForm>(p => p
            .Add(x => x.Model, model)
            .Add(x => x.Error, error)
            .Add(x => x.SaveText, "Enregistrer"));

        var command = model.ToCreate(publish: false);
        command.Pains.ShouldBe(["Vélos au garage"]);
        command.Indicators.ShouldBe([new IndicatorInput("Vélos partagés", 10, 10, null)]);
        cut.Find("#challenge-indicator-1-target-error").TextContent.ShouldBe("La valeur visée doit différer de la valeur actuelle.");
        cut.FindAll("#challenge-indicator-0-target-error[role=alert]").ShouldBeEmpty();

        cut.FindAll("[data-testid=remove-pain]")[0].Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=pain-row]").Count.ShouldBe(1));
        cut.Find("#challenge-pain-0").GetAttribute("value").ShouldBe("Vélos au garage");
        cut.FindAll("[data-testid=challenge-publish]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Outside_the_members_phases_the_new_page_says_why_instead_of_showing_the_form()
    {
        var s = await ChallengeScenario.CreateAsync(_app);
        await s.SetPhaseAsync(Domain.Calls.CallPhase.Budgeting);

        var cut = RenderFor<NewChallengePage>(s.Author.User, p => p.Add(x => x.Slug, s.Slug));

        cut.WaitForAssertion(() => cut.Find("[data-testid=cannot-write]").TextContent.ShouldContain("l'appel est à l'étape « Cofinancement »"));
        cut.FindAll("[data-testid=challenge-form]").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_author_edits_from_the_detail_page_and_another_member_supports_it()
    {
        var s = await ChallengeScenario.CreateAsync(_app);
        var id = await s.WriteAsync();

        var author = RenderFor<ChallengePage>(s.Author.User, p => p.Add(x => x.Slug, s.Slug).Add(x => x.Id, id));
        author.WaitForElement("[data-testid=challenge-edit]").Click();
        author.WaitForElement("#challenge-question").Change("Comment recenser toutes les aires de covoiturage ?");
        author.Find("[data-testid=challenge-save]").Click();
        author.WaitForAssertion(() => author.Find("[data-testid=challenge-question]").TextContent.ShouldBe("Comment recenser toutes les aires de covoiturage ?"));
        author.Find("[data-testid=challenge-message]").TextContent.ShouldBe("Micro-défi enregistré.");
        author.Find("[data-testid=challenge-pains]").TextContent.ShouldContain("Listes en double");
        author.FindAll("[data-testid=support]").ShouldBeEmpty();
        author.FindAll("[data-testid=challenge-archive]").ShouldBeEmpty();

        var other = RenderFor<ChallengePage>(s.Other.User, p => p.Add(x => x.Slug, s.Slug).Add(x => x.Id, id));
        other.WaitForElement("[data-testid=no-supporters]");
        other.FindAll("[data-testid=challenge-edit]").ShouldBeEmpty();
        other.Find("[data-testid=support]").Click();

        other.WaitForAssertion(() => other.Find("[data-testid=challenge-supporters]").TextContent.ShouldContain(s.Other.Organisation.Name));
        other.Find("[data-testid=unsupport]").TextContent.ShouldContain($"Retirer le soutien de {s.Other.Organisation.Name}");
        (await s.ReloadAsync(id)).Supporters.Single().OrganisationId.ShouldBe(s.Other.Id);
    }

    [Fact]
    public async Task A_facilitator_names_the_resource_person_from_the_detail_page()
    {
        var s = await ChallengeScenario.CreateAsync(_app);
        var id = await s.WriteAsync();
        var cut = RenderFor<ChallengePage>(s.Facilitator, p => p.Add(x => x.Slug, s.Slug).Add(x => x.Id, id));
        cut.WaitForElement("[data-testid=resource-assign]");

        cut.Find("[data-testid=resource-assign]").Click();
        cut.WaitForAssertion(() => cut.Find("#resource-name-error").TextContent.ShouldStartWith("Indiquez le nom"));

        cut.Find("#resource-name").Change("Dominique, tiers-lieu voisin");
        cut.Find("[data-testid=resource-assign]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=challenge-resource]").TextContent.ShouldBe("Dominique, tiers-lieu voisin"));
        (await s.ReloadAsync(id)).ResourcePersonName.ShouldBe("Dominique, tiers-lieu voisin");
    }
}
