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
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

public sealed record DemoAccount(string Email, string DisplayName, string Description);

/// <summary>
/// The demo call "Communs de la mobilité partagée" (fictional organisations inspired by real appels à
/// communs, see DEMO.md), seeded once into an empty database so that a first run has something to show.
/// </summary>
public static partial class DemoData
{
    public const string Password = "Demo-Communs-2026";
    public const string CallSlug = "communs-mobilite-partagee";

    /// <summary>The second demo call, in its co-funding round: what the funders' dashboard looks like with money moving.</summary>
    public const string RoundCallSlug = "communs-tiers-lieux-bocage";

    /// <summary>The demo round closes this many days after the day it is seeded.</summary>
    public const int RoundClosesInDays = 14;

    public static readonly DemoAccount Administrator = new("admin@demo.commonscall.org", "Alex Admin", "administrateur de la plateforme");
    public static readonly DemoAccount Facilitator = new("animation@demo.commonscall.org", "Camille Martin", "animatrice de l'appel");
    public static readonly DemoAccount MemberA = new("lea@covoit-ouest.example", "Léa Bernard", "membre : Covoit'Ouest");
    public static readonly DemoAccount MemberB = new("karim@roulons-ensemble.example", "Karim Haddad", "membre : Roulons Ensemble");
    public static readonly DemoAccount Funder = new("sophie@agence-transition.example", "Sophie Laurent", "financeur : Agence de la Transition (fictive)");

    public static IReadOnlyList<DemoAccount> Accounts { get; } = [Facilitator, MemberA, MemberB, Funder, Administrator];

    /// <summary>Creates the platform roles; idempotent, runs at every start.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Seeds the demo call unless the database already holds a call. Returns whether it seeded.</summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Calls.AnyAsync(ct))
        {
            return false;
        }

        var admin = await CreateUserAsync(users, Administrator, Roles.Administrator);
        var facilitator = await CreateUserAsync(users, Facilitator, Roles.Facilitator);
        var lea = await CreateUserAsync(users, MemberA, null);
        var karim = await CreateUserAsync(users, MemberB, null);
        var sophie = await CreateUserAsync(users, Funder, null);
        _ = admin;

        Organisation Org(string name, OrganisationKind kind, SizeBand size, DevelopmentStage stage, string website, string description)
        {
            var o = new Organisation(name, kind, size, stage, now);
            o.Describe(name, kind, size, stage, website, description);
            db.Organisations.Add(o);
            return o;
        }

        var covoit = Org("Covoit'Ouest", OrganisationKind.Startup, SizeBand.Small, DevelopmentStage.Development, "https://covoit-ouest.example",
            "Opérateur de covoiturage du quotidien pour les zones peu denses.");
        var roulons = Org("Roulons Ensemble (coopérative)", OrganisationKind.Sme, SizeBand.Micro, DevelopmentStage.Maintenance, "https://roulons-ensemble.example",
            "Coopérative de covoiturage libre, sans commission.");
        var velos = Org("Vélos Partagés du Bocage", OrganisationKind.Association, SizeBand.Micro, DevelopmentStage.StartUp, "https://velos-bocage.example",
            "Association qui gère une flotte de vélos partagés dans les bourgs.");
        var metropole = Org("Métropole de Valmont", OrganisationKind.PublicBody, SizeBand.Large, DevelopmentStage.Maintenance, "https://valmont-metropole.example",
            "Autorité organisatrice des mobilités.");
        var maas = Org("CityLink MaaS", OrganisationKind.Startup, SizeBand.Small, DevelopmentStage.Creation, "https://citylink.example",
            "Éditeur d'une application de mobilité servicielle (MaaS).");
        var labo = Org("Laboratoire Mobilités & Territoires", OrganisationKind.Research, SizeBand.Medium, DevelopmentStage.Development, "https://lmt.example",
            "Laboratoire public de recherche sur les mobilités.");
        var agence = Org("Agence de la Transition (fictive)", OrganisationKind.PublicBody, SizeBand.Large, DevelopmentStage.Maintenance, "https://agence-transition.example",
            "Agence publique qui finance des communs de la transition écologique.");
        var energies = Org("Énergies Avenir SA", OrganisationKind.LargeCompany, SizeBand.Large, DevelopmentStage.Maintenance, "https://energies-avenir.example",
            "Fournisseur d'énergie qui finance via les certificats d'économies d'énergie.");

