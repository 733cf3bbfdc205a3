using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Recognition;
using Microsoft.AspNetCore.Identity;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>The third demo call, settled months ago and in its follow-up: agreements, tranches paid, a late milestone, a cancelled commons.</summary>
public static partial class DemoData
{
    /// <summary>The third demo call, in phase Follow-up: the whole life of a call after the vote.</summary>
    public const string FollowUpCallSlug = "communs-mobilites-rurales";

    /// <summary>The follow-up call's commons (titles are unique in the call), by what became of them.</summary>
    public static class FollowUpCommons
    {
        /// <summary>In progress, led by Roulons Ensemble (the demo account Karim): its second milestone is late, sent back for changes.</summary>
        public const string TripLog = "Carnet de trajets partagé avec son territoire";

        /// <summary>Delivered: every tranche paid.</summary>
        public const string SubsidySchema = "Schéma ouvert des aides à la mobilité";

        /// <summary>In progress: one milestone accepted and paid, the next declared and waiting for the facilitator.</summary>
        public const string MobilityAccount = "Compte mobilité personnel";

        /// <summary>Cancelled after its first tranche: the unpaid tranches went back to the pool.</summary>
        public const string CargoBikeGuide = "Guide de fabrication d'un vélo cargo";

        /// <summary>Not funded at settlement: its contributions went back to the members.</summary>
        public const string Hitchhiking = "Arrêts d'autostop organisé";

        public static IReadOnlyList<string> Funded { get; } = [TripLog, SubsidySchema, MobilityAccount, CargoBikeGuide];

        public static IReadOnlyList<string> All { get; } = [.. Funded, Hitchhiking];
    }

