using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.WorkingGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Accountability;

/// <summary>
/// Issue 15 §6-7 in French: a holder opens its commons' accountability page from the commons page, reads the chain
/// from the challenge to the paid tranches and records a measured gain; the facilitator reads it in the audit trail,
/// filters it, and a visitor reads the page. axe on both pages, 1280 and 360 px without sideways scroll.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountabilityPagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_holder_records_a_measured_gain_the_facilitator_reads_it_in_the_audit_trail() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await ArrangeAsync();

        var holder = await people.OpenPageAsync("holder");
        await holder.SignInAsync(s.Holder.Person.Account, $"/calls/{s.Call.Slug}/commons/{s.Commons.Id}");
        await holder.GetByTestId("accountability-link").ClickAsync();
        await Expect(holder.GetByTestId("accountability-title")).ToHaveTextAsync($"Redevabilité : {s.Commons.Title}");
        await holder.WaitForInteractiveAsync();
        var steps = holder.GetByTestId("timeline-event");
        await Expect(steps.First).ToContainTextAsync("Micro-défi publié : Comment partager plus de vélos ?");
        // Everything after the challenge happened at the test clock's one instant: the chain's order tells it.
        await Expect(steps).ToContainTextAsync(["Commun proposé", "2 organisations ont contribué, 1 000,00 € au total", "Financé : 1 000,00 €",
            "Échéancier accepté par le porteur pilote", "Jalon déclaré réalisé : Prototype bêta testé", "Jalon validé : Prototype bêta testé",
            "Tranche de démarrage versée : 300,00 €", "Tranche versée pour « Prototype bêta testé » : 400,00 €"]);
        await Expect(holder.GetByTestId("gain-after")).ToHaveTextAsync(["Pas encore mesuré", "Pas encore mesuré"]);

        await holder.GetByLabel("Indicateur", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vélos partagés par semaine (Comment partager plus de vélos ?)" });
        await holder.GetByLabel("Valeur mesurée après").FillAsync("31,5");
        await holder.GetByLabel("Source et commentaire").FillAsync("Comptage des prêts de l'atelier, octobre");
        await holder.GetByTestId("measure-save").ClickAsync();
        await Expect(holder.GetByTestId("accountability-message")).ToHaveTextAsync("Mesure enregistrée.");
        await Expect(holder.GetByTestId("gain-after").First).ToContainTextAsync("31,5 vélos");
        await Expect(holder.GetByTestId("gain-after").First).ToContainTextAsync($"source : Comptage des prêts de l'atelier, octobre ({s.Holder.Organisation.Name})");
        await holder.AssertAccessibleAsync();
        await SaveAsync(holder, "accountability-holder-1280");

        var visitor = await people.OpenPageAsync("visitor", Phone);
        await visitor.GotoInteractiveAsync($"/calls/{s.Call.Slug}/results");
        await visitor.GetByTestId("results-accountability").ClickAsync();
        await Expect(visitor.GetByTestId("gain-after").First).ToContainTextAsync("31,5 vélos");
        await Expect(visitor.GetByTestId("measure-form")).ToHaveCountAsync(0);
        await visitor.AssertAccessibleAsync();
        await FitsAsync(visitor, "accountability-visitor-360");

        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(s.Facilitator.Account, $"/calls/{s.Call.Slug}/results");
        await facilitator.OpenSectionAsync("Journal d'audit");
        await Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = "Journal d'audit", Level = 1 })).ToBeVisibleAsync();
        var first = facilitator.GetByTestId("audit-line").First;
        await Expect(first.GetByTestId("audit-sentence")).ToHaveTextAsync($"{s.Holder.Person.Account.DisplayName} a saisi un gain mesuré.");
        await Expect(first).ToContainTextAsync($"Concerne : {s.Commons.Title}");
        await facilitator.AssertAccessibleAsync();
        await SaveAsync(facilitator, "audit-facilitator-1280");

        // The filter names kinds shortly, grouped by what they concern.
        await Expect(facilitator.Locator("#audit-kind optgroup[label='Conventions et versements'] option")).ToContainTextAsync(["Échéancier accepté", "Jalon validé, tranche versée"]);
        await facilitator.GetByLabel("Type d'action").SelectOptionAsync(new SelectOptionValue { Label = "Jalon validé, tranche versée" });
        await facilitator.GetByTestId("audit-apply").ClickAsync();
        await facilitator.WaitForURLAsync("**/audit?kind=agreement.milestone_accepted*");
        await Expect(facilitator.GetByTestId("audit-count")).ToHaveTextAsync("1 entrée");
        await Expect(facilitator.GetByTestId("audit-sentence")).ToHaveTextAsync($"{s.Facilitator.Account.DisplayName} a validé un jalon : la tranche est versée.");
        (await facilitator.GetByTestId("audit-export").GetAttributeAsync("href")).ShouldBe($"/api/v1/calls/{s.Call.Slug}/exports/audit.csv?kind=agreement.milestone_accepted");

        var member = await people.OpenPageAsync("member");
        await member.SignInAsync(s.Member.Person.Account, $"/calls/{s.Call.Slug}/audit");
        await Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("réservé à l'animation et aux financeurs");
        await Expect(member.GetByTestId("audit-line")).ToHaveCountAsync(0);

        var facilitatorOnPhone = await people.OpenPageAsync("facilitator-phone", Phone);
        await facilitatorOnPhone.SignInAsync(s.Facilitator.Account, $"/calls/{s.Call.Slug}/audit");
        await Expect(facilitatorOnPhone.GetByTestId("audit-line").First).ToBeVisibleAsync();
        await facilitatorOnPhone.AssertAccessibleAsync();
        await FitsAsync(facilitatorOnPhone, "audit-facilitator-360");
    });

    private async Task<Story> ArrangeAsync()
    {
        var services = browser.App.Services;
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var memberA = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var memberB = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var holder = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        var bikes = await arrange.ApprovedCommonsAsync(call, holder, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 60_000, maximum: 200_000);
        var clock = browser.App.Clock;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var challenge = new Challenge(call.Id, holder.Organisation.Id, "Comment partager plus de vélos ?", "Contexte.", clock.GetUtcNow().AddDays(-20));
            challenge.Describe(new ChallengeContent(challenge.Question, "Contexte.", [], null, null,
                [new ScenarioIndicator("Vélos partagés par semaine", 4m, 40m, "vélos"), new ScenarioIndicator("Pannes de cadenas par mois", 12m, 2m, null)], null, null, null, 15, 20));
            challenge.Publish();
            db.Challenges.Add(challenge);
            db.Set<CommonsChallenge>().Add(new CommonsChallenge(bikes.Id, challenge.Id));
            await db.SaveChangesAsync();
        }

        var groups = services.GetRequiredService<WorkingGroupService>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var beta = (await groups.AddMilestoneAsync(facilitator.Actor, new AddMilestone(call.Id, bikes.Id, "Prototype bêta testé", today.AddDays(-5), holder.Organisation.Id))).Value;
        var plans = (await groups.AddMilestoneAsync(facilitator.Actor, new AddMilestone(call.Id, bikes.Id, "Plans publiés", today.AddDays(60), holder.Organisation.Id))).Value;
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 300_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.ContributeAsync(call, memberA, bikes, 50_000);
        await arrange.ContributeAsync(call, memberB, bikes, 50_000);
        (await services.GetRequiredService<RoundService>().CloseAsync(facilitator.Actor, new CloseRound(call.Id))).Error.ShouldBeNull();
        var agreements = services.GetRequiredService<AgreementService>();
        (await agreements.ProposeScheduleAsync(facilitator.Actor, new ProposeSchedule(call.Id, bikes.Id, holder.Organisation.Id,
            [new TrancheTerms(null, 30), new TrancheTerms(beta, 40), new TrancheTerms(plans, 30)]))).Error.ShouldBeNull();
        (await agreements.AcceptScheduleAsync(holder.Person.Actor, new AcceptSchedule(call.Id, bikes.Id))).Error.ShouldBeNull();
        (await agreements.DeclareDoneAsync(holder.Person.Actor, new DeclareMilestoneDone(call.Id, bikes.Id, beta, holder.Organisation.Id, ["https://forge.example/cadenas/beta"]))).Error.ShouldBeNull();
        (await agreements.AcceptMilestoneAsync(facilitator.Actor, new AcceptMilestone(call.Id, bikes.Id, beta))).Error.ShouldBeNull();
        return new Story(call, facilitator, holder, memberA, bikes);
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    private sealed record Story(Call Call, Person Facilitator, Representative Holder, Representative Member, Commons Commons);
}