        covoit.AddMember(lea.Id);
        roulons.AddMember(karim.Id);
        agence.AddMember(sophie.Id);

        var call = new Call(
            "Communs de la mobilité partagée",
            CallSlug,
            "Un **appel à communs** pour que les acteurs de la mobilité partagée de Valmont construisent ensemble " +
            "les ressources ouvertes dont ils ont tous besoin, au lieu de les refaire chacun de leur côté.\n\n" +
            "1. Nous partons de vos irritants, formulés en *micro-défis*.\n2. Vous proposez des communs et vous vous positionnez.\n" +
            "3. Chaque membre répartit son budget entre les communs de son choix.",
            "Mobilité partagée, Métropole de Valmont",
            "EUR",
            CallVisibility.Public,
            now);
        call.AddFacilitator(facilitator.Id);
        call.AddGlossaryTerm("Commun", "Ressource ouverte (logiciel, données, protocole, savoir...) gérée par une communauté selon des règles qu'elle se donne.");
        call.AddGlossaryTerm("Micro-défi", "Problème concret formulé sous forme de question, dont la résolution se mesure avant/après.");
        call.AddGlossaryTerm("Covoiturage du quotidien", "Trajet partagé domicile-travail de moins de 80 km, hors longue distance.");
        call.AddScopeStatement("Ressources sous licence ouverte réutilisables par tous les acteurs du territoire.", inScope: true);
        call.AddScopeStatement("Les trajets domicile-travail et les déplacements du quotidien.", inScope: true);
        call.AddScopeStatement("Le développement de fonctionnalités propres à un seul opérateur.", inScope: false);
        db.Calls.Add(call);

        foreach (var member in new[] { covoit, roulons, velos, metropole, maas, labo })
        {
            var p = new Participant(call.Id, member.Id, ParticipantRole.Member, now);
            p.Join(now);
            db.Participants.Add(p);
        }

        foreach (var funder in new[] { agence, energies, metropole })
        {
            var p = new Participant(call.Id, funder.Id, ParticipantRole.Funder, now);
            p.Join(now);
            db.Participants.Add(p);
        }

        // Who pays, uses and benefits: the source method's questions, which the reports page answers per commons.
        Challenge Defi(Organisation author, string question, string context, string whoPays, string whoUses, string whoBenefits)
        {
            var c = new Challenge(call.Id, author.Id, question, context, now);
            c.Describe(new ChallengeContent(question, context, [], null, null, [], whoPays, whoUses, whoBenefits,
                Challenge.DefaultTargetCommunityMin, Challenge.DefaultTargetCommunityMax));
            c.Publish();
            db.Challenges.Add(c);
            return c;
        }

        var defiVelos = Defi(velos, "Comment partager plus de vélos ?", "Nos vélos restent au garage la moitié de la semaine.",
            "Les communes et les associations", "Les habitants des bourgs", "Les habitants sans voiture");
        var defiPreuve = Defi(covoit, "Comment prouver qu'un covoiturage a eu lieu ?", "Les collectivités veulent payer des incitations sans fraude.",
            "Les collectivités", "Les opérateurs de covoiturage", "Les covoitureurs");
        var defiMaas = Defi(maas, "Comment connecter les offres de covoiturage aux applications MaaS ?", "Chaque opérateur expose une API différente.",
            "Les opérateurs de covoiturage", "Les applications MaaS", "Les voyageurs");
        var defiAires = Defi(metropole, "Comment recenser les aires de covoiturage ?", "Les aires ne sont recensées nulle part de façon fiable.",
            "Les collectivités", "Les opérateurs de covoiturage", "Les covoitureurs");