    /// <summary>
    /// A call of rural mobility, settled about eighty days before the day it is seeded. Its history is played through the
    /// real services (pledges, grants, contributions and receipts, settlement, schedules, milestones, payments,
    /// cancellation) on a clock set back to each day of that history, so every figure is in the ledger and every date
    /// reads as it would have happened.
    /// </summary>
    private static async Task SeedFollowUpAsync(
        IServiceProvider services, AppDbContext db, UserManager<AppUser> users, AppUser facilitator, AppUser funder, Organisation funderOrganisation,
        (Organisation Organisation, AppUser User) karim, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clock = new PastClock(now);
        DateTimeOffset Day(int daysFromToday, int hour = 10) => new(today.AddDays(daysFromToday).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

        var call = new Call(
            "Communs des mobilités rurales",
            FollowUpCallSlug,
            "Les acteurs des mobilités des Hautes-Combes ont cofinancé quatre **communs** pour se déplacer sans voiture individuelle " +
            "dans un territoire où le bus passe deux fois par jour. Les votes sont clos : chaque commun financé suit sa " +
            "convention de financement, versée par tranches à chaque jalon livré.",
            "Mobilités rurales, Hautes-Combes",
            "EUR",
            CallVisibility.Public,
            Day(-200));
        call.AddFacilitator(facilitator.Id);
        call.AddGlossaryTerm("Porteur pilote", "Organisation co-créatrice qui reçoit les versements du commun et en rend compte ; les autres porteurs sont associés.");
        call.AddGlossaryTerm("Jalon", "Étape livrable de la feuille de route d'un commun ; son acceptation déclenche la tranche qui lui est liée.");
        call.AddScopeStatement("Les déplacements du quotidien dans les bourgs et les villages.", inScope: true);
        call.AddScopeStatement("Les services commerciaux propres à un seul opérateur.", inScope: false);
        db.Calls.Add(call);

        async Task<(Organisation Organisation, AppUser User)> OrgAsync(string name, OrganisationKind kind, SizeBand size, string description, DemoAccount account)
        {
            var o = new Organisation(name, kind, size, DevelopmentStage.Development, Day(-200));
            o.Describe(name, kind, size, DevelopmentStage.Development, null, description);
            db.Organisations.Add(o);
            var user = await CreateUserAsync(users, account, null);
            o.AddMember(user.Id);
            return (o, user);
        }

        var mobiRural = await OrgAsync("Mobi'Rural (association)", OrganisationKind.Association, SizeBand.Micro, "Association d'usagers des mobilités en zone rurale.",
            new("contact@mobirural.example", "Julie Perrin", "membre : Mobi'Rural"));
        var combes = await OrgAsync("Combes Mobilité Solidaire", OrganisationKind.Association, SizeBand.Small, "Plateforme de mobilité solidaire : garage, prêt de véhicules, conseil.",
            new("equipe@combes-mobilite.example", "Thomas Girard", "membre : Combes Mobilité Solidaire"));
        var atelier = await OrgAsync("L'Atelier Vélo des Combes", OrganisationKind.Association, SizeBand.Micro, "Atelier participatif de réparation et de fabrication de vélos.",
            new("atelier@velo-combes.example", "Nadia Benali", "membre : L'Atelier Vélo des Combes"));
        var plateau = await OrgAsync("Communauté de communes du Plateau", OrganisationKind.PublicBody, SizeBand.Medium, "Autorité organisatrice des mobilités locale.",
            new("mobilite@cc-plateau.example", "Marc Fontaine", "membre : Communauté de communes du Plateau"));
        var numerique = await OrgAsync("Numérique Libre des Combes", OrganisationKind.Sme, SizeBand.Small, "Entreprise du numérique libre : développement et hébergement.",
            new("bonjour@numerique-libre-combes.example", "Élise Roux", "membre : Numérique Libre des Combes"));
        var region = await OrgAsync("Région des Hautes-Combes (fictive)", OrganisationKind.PublicBody, SizeBand.Large, "Région qui abonde les communs de la mobilité.",
            new("financements@hautes-combes.example", "Paul Mercier", "financeur : Région des Hautes-Combes"));

        (Organisation Organisation, AppUser User)[] members = [karim, mobiRural, combes, atelier, plateau, numerique];
        foreach (var (organisation, role) in members.Select(m => (m.Organisation, ParticipantRole.Member))
                     .Concat([(funderOrganisation, ParticipantRole.Funder), (region.Organisation, ParticipantRole.Funder)]))
        {
            var p = new Participant(call.Id, organisation.Id, role, Day(-195));
            p.Join(Day(-190));
            db.Participants.Add(p);
        }

        Challenge Defi((Organisation Organisation, AppUser User) author, string question, string context, string whoPays, string whoUses, string whoBenefits)
        {
            var c = new Challenge(call.Id, author.Organisation.Id, question, context, Day(-175));
            c.Describe(new ChallengeContent(question, context, [], null, null, [], whoPays, whoUses, whoBenefits,
                Challenge.DefaultTargetCommunityMin, Challenge.DefaultTargetCommunityMax));
            c.Publish();
            db.Challenges.Add(c);
            return c;
        }

        var defiTraces = Defi(mobiRural, "Comment connaître nos trajets sans que personne ne soit pisté ?", "Les territoires ne savent pas qui se déplace où, et les habitants refusent d'être suivis.",
            "La communauté de communes", "Les habitants volontaires", "Les habitants et les élus qui décident des lignes");
        var defiAides = Defi(plateau, "Comment connaître toutes les aides à la mobilité auxquelles on a droit ?", "Chaque aide a son guichet, ses pièces et son formulaire.",
            "La région et les communes", "Les conseillers mobilité", "Les personnes sans voiture ni permis");
        var defiBus = Defi(combes, "Comment se déplacer sans voiture quand le bus passe deux fois par jour ?", "Entre deux bourgs, il n'existe souvent rien d'autre que la voiture.",
            "Les collectivités", "Les habitants des villages", "Les jeunes, les aînés, les personnes en insertion");
        var defiVelo = Defi(atelier, "Comment fabriquer localement des vélos adaptés aux côtes ?", "Les vélos cargo du commerce sont chers et mal adaptés au relief.",
            "Les ateliers et les communes", "Les familles et les artisans", "Les habitants des bourgs en pente");

        CommonsEntity Commun((Organisation Organisation, AppUser User) lead, Organisation? associate, string title, string summary, CommonsKind kind, string licence,
            Challenge answers, string repository, params BudgetLine[] lines)
        {
            var c = new CommonsEntity(call.Id, lead.Organisation.Id, title, summary, kind, licence, Day(-160));
            Ensure(c.SetBudgetLines(lines));
            Describe(c, CommonsMaturity.Emergence, "Comité des porteurs et des utilisateurs, décisions au consentement.", "Une rencontre mensuelle du groupe de travail, ouverte.",
                "Ateliers avec les habitants dans les bourgs.", "Temps de développement et d'animation.", CommonsNeeds.Funding | CommonsNeeds.Contributors,
                "Développement, animation territoriale", $"https://forge.hautes-combes.example/{repository}", null);
            c.LinkChallenges([answers.Id]);
            Ensure(c.Approve());
            db.Commons.Add(c);
            db.Positionings.Add(new Positioning(call.Id, c.Id, lead.Organisation.Id, [PositioningKind.Produces], "Porter le commun jusqu'à sa livraison.", "2 jours par semaine", Day(-155)));
            if (associate is not null)
            {
                c.AddCoCreator(associate.Id);
                db.Positionings.Add(new Positioning(call.Id, c.Id, associate.Id, [PositioningKind.ContributesSkills], "Y contribuer et l'utiliser chez nous.", "1 jour par semaine", Day(-155)));
            }

            return c;
        }

        var tripLog = Commun(karim, numerique.Organisation, FollowUpCommons.TripLog, "Application libre qui enregistre les trajets sur le téléphone et ne partage avec le territoire que des statistiques anonymes.",
            CommonsKind.Software, "AGPL-3.0-only", defiTraces, "carnet-trajets",
            new BudgetLine("Application mobile et chiffrement local", 3_000_000, 4_200_000), new BudgetLine("Tableau de bord anonymisé pour les territoires", 1_000_000, 1_800_000));
        var schema = Commun(plateau, combes.Organisation, FollowUpCommons.SubsidySchema, "Standard de données ouvert pour décrire chaque aide à la mobilité : qui y a droit, combien, comment la demander.",
            CommonsKind.ProtocolOrStandard, "etalab-2.0", defiAides, "schema-aides-mobilite",
            new BudgetLine("Rédaction du schéma et consultation", 1_500_000, 2_500_000), new BudgetLine("Recensement des aides de la région", 1_000_000, 1_500_000));
        var account = Commun(combes, numerique.Organisation, FollowUpCommons.MobilityAccount, "Plateforme libre où chacun retrouve les aides auxquelles il a droit et les demande en une fois.",
            CommonsKind.Software, "EUPL-1.2", defiAides, "compte-mobilite",
            new BudgetLine("Plateforme et connecteurs aux aides", 3_500_000, 5_500_000), new BudgetLine("Accompagnement des bénéficiaires", 1_300_000, 2_500_000));
        var cargo = Commun(atelier, null, FollowUpCommons.CargoBikeGuide, "Plans ouverts et guide illustré pour fabriquer en atelier un vélo cargo adapté aux côtes.",
            CommonsKind.Hardware, "CERN-OHL-S-2.0", defiVelo, "velo-cargo",
            new BudgetLine("Prototype et plans", 800_000, 1_500_000), new BudgetLine("Guide illustré", 400_000, 1_000_000));
        var hitchhiking = Commun(mobiRural, null, FollowUpCommons.Hitchhiking, "Signalétique, charte et inscription ouvertes pour l'autostop de proximité entre bourgs.",
            CommonsKind.Method, "CC-BY-SA-4.0", defiBus, "autostop-organise",
            new BudgetLine("Signalétique et charte", 2_000_000, 3_000_000), new BudgetLine("Animation du réseau", 2_500_000, 4_000_000));

        Milestone Jalon(CommonsEntity c, (Organisation Organisation, AppUser User) owner, string title, int dueInDays)
        {
            var m = new Milestone(c.Id, title, today.AddDays(dueInDays), owner.Organisation.Id, Day(-150));
            db.Milestones.Add(m);
            return m;
        }

        var tripBeta = Jalon(tripLog, karim, "Bêta testée par 200 habitants", -12);
        var tripRelease = Jalon(tripLog, karim, "Version 1 publiée sur les magasins d'applications", 60);
        var schemaDraft = Jalon(schema, plateau, "Schéma publié en consultation", -45);
        var schemaFinal = Jalon(schema, plateau, "Schéma 1.0 et aides de la région recensées", -7);
        var accountConnector = Jalon(account, combes, "Connecteur aux aides de la région", -30);
        var accountPilot = Jalon(account, combes, "Pilote avec 50 bénéficiaires", 3);
        var accountOpen = Jalon(account, combes, "Ouverture à tout le territoire", 75);
        var cargoPrototype = Jalon(cargo, atelier, "Prototype roulant validé", -35);
        var cargoGuide = Jalon(cargo, atelier, "Guide illustré publié", 50);
        db.Meetings.Add(new Meeting(tripLog.Id, today.AddDays(-20), "Bilan des tests avec les habitants", Day(-150)));
        db.Meetings.Add(new Meeting(tripLog.Id, today.AddDays(10), "Préparation de la version 1", Day(-150)));

        Ensure(call.SetPlannedDates(PhaseSchedule.From([
            (CallPhase.Framing, today.AddDays(-200)), (CallPhase.Challenges, today.AddDays(-180)), (CallPhase.Commons, today.AddDays(-160)),
            (CallPhase.Budgeting, today.AddDays(-110)), (CallPhase.Results, today.AddDays(-82)), (CallPhase.FollowUp, today.AddDays(-80))])));
        Ensure(call.ChangeBudgetRules(call.BudgetRules with { FundingOpensAt = Day(-110, 9), FundingClosesAt = Day(-82, 17) }));
        var facts = new PhaseFacts(MemberParticipants: members.Length, PublishedChallenges: 4, ApprovedCommons: 5, Pool: 0, OwnFunds: 0);
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            call.MoveTo(phase, facts);
        }

        await db.SaveChangesAsync(ct);

        // The same services as in real use, on the past clock.
        var changes = ActivatorUtilities.CreateInstance<CallChanges>(services, clock);
        var notifier = ActivatorUtilities.CreateInstance<Notifier>(services, clock);
        var funds = ActivatorUtilities.CreateInstance<FundsService>(services, changes);
        var phases = new CallPhaseService(changes);
        var contributions = ActivatorUtilities.CreateInstance<ContributionService>(services, clock);
        var receipts = ActivatorUtilities.CreateInstance<ContributionReceipts>(services, notifier, clock);
        var badges = ActivatorUtilities.CreateInstance<BadgeIssuer>(services, notifier);
        var round = ActivatorUtilities.CreateInstance<RoundService>(services, changes, notifier, badges);
        var agreements = ActivatorUtilities.CreateInstance<AgreementService>(services, changes, ActivatorUtilities.CreateInstance<AgreementNotices>(services, notifier), badges);
        var camille = new Actor(facilitator.Id, IsAdministrator: false, IsFacilitator: true);
        Actor Person(AppUser user) => new(user.Id, IsAdministrator: false, IsFacilitator: false);

        clock.Now = Day(-112);
        Ensure(await funds.PledgeAsync(Person(funder), new MakePledge(call.Id, funderOrganisation.Id, 18_000_000, IsMatching: false), ct));
        Ensure(await funds.PledgeAsync(Person(region.User), new MakePledge(call.Id, region.Organisation.Id, 4_000_000, IsMatching: true), ct));
        clock.Now = Day(-110, 9);
        Ensure(await phases.MoveAsync(camille, new MovePhase(call.Id, CallPhase.Budgeting), ct));
        Ensure(await funds.DistributeEquallyAsync(camille, new DistributeGrantsEqually(call.Id), ct));

        // 300 000 € each; co-creators do not fund their own commons. The hitchhiking commons stays below its minimum.
        var gifts = new (int Member, CommonsEntity Commons, long Amount)[][]
        {
            [(0, schema, 1_000_000), (0, account, 1_500_000), (0, cargo, 300_000), (0, hitchhiking, 200_000)],
            [(1, tripLog, 1_200_000), (1, schema, 800_000), (1, account, 800_000), (1, cargo, 200_000)],
            [(2, tripLog, 1_000_000), (2, cargo, 500_000), (2, hitchhiking, 500_000)],
            [(3, tripLog, 800_000), (3, schema, 600_000), (3, account, 1_200_000), (3, hitchhiking, 200_000)],
            [(4, tripLog, 1_500_000), (4, account, 1_500_000)],
            [(5, schema, 600_000), (5, cargo, 400_000), (5, hitchhiking, 400_000)],
        };
        for (var i = 0; i < gifts.Length; i++)
        {
            clock.Now = Day(-104 + 3 * i, 14);
            foreach (var (member, target, amount) in gifts[i])
            {
                var (organisation, user) = members[member];
                Ensure(await contributions.SetAsync(Person(user), new SetContribution(call.Id, target.Id, organisation.Id, amount), ct));
            }

            clock.Now = clock.Now.AddMinutes(20);
            await receipts.SendDueAsync(ct);
        }

        clock.Now = Day(-82, 18);
        Ensure(await round.CloseAsync(camille, new CloseRound(call.Id), ct));
        clock.Now = Day(-80);
        Ensure(await phases.MoveAsync(camille, new MovePhase(call.Id, CallPhase.FollowUp), ct));

        // 30 % (20 % for the account) at the start, the rest at the milestones; each lead holder accepts its schedule.
        var schedules = new (CommonsEntity Commons, (Organisation Organisation, AppUser User) Lead, TrancheTerms[] Terms)[]
        {
            (tripLog, karim, [new(null, 30), new(tripBeta.Id, 40), new(tripRelease.Id, 30)]),
            (schema, plateau, [new(null, 30), new(schemaDraft.Id, 40), new(schemaFinal.Id, 30)]),
            (account, combes, [new(null, 20), new(accountConnector.Id, 30), new(accountPilot.Id, 30), new(accountOpen.Id, 20)]),
            (cargo, atelier, [new(null, 30), new(cargoPrototype.Id, 40), new(cargoGuide.Id, 30)]),
        };
        clock.Now = Day(-78);
        foreach (var (commons, lead, terms) in schedules)
        {
            Ensure(await agreements.ProposeScheduleAsync(camille, new ProposeSchedule(call.Id, commons.Id, lead.Organisation.Id, terms), ct));
        }

        clock.Now = Day(-75);
        foreach (var (commons, lead, _) in schedules)
        {
            Ensure(await agreements.AcceptScheduleAsync(Person(lead.User), new AcceptSchedule(call.Id, commons.Id), ct));
        }

        async Task DeclareAsync(int day, CommonsEntity commons, (Organisation Organisation, AppUser User) holder, Milestone milestone, string evidence)
        {
            clock.Now = Day(day);
            Ensure(await agreements.DeclareDoneAsync(Person(holder.User), new DeclareMilestoneDone(call.Id, commons.Id, milestone.Id, holder.Organisation.Id, [evidence]), ct));
        }

        async Task AcceptAsync(int day, CommonsEntity commons, Milestone milestone)
        {
            clock.Now = Day(day, 15);
            Ensure(await agreements.AcceptMilestoneAsync(camille, new AcceptMilestone(call.Id, commons.Id, milestone.Id), ct));
        }

        await DeclareAsync(-48, schema, plateau, schemaDraft, "https://schema.hautes-combes.example/aides-mobilite/consultation");
        await AcceptAsync(-46, schema, schemaDraft);
        await DeclareAsync(-33, account, combes, accountConnector, "https://forge.hautes-combes.example/compte-mobilite/releases/connecteur-region");
        await AcceptAsync(-30, account, accountConnector);
        clock.Now = Day(-20, 16);
        Ensure(await agreements.CancelAsync(camille, new CancelAgreement(call.Id, cargo.Id,
            "L'atelier porteur a perdu son local et suspend son activité ; les plans du prototype restent publiés sous licence ouverte."), ct));
        await DeclareAsync(-16, tripLog, karim, tripBeta, "https://forge.hautes-combes.example/carnet-trajets/releases/beta");
        clock.Now = Day(-14, 11);
        Ensure(await agreements.AskChangesAsync(camille, new AskMilestoneChanges(call.Id, tripLog.Id, tripBeta.Id,
            "Il manque le compte rendu du test avec les 200 habitants : joignez-le pour que le jalon soit accepté."), ct));
        await DeclareAsync(-10, schema, plateau, schemaFinal, "https://schema.hautes-combes.example/aides-mobilite/1.0");
        await AcceptAsync(-8, schema, schemaFinal);
        await DeclareAsync(-2, account, combes, accountPilot, "https://compte-mobilite.hautes-combes.example/bilan-pilote");
        await SeedExpensesAsync(services, changes, clock, call.Id, [
            new(karim, tripLog, 0, -70, 850_000, "Développement du chiffrement local (sprint 1)", "Numérique Libre des Combes"),
            new(plateau, schema, 0, -60, 450_000, "Animation de la consultation publique", "Combes Mobilité Solidaire"),
            new(combes, account, 0, -58, 1_200_000, "Connecteur à l'API des aides régionales", "Numérique Libre des Combes"),
            new(karim, tripLog, 1, -50, 36_000, "Hébergement des serveurs de test (3 mois)", "Hébergeur coopératif des Combes"),
            new(plateau, schema, 1, -25, 360_000, "Recensement des aides : gratification du stage", "Université des Hautes-Combes"),
            new(karim, tripLog, 0, -18, 4_250, "Ateliers de test : salle et café", "Foyer rural de Saint-Ours", Photo: true),
            new(combes, account, 1, -12, 180_000, "Permanences d'accompagnement (deux mois)", "Maison France Services du Plateau"),
            new(combes, account, 1, -11, 180_000, "Permanences d'accompagnement (deux mois)", "Maison France Services du Plateau"),
        ], (d, h) => Day(d, h), ct);
    }

    /// <summary>The clock the follow-up call's history is played on: set to each day of it in turn.</summary>
    private sealed class PastClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
