using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using Microsoft.AspNetCore.Identity;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>The second demo call, in its open co-funding round.</summary>
public static partial class DemoData
{
    /// <summary>
    /// A call of tiers-lieux in its co-funding round (after a real cobudget among tiers-lieux: 500 € each to
    /// spread), its money moved through the real services so that every figure is in the ledger.
    /// </summary>
    private static async Task SeedRoundAsync(
        IServiceProvider services, AppDbContext db, UserManager<AppUser> users, AppUser facilitator, Actor funder, Organisation funderOrganisation,
        IReadOnlyList<(Organisation Organisation, AppUser User)> demoMembers, DateTimeOffset now, CancellationToken ct)
    {
        var call = new Call(
            "Communs des tiers-lieux du Bocage",
            RoundCallSlug,
            "Les tiers-lieux du Bocage et leurs partenaires cofinancent les **communs** dont ils ont tous besoin : " +
            "chaque membre dispose de 500 € à répartir, et l'Agence de la Transition double chaque euro donné à un commun financé.",
            "Tiers-lieux, pays du Bocage",
            "EUR",
            CallVisibility.Public,
            now);
        call.AddFacilitator(facilitator.Id);
        call.AddGlossaryTerm("Tiers-lieu", "Lieu partagé (atelier, espace de travail, fablab, café associatif) ouvert aux habitants et aux professionnels.");
        call.AddScopeStatement("Des ressources ouvertes utiles à plusieurs tiers-lieux du territoire.", inScope: true);
        db.Calls.Add(call);

        var places = new (string Name, string Description)[]
        {
            ("La Fabrique du Bourg", "Fablab associatif et atelier de réparation."),
            ("Le Champ Commun", "Café-épicerie coopératif et espace de travail partagé."),
            ("L'Atelier des Possibles", "Ressourcerie et atelier bois."),
            ("La Grange Numérique", "Espace de travail partagé et médiation numérique."),
            ("Le Moulin des Savoirs", "Tiers-lieu nourricier et lieu de formation."),
            ("La Halle Partagée", "Halle de marché transformée en lieu d'activités."),
            ("Les Ateliers du Canal", "Ateliers d'artisans et d'artistes."),
            ("Le Relais Solidaire", "Tiers-lieu social : laverie, vestiaire, permanences."),
        };
        var members = demoMembers.ToList();
        for (var i = 0; i < places.Length; i++)
        {
            var organisation = new Organisation(places[i].Name, OrganisationKind.Association, SizeBand.Micro, DevelopmentStage.Development, now);
            organisation.Describe(places[i].Name, OrganisationKind.Association, SizeBand.Micro, DevelopmentStage.Development, null, places[i].Description);
            db.Organisations.Add(organisation);
            var user = await CreateUserAsync(users, new DemoAccount($"contact{i + 1}@tiers-lieux-bocage.example", $"Contact {places[i].Name}", "membre"), null);
            organisation.AddMember(user.Id);
            members.Add((organisation, user));
        }

        foreach (var (organisation, _) in members)
        {
            var p = new Participant(call.Id, organisation.Id, ParticipantRole.Member, now);
            p.Join(now);
            db.Participants.Add(p);
        }

        var funderParticipant = new Participant(call.Id, funderOrganisation.Id, ParticipantRole.Funder, now);
        funderParticipant.Join(now);
        db.Participants.Add(funderParticipant);

        var question = new Challenge(call.Id, members[2].Organisation.Id, "Comment ouvrir un tiers-lieu sans tout réinventer ?", "Chaque nouveau lieu refait les mêmes statuts, les mêmes outils et les mêmes erreurs.", now);
        question.Publish();
        db.Challenges.Add(question);

        CommonsEntity Commun(int proposer, string title, string summary, CommonsKind kind, string licence, long minimum, long maximum)
        {
            var c = new CommonsEntity(call.Id, members[proposer].Organisation.Id, title, summary, kind, licence, now);
            c.SetBudgetLines([new BudgetLine("Réalisation", minimum, maximum)]);
            c.Approve();
            db.Commons.Add(c);
            return c;
        }

        var commons = new[]
        {
            Commun(2, "Guide ouvert pour ouvrir un tiers-lieu", "Statuts types, modèle économique, retours d'expérience.", CommonsKind.Knowledge, "CC-BY-SA-4.0", 100_000, 180_000),
            Commun(3, "Outil libre de réservation d'espaces", "Réservation des salles et des machines, partagée entre lieux.", CommonsKind.Software, "AGPL-3.0-only", 120_000, 250_000),
            Commun(4, "Carte ouverte des tiers-lieux du Bocage", "Jeu de données des lieux, de leurs équipements et de leurs horaires.", CommonsKind.Data, "ODbL-1.0", 80_000, 150_000),
            Commun(5, "Kit de mobilier d'atelier à fabriquer", "Plans ouverts d'établis et de rangements fabricables en fablab.", CommonsKind.Hardware, "CERN-OHL-S-2.0", 134_000, 200_000),
            Commun(6, "Méthode d'évaluation de l'utilité sociale", "Une grille commune pour rendre compte aux financeurs.", CommonsKind.Method, "CC-BY-4.0", 180_000, 300_000),
        };

        // The round opened three days ago and closes in two weeks, whatever day the demo is seeded.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var closes = new DateTimeOffset(today.AddDays(RoundClosesInDays).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        Ensure(call.ChangeBudgetRules(call.BudgetRules with { FundingOpensAt = now.AddDays(-3), FundingClosesAt = closes }));
        Ensure(call.SetPlannedDates(PhaseSchedule.From([
            (CallPhase.Framing, today.AddDays(-60)), (CallPhase.Challenges, today.AddDays(-45)), (CallPhase.Commons, today.AddDays(-30)),
            (CallPhase.Budgeting, today.AddDays(-3)), (CallPhase.Results, today.AddDays(RoundClosesInDays + 1)), (CallPhase.FollowUp, today.AddDays(45))])));

        var facts = new PhaseFacts(MemberParticipants: members.Count, PublishedChallenges: 1, ApprovedCommons: commons.Length, Pool: 0, OwnFunds: 0);
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            call.MoveTo(phase, facts);
        }