        CommonsEntity Commun(Organisation by, string title, string summary, CommonsKind kind, string licence, CommonsMaturity maturity, bool approve, params BudgetLine[] lines)
        {
            var c = new CommonsEntity(call.Id, by.Id, title, summary, kind, licence, now);
            c.Describe("Gouvernance ouverte : comité de pilotage des contributeurs, décisions au consentement.",
                "Une rencontre mensuelle du groupe de travail et une documentation publique.",
                "Ateliers usagers avec les habitants du territoire.",
                "Temps de développement et d'animation.",
                maturity);
            c.SetBudgetLines(lines);
            if (approve)
            {
                c.Approve();
            }

            db.Commons.Add(c);
            return c;
        }

        var registre = Commun(covoit, "Registre de preuve de covoiturage", "Certifie qu'un trajet partagé a eu lieu pour que les collectivités versent leurs incitations.",
            CommonsKind.Software, "AGPL-3.0-only", CommonsMaturity.Maturity, true,
            new BudgetLine("Développement de l'API de preuve", 800_000, 1_500_000),
            new BudgetLine("Animation de la communauté des opérateurs", 200_000, 500_000));
        registre.AddCoCreator(roulons.Id);
        var lieux = Commun(metropole, "Base nationale des lieux de covoiturage", "Jeu de données ouvert des aires et points de rencontre de covoiturage.",
            CommonsKind.Data, "ODbL-1.0", CommonsMaturity.Emergence, true,
            new BudgetLine("Collecte et consolidation des données", 300_000, 600_000),
            new BudgetLine("Outil de contribution en ligne", 200_000, 400_000));
        var standard = Commun(maas, "Standard d'échange des offres de covoiturage", "Protocole ouvert (OpenAPI) pour publier offres et demandes de covoiturage.",
            CommonsKind.ProtocolOrStandard, "Apache-2.0", CommonsMaturity.Emergence, true,
            new BudgetLine("Rédaction de la spécification", 250_000, 400_000),
            new BudgetLine("Implémentations de référence", 250_000, 600_000));
        var velo = Commun(velos, "Vélo partagé à cadenas connecté", "Matériel ouvert : un vélo robuste et un cadenas connecté gérés par des associations locales.",
            CommonsKind.Hardware, "CERN-OHL-S-2.0", CommonsMaturity.Prefiguration, true,
            new BudgetLine("Prototype du cadenas", 400_000, 700_000),
            new BudgetLine("Guide de fabrication", 100_000, 200_000));
        var marche = Commun(labo, "Indicateurs de marchabilité OpenStreetMap", "Logiciel et données pour mesurer la marchabilité des quartiers à partir d'OpenStreetMap.",
            CommonsKind.Software, "MIT", CommonsMaturity.Prefiguration, false,
            new BudgetLine("Calcul des indicateurs", 150_000, 300_000));

        Ensure(registre.Revise(registre.Description with { RepositoryUrl = "https://forge.valmont.example/registre-preuve", DocumentationUrl = "https://doc.registre-preuve.example" }));
        Ensure(lieux.Revise(lieux.Description with { RepositoryUrl = "https://forge.valmont.example/lieux-covoiturage", DocumentationUrl = "https://lieux-covoiturage.example/schema" }));
        Ensure(standard.Revise(standard.Description with { RepositoryUrl = "https://forge.valmont.example/standard-covoiturage" }));
        registre.LinkChallenges([defiPreuve.Id]);
        lieux.LinkChallenges([defiAires.Id]);
        standard.LinkChallenges([defiMaas.Id]);
        velo.LinkChallenges([defiVelos.Id]);

        defiVelos.Support(metropole.Id, now);
        defiVelos.Support(labo.Id, now);
        defiPreuve.Support(roulons.Id, now);
        defiPreuve.Support(metropole.Id, now);

        // Working groups: who produces, wants or contributes what, and what each expects (déclarations d'engagement).
        void Engage(CommonsEntity commons, Organisation org, PositioningKind[] kinds, string expectations, string availability) =>
            db.Positionings.Add(new Positioning(call.Id, commons.Id, org.Id, kinds, expectations, availability, now));

