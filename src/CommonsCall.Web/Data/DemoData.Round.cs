using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
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

        // Micro-challenges with who pays, uses and benefits: the reports page reads them for each commons they answer.
        Challenge Defi(int author, string question, string context, string whoPays, string whoUses, string whoBenefits)
        {
            var c = new Challenge(call.Id, members[author].Organisation.Id, question, context, now);
            c.Describe(new ChallengeContent(question, context, [], null, null, [], whoPays, whoUses, whoBenefits,
                Challenge.DefaultTargetCommunityMin, Challenge.DefaultTargetCommunityMax));
            c.Publish();
            db.Challenges.Add(c);
            return c;
        }

        var defiOuvrir = Defi(2, "Comment ouvrir un tiers-lieu sans tout réinventer ?", "Chaque nouveau lieu refait les mêmes statuts, les mêmes outils et les mêmes erreurs.",
            "Les collectivités et les porteurs de projet", "Les équipes des tiers-lieux", "Les habitants du Bocage");
        var defiPartager = Defi(3, "Comment partager nos salles et nos machines entre lieux ?", "Chaque lieu gère ses réservations sur un tableur ou un agenda papier.",
            "Les tiers-lieux eux-mêmes", "Les adhérents et les artisans", "Les habitants qui cherchent un atelier");
        var defiRendre = Defi(6, "Comment rendre compte de notre utilité sociale aux financeurs ?", "Chaque financeur demande ses propres indicateurs, chaque année.",
            "Les financeurs publics", "Les équipes des tiers-lieux", "Les financeurs et les habitants");
        defiOuvrir.Support(members[4].Organisation.Id, now);
        defiPartager.Support(members[5].Organisation.Id, now);
        defiRendre.Support(members[7].Organisation.Id, now);

        CommonsEntity Commun(int proposer, string title, string summary, CommonsKind kind, string licence, long minimum, long maximum)
        {
            var c = new CommonsEntity(call.Id, members[proposer].Organisation.Id, title, summary, kind, licence, now);
            c.SetBudgetLines([new BudgetLine("Réalisation", minimum, maximum)]);
            c.Approve();
            db.Commons.Add(c);
            return c;
        }

        void Engage(CommonsEntity commons, int member, PositioningKind[] kinds, string expectations, string availability) =>
            db.Positionings.Add(new Positioning(call.Id, commons.Id, members[member].Organisation.Id, kinds, expectations, availability, now));

        var commons = new[]
        {
            Commun(2, "Guide ouvert pour ouvrir un tiers-lieu", "Statuts types, modèle économique, retours d'expérience.", CommonsKind.Knowledge, "CC-BY-SA-4.0", 100_000, 180_000),
            Commun(3, "Outil libre de réservation d'espaces", "Réservation des salles et des machines, partagée entre lieux.", CommonsKind.Software, "AGPL-3.0-only", 120_000, 250_000),
            Commun(4, "Carte ouverte des tiers-lieux du Bocage", "Jeu de données des lieux, de leurs équipements et de leurs horaires.", CommonsKind.Data, "ODbL-1.0", 80_000, 150_000),
            Commun(5, "Kit de mobilier d'atelier à fabriquer", "Plans ouverts d'établis et de rangements fabricables en fablab.", CommonsKind.Hardware, "CERN-OHL-S-2.0", 134_000, 200_000),
            Commun(6, "Méthode d'évaluation de l'utilité sociale", "Une grille commune pour rendre compte aux financeurs.", CommonsKind.Method, "CC-BY-4.0", 180_000, 300_000),
        };

        Describe(commons[0], CommonsMaturity.Emergence, "Comité éditorial de cinq lieux, ouvert à tout contributeur.", "Un atelier d'écriture par trimestre, en tournée dans les lieux.",
            "Les habitants témoignent de ce que le lieu a changé pour eux.", "Temps de rédaction et de mise en page.", CommonsNeeds.Funding | CommonsNeeds.Contributors,
            "Rédaction, droit associatif", "https://forge.tiers-lieux-bocage.example/guide-ouvrir", "https://guide.tiers-lieux-bocage.example");
        Describe(commons[1], CommonsMaturity.Prefiguration, "Les lieux utilisateurs décident ensemble des évolutions.", "Une visio mensuelle des lieux utilisateurs.",
            "Les adhérents réservent eux-mêmes en ligne.", "Développement et hébergement mutualisé.", CommonsNeeds.Funding | CommonsNeeds.Experimentation,
            "Développement web, hébergement", "https://forge.tiers-lieux-bocage.example/reservation", null);
        Describe(commons[2], CommonsMaturity.Emergence, "Données ouvertes sous ODbL, mises à jour par les lieux.", "Une cartopartie par saison.",
            "Les habitants signalent les lieux qui manquent.", "Temps de collecte sur le terrain.", CommonsNeeds.UseCases | CommonsNeeds.Contributors,
            "Cartographie, OpenStreetMap", "https://forge.tiers-lieux-bocage.example/carte", "https://carte.tiers-lieux-bocage.example/aide");
        Describe(commons[3], CommonsMaturity.Prefiguration, "Plans publiés sous licence matériel ouvert, chaque lieu peut les modifier.", "Des chantiers de fabrication partagés.",
            "Fabrication avec les habitants lors des journées portes ouvertes.", "Bois et temps de prototypage.", CommonsNeeds.Funding | CommonsNeeds.Expertise,
            "Menuiserie, conception 3D", null, "https://plans.tiers-lieux-bocage.example");
        Describe(commons[4], CommonsMaturity.Emergence, "Grille co-construite avec les financeurs et révisée chaque année.", "Deux ateliers par an avec les financeurs.",
            "Les habitants participent aux entretiens d'évaluation.", "Accompagnement méthodologique.", CommonsNeeds.Expertise | CommonsNeeds.UseCases,
            "Évaluation, sociologie", null, "https://evaluation.tiers-lieux-bocage.example");

        commons[0].LinkChallenges([defiOuvrir.Id]);
        commons[1].LinkChallenges([defiPartager.Id]);
        commons[2].LinkChallenges([defiOuvrir.Id, defiPartager.Id]);
        commons[3].LinkChallenges([defiPartager.Id]);
        commons[4].LinkChallenges([defiRendre.Id]);

        // Working groups: every commons has its producers, its users and its contributors, with what each expects.
        Engage(commons[0], 2, [PositioningKind.Produces], "Un guide que chaque nouveau lieu peut suivre pas à pas.", "2 jours par mois");
        Engage(commons[0], 4, [PositioningKind.Wants], "Ouvrir notre second lieu sans refaire nos statuts.", "Relectures");
        Engage(commons[0], 8, [PositioningKind.ContributesSkills], "Partager notre expérience de lieu social.", "Un entretien");
        Engage(commons[1], 3, [PositioningKind.Produces], "Un seul outil pour toutes nos salles.", "1 jour par semaine");
        Engage(commons[1], 5, [PositioningKind.Wants, PositioningKind.ContributesTechnicalMeans], "Réserver la halle sans téléphone.", "Notre serveur");
        Engage(commons[1], 7, [PositioningKind.Wants], "Que nos ateliers soient réservables par les artisans.", "Tests utilisateurs");
        Engage(commons[2], 4, [PositioningKind.Produces], "Une carte que les habitants et les collectivités consultent.", "Cartoparties");
        Engage(commons[2], 6, [PositioningKind.Wants], "Être trouvés par les artisans du territoire.", "Ponctuelle");
        Engage(commons[2], 9, [PositioningKind.ContributesSkills], "Relier la carte à notre accueil numérique.", "Médiateurs numériques");
        Engage(commons[3], 5, [PositioningKind.Produces, PositioningKind.ContributesTechnicalMeans], "Des établis solides fabriqués dans nos murs.", "L'atelier le samedi");
        Engage(commons[3], 2, [PositioningKind.Wants], "Équiper notre fablab à moindre coût.", "Fabrication");
        Engage(commons[4], 6, [PositioningKind.Produces], "Un seul rapport pour tous nos financeurs.", "1 jour par mois");
        Engage(commons[4], 8, [PositioningKind.Wants], "Montrer ce que nos permanences apportent.", "Entretiens");
        Engage(commons[4], 3, [PositioningKind.Wants], "Simplifier nos bilans annuels.", "Ponctuelle");

        // The round opened three days ago and closes in two weeks, whatever day the demo is seeded.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        void Milestone(CommonsEntity c, int owner, string title, int inDays, bool done = false)
        {
            var m = new Milestone(c.Id, title, today.AddDays(inDays), members[owner].Organisation.Id, now);
            if (done)
            {
                m.Update(title, today.AddDays(inDays), members[owner].Organisation.Id, done: true, now);
            }

            db.Milestones.Add(m);
        }

        Milestone(commons[0], 2, "Sommaire du guide validé", -10, done: true);
        Milestone(commons[0], 2, "Premier chapitre publié", 20);
        Milestone(commons[1], 3, "Maquette testée dans trois lieux", 30);
        Milestone(commons[2], 4, "Cinquante lieux cartographiés", 25);
        Milestone(commons[4], 6, "Grille d'indicateurs relue par les financeurs", 40);
        foreach (var (c, ago, next, note) in new[] { (commons[0], -20, 10, "Plan du guide"), (commons[1], -14, 14, "Choix de l'outil"), (commons[2], -30, 5, "Cartopartie d'automne") })
        {
            db.Meetings.Add(new Meeting(c.Id, today.AddDays(ago), note, now));
            db.Meetings.Add(new Meeting(c.Id, today.AddDays(next), "Point d'étape", now));
        }

        var closes = new DateTimeOffset(today.AddDays(RoundClosesInDays).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        Ensure(call.ChangeBudgetRules(call.BudgetRules with { FundingOpensAt = now.AddDays(-3), FundingClosesAt = closes }));
        Ensure(call.SetPlannedDates(PhaseSchedule.From([
            (CallPhase.Framing, today.AddDays(-60)), (CallPhase.Challenges, today.AddDays(-45)), (CallPhase.Commons, today.AddDays(-30)),
            (CallPhase.Budgeting, today.AddDays(-3)), (CallPhase.Results, today.AddDays(RoundClosesInDays + 1)), (CallPhase.FollowUp, today.AddDays(45))])));

        var facts = new PhaseFacts(MemberParticipants: members.Count, PublishedChallenges: 3, ApprovedCommons: commons.Length, Pool: 0, OwnFunds: 0);
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

    /// <summary>The full description of a demo commons, as its proposers would write it.</summary>
    private static void Describe(CommonsEntity c, CommonsMaturity maturity, string governance, string community, string citizens, string missing, CommonsNeeds needs,
        string skills, string? repository, string? documentation) =>
        Ensure(c.Revise(c.Description with
        {
            Maturity = maturity, Governance = governance, CommunityPlan = community, CitizenInvolvement = citizens, MissingResources = missing,
            LookingFor = needs, SkillsWanted = skills, RepositoryUrl = repository, DocumentationUrl = documentation,
        }));
}