        await db.SaveChangesAsync(ct);

        var funds = services.GetRequiredService<FundsService>();
        var facilitatorActor = new Actor(facilitator.Id, IsAdministrator: false, IsFacilitator: true);
        await funds.PledgeAsync(funder, new MakePledge(call.Id, funderOrganisation.Id, 50_000 * members.Count, IsMatching: false), ct);
        await funds.PledgeAsync(funder, new MakePledge(call.Id, funderOrganisation.Id, 200_000, IsMatching: true), ct);
        Ensure(await services.GetRequiredService<CallPhaseService>().MoveAsync(facilitatorActor, new MovePhase(call.Id, CallPhase.Budgeting), ct));
        Ensure(await funds.DistributeEquallyAsync(facilitatorActor, new DistributeGrantsEqually(call.Id), ct));

        // Who gives what so far (the demo accounts' organisations, first two, still have everything to spread).
        var gifts = new (int Member, int Commons, long Amount)[]
        {
            (2, 1, 20_000), (2, 2, 15_000), (2, 4, 10_000),
            (3, 0, 25_000), (3, 2, 10_000),
            (4, 0, 20_000), (4, 1, 20_000), (4, 3, 5_000),
            (5, 0, 15_000), (5, 1, 15_000), (5, 2, 15_000),
            (6, 0, 30_000), (6, 3, 10_000),
            (7, 1, 25_000), (7, 4, 25_000),
            (8, 0, 10_000), (8, 3, 20_000), (8, 4, 10_000),
            (9, 1, 30_000), (9, 2, 20_000),
        };
        var contributions = services.GetRequiredService<ContributionService>();
        foreach (var (member, target, amount) in gifts)
        {
            var (organisation, user) = members[member];
            Ensure(await contributions.SetAsync(new Actor(user.Id, IsAdministrator: false, IsFacilitator: false), new SetContribution(call.Id, commons[target].Id, organisation.Id, amount), ct));
        }
    }
}