        Engage(registre, covoit, [PositioningKind.Produces], "Un registre neutre que toutes les collectivités acceptent comme preuve.", "2 jours par semaine");
        Engage(registre, roulons, [PositioningKind.Produces, PositioningKind.ContributesSkills], "Ne pas dépendre d'un opérateur privé pour prouver nos trajets.", "1 jour par semaine");
        Engage(registre, metropole, [PositioningKind.Wants], "Verser les primes au covoiturage sans fraude ni double comptage.", "Réunion mensuelle");
        Engage(lieux, metropole, [PositioningKind.Produces, PositioningKind.ContributesTechnicalMeans], "Un jeu de données tenu à jour par les territoires eux-mêmes.", "Équipe SIG, 3 jours par mois");
        Engage(lieux, covoit, [PositioningKind.Wants], "Afficher des points de rencontre fiables dans notre application.", "Tests utilisateurs");
        Engage(lieux, maas, [PositioningKind.Wants], "Intégrer les aires dans le calcul d'itinéraires.", "Ponctuelle");
        Engage(standard, maas, [PositioningKind.Produces], "Un seul format pour toutes les offres de covoiturage.", "1 jour par semaine");
        Engage(standard, covoit, [PositioningKind.Wants, PositioningKind.ContributesSkills], "Publier nos offres une fois pour toutes les applications.", "Relecture de la spécification");
        Engage(velo, velos, [PositioningKind.Produces], "Un vélo réparable localement et un cadenas sans abonnement.", "Bénévoles, le samedi");
        Engage(velo, labo, [PositioningKind.ContributesSkills], "Étudier l'usage réel des vélos partagés en zone rurale.", "Un stagiaire au printemps");
        // Wanted by two, produced by nobody yet: the map shows it.
        Engage(marche, metropole, [PositioningKind.Wants], "Mesurer l'effet de nos aménagements piétons.", "Données de voirie");
        Engage(marche, maas, [PositioningKind.Wants], "Proposer des itinéraires à pied agréables.", "Ponctuelle");

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        db.Milestones.Add(new Milestone(registre.Id, "Spécification de l'API de preuve validée", today.AddDays(30), covoit.Id, now));
        db.Milestones.Add(new Milestone(registre.Id, "Premier trajet certifié en production", today.AddDays(90), roulons.Id, now));
        db.Meetings.Add(new Meeting(registre.Id, today.AddDays(-28), "Lancement du groupe de travail", now));
        db.Meetings.Add(new Meeting(registre.Id, today.AddDays(7), "Revue de la spécification", now));

        // Every demo date is relative to the day it is seeded, so the demo reads the same whenever it is run.
        Ensure(call.SetPlannedDates(PhaseSchedule.From([
            (CallPhase.Framing, today.AddDays(-45)), (CallPhase.Challenges, today.AddDays(-30)), (CallPhase.Commons, today.AddDays(-7)),
            (CallPhase.Budgeting, today.AddDays(21)), (CallPhase.Results, today.AddDays(35)), (CallPhase.FollowUp, today.AddDays(60))])));

        var facts = new PhaseFacts(MemberParticipants: 6, PublishedChallenges: 4, ApprovedCommons: 4, Pool: 0, OwnFunds: 0);
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            call.MoveTo(phase, facts);
        }

        await db.SaveChangesAsync(ct);

        // The funders' money goes through the same service (and ledger) as in real use.
        var funds = scope.ServiceProvider.GetRequiredService<FundsService>();
        var sophieActor = new Actor(sophie.Id, IsAdministrator: false, IsFacilitator: false);
        await funds.PledgeAsync(sophieActor, new MakePledge(call.Id, agence.Id, 3_000_000, IsMatching: false), ct);
        await funds.PledgeAsync(sophieActor, new MakePledge(call.Id, agence.Id, 1_000_000, IsMatching: true), ct);

        await SeedRoundAsync(scope.ServiceProvider, db, users, facilitator, sophieActor, agence, [(covoit, lea), (roulons, karim)], now, ct);
        await SeedFollowUpAsync(scope.ServiceProvider, db, users, facilitator, sophie, agence, (roulons, karim), now, ct);
        await SeedCoversAsync(db, now, ct);
        return true;
    }

    private static void Ensure(Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The demo seed was refused: {result.Error!.Code} {result.Error.Detail}");
        }
    }

    private static void Ensure<T>(Result<T> result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The demo seed was refused: {result.Error!.Code} {result.Error.Detail}");
        }
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, DemoAccount account, string? role)
    {
        var user = new AppUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create demo account " + account.Email + ": " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }
}
