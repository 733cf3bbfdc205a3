using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Conversation;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Onboarding;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Objections;
using CommonsCall.Web.Features.WorkingGroups;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Security;

/// <summary>Who calls the API in the authorisation matrix.</summary>
public enum Role
{
    Anonymous,

    /// <summary>Represents a member organisation of another call only: an outsider to the call concerned.</summary>
    OtherCallMember,

    /// <summary>Represents a joined member organisation that is neither author nor co-creator of what is concerned.</summary>
    Member,

    /// <summary>Represents the organisation that proposed the commons concerned (and authored the challenges).</summary>
    CoCreator,

    Funder,

    /// <summary>A platform facilitator who facilitates the call concerned.</summary>
    Facilitator,

    /// <summary>A platform administrator who takes no part in the call.</summary>
    Administrator,
}

/// <summary>
/// The people of the matrix, made once per app: one user per role with a token, their organisations, and
/// another call (where <see cref="Role.OtherCallMember"/> is a member).
/// </summary>
public sealed class SecurityPeople
{
    public required Actor Facilitator { get; init; }

    public required Actor Administrator { get; init; }

    public required Member Member { get; init; }

    public required Member CoCreator { get; init; }

    public required Member Funder { get; init; }

    public required Member OtherCallMember { get; init; }

    /// <summary>An organisation without a user among the roles: second co-creator, invited elsewhere.</summary>
    public required Organisation Spare { get; init; }

    public required IReadOnlyDictionary<Role, HttpClient> Clients { get; init; }

    public IReadOnlySet<Guid> OrganisationIds => new HashSet<Guid> { Member.Id, CoCreator.Id, Funder.Id, OtherCallMember.Id, Spare.Id };

    public Actor? ActorOf(Role role) => role switch
    {
        Role.Anonymous => null,
        Role.OtherCallMember => OtherCallMember.User,
        Role.Member => Member.User,
        Role.CoCreator => CoCreator.User,
        Role.Funder => Funder.User,
        Role.Facilitator => Facilitator,
        _ => Administrator,
    };

    /// <summary>The organisation a role speaks for; roles without one name the member's (and are refused for it).</summary>
    public Guid OrganisationOf(Role role) => role switch
    {
        Role.OtherCallMember => OtherCallMember.Id,
        Role.CoCreator => CoCreator.Id,
        Role.Funder => Funder.Id,
        _ => Member.Id,
    };

    public static async Task<SecurityPeople> CreateAsync(AppFactory app)
    {
        var data = new TestData(app);
        async Task<Member> RepresentedAsync(string name)
        {
            var org = await data.OrganisationAsync($"{name} {Guid.NewGuid():N}"[..20]);
            return new Member(org, await data.UserAsync(organisation: org.Id));
        }

        var facilitator = await data.UserAsync(Roles.Facilitator);
        var administrator = await data.UserAsync(Roles.Administrator);
        var member = await RepresentedAsync("Membre");
        var coCreator = await RepresentedAsync("Cocréatrice");
        var funder = await RepresentedAsync("Financeur");
        var other = await RepresentedAsync("Ailleurs");
        var spare = await data.OrganisationAsync($"Seconde {Guid.NewGuid():N}"[..20]);

        var otherCall = await data.CallAsync(CallVisibility.Public, await data.UserAsync(Roles.Facilitator));
        await data.JoinAsync(otherCall, other.Organisation, ParticipantRole.Member);

        var clients = new Dictionary<Role, HttpClient> { [Role.Anonymous] = ApiClient.Anonymous(app) };
        foreach (var (role, actor) in new[]
                 {
                     (Role.OtherCallMember, other.User), (Role.Member, member.User), (Role.CoCreator, coCreator.User),
                     (Role.Funder, funder.User), (Role.Facilitator, facilitator), (Role.Administrator, administrator),
                 })
        {
            clients[role] = await ApiClient.ForAsync(app, actor);
        }

        return new SecurityPeople
        {
            Facilitator = facilitator,
            Administrator = administrator,
            Member = member,
            CoCreator = coCreator,
            Funder = funder,
            OtherCallMember = other,
            Spare = spare,
            Clients = clients,
        };
    }
}

/// <summary>
/// A fresh members-only call for one cell of the matrix, built through the real services: the member, the
/// co-creator and the spare organisation joined as members, the funder as funder (with a pledged pool), the
/// member also invited as funder; a published and a draft challenge of the co-creator; a commons it proposed
/// with the spare organisation as second co-creator, a milestone and a meeting; a glossary term, a scope
/// statement, a spare token of the member and a second representative of its organisation, a second facilitator and a
/// spare person outside the call; on the published challenge, a comment and a question of the member, answered by the
/// co-creator. In <see cref="CallPhase.Budgeting"/> the commons is approved,
/// the pool granted and the round open. In <see cref="CallPhase.Results"/> the member gave 250.00 and the round is settled: the
/// commons is funded, and its agreement has a proposed schedule (30 % at the start, 70 % at the milestone) led by the
/// co-creator. In <see cref="CallPhase.FollowUp"/> the co-creator has accepted that schedule and declared the milestone done.
/// </summary>
public sealed class SecurityWorld
{
    public required SecurityPeople People { get; init; }

    public required Call Call { get; init; }

    public string Slug => Call.Slug;

    public required Guid Challenge { get; init; }

    public required Guid DraftChallenge { get; init; }

    public required Guid Commons { get; init; }

    public required Guid GlossaryTerm { get; init; }

    public required Guid ScopeStatement { get; init; }

    public required Guid Milestone { get; init; }

    public required Guid Meeting { get; init; }

    public required Guid MemberSpareToken { get; init; }

    /// <summary>A notification of the member's person (only they may mark it read).</summary>
    public required Guid MemberNotification { get; init; }

    /// <summary>A second person representing the member's organisation, whom its representatives may remove.</summary>
    public required string SpareRepresentative { get; init; }

    /// <summary>A person who takes no part in the call, with the platform Facilitator role: named co-facilitator, or managed by administrators.</summary>
    public required string SpareUser { get; init; }

    public required string SpareUserEmail { get; init; }

    /// <summary>A second facilitator of the call, whom its facilitators may remove (the first one stays).</summary>
    public required string CoFacilitator { get; init; }

    /// <summary>The member's comment on the published challenge (within its edit window).</summary>
    public required Guid Comment { get; init; }

    /// <summary>The member's question on the published challenge, and the co-creator's answer to it.</summary>
    public required Guid Question { get; init; }

    public required Guid Answer { get; init; }
    /// <summary>Someone a facilitator's import invited to represent a new organisation of the call, not yet registered.</summary>
    public required Guid OnboardingInvitation { get; init; }

    /// <summary>A device code (RFC 8628) the member approved: the program's next poll gets a token.</summary>
    public required string ApprovedDeviceCode { get; init; }

    /// <summary>A second commons of the co-creator, proposed, with its objection window open and the funder's objection waiting for an answer.</summary>
    public required Guid ObjectedCommons { get; init; }

    /// <summary>The funder's open objection to <see cref="ObjectedCommons"/>.</summary>
    public required Guid Objection { get; init; }

    /// <summary>In <see cref="CallPhase.FollowUp"/>: the co-creator's expense on the funded commons (empty before).</summary>
    public Guid Expense { get; init; }

    /// <summary>In <see cref="CallPhase.FollowUp"/>: the PDF receipt of <see cref="Expense"/> (empty before).</summary>
    public Guid Receipt { get; init; }

    /// <summary>In <see cref="CallPhase.FollowUp"/>: the PDF the co-creator attached to its milestone declaration (empty before).</summary>
    public Guid EvidenceFile { get; init; }

    /// <summary>From <see cref="CallPhase.Results"/>: the co-creator's badge as holder of the funded commons, issued at settlement (empty before).</summary>
    public Guid Badge { get; init; }

    /// <summary>Evaluation: the criteria of the call's grid (NLnet's three weights), in order.</summary>
    public required IReadOnlyList<Guid> Criteria { get; init; }

    /// <summary>Evaluation: the member's person evaluates the call and is assigned the commons, not scored yet.</summary>
    public string Evaluator => People.Member.User.UserId!;

    /// <summary>Evaluation: a planned selection session, not published.</summary>
    public required Guid SelectionSession { get; init; }

    public string Url(string path) => $"/api/v1/calls/{Slug}/{path}";

    public static async Task<SecurityWorld> CreateAsync(AppFactory app, SecurityPeople people, CallPhase phase)
    {
        var data = new TestData(app);
        var services = app.Services;
        var facilitator = people.Facilitator;
        var call = await data.CallAsync(CallVisibility.MembersOnly, facilitator);
        await data.JoinAsync(call, people.Member.Organisation, ParticipantRole.Member);
        await data.JoinAsync(call, people.CoCreator.Organisation, ParticipantRole.Member);
        await data.JoinAsync(call, people.Spare, ParticipantRole.Member);
        await data.JoinAsync(call, people.Funder.Organisation, ParticipantRole.Funder);

        // Before the phases move on: a settled call takes no new participant.
        var onboardingId = Guid.NewGuid().ToString("N")[..10];
        (await services.GetRequiredService<OnboardingService>().ApplyAsync(facilitator, new ImportOrganisations(
            $"nom;emails\nInvitée {onboardingId};invitee-{onboardingId}@matrice.example") { CallId = call.Id })).Error.ShouldBeNull();
        Guid onboardingInvitation;
        await using (var db = await data.DbAsync())
        {
            onboardingInvitation = await db.OnboardingInvitations.Where(i => i.CallId == call.Id).Select(i => i.Id).SingleAsync();
        }


        Guid challenge, draft;
        await using (var db = await data.DbAsync())
        {
            db.Participants.Add(new Participant(call.Id, people.Member.Id, ParticipantRole.Funder, app.Clock.GetUtcNow()));
            var published = new Challenge(call.Id, people.CoCreator.Id, "Comment prouver qu'un covoiturage a eu lieu ?", "Contexte", app.Clock.GetUtcNow());
            published.Describe(new ChallengeContent(published.Question, "Contexte", [], null, null,
                [new ScenarioIndicator("Trajets certifiés par mois", 120m, 1_000m, "trajets")], null, null, null, 15, 20));
            published.Publish();
            var unpublished = new Challenge(call.Id, people.CoCreator.Id, "Comment recenser les aires de covoiturage ?", "Brouillon", app.Clock.GetUtcNow());
            db.Challenges.AddRange(published, unpublished);
            await db.SaveChangesAsync();
            (challenge, draft) = (published.Id, unpublished.Id);
        }

        var phases = services.GetRequiredService<CallPhaseService>();
        foreach (var next in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, next))).Error.ShouldBeNull();
        }

        var framing = services.GetRequiredService<CallFramingService>();
        var term = await framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("Commun", "Ressource partagée") { CallId = call.Id });
        var statement = await framing.AddScopeStatementAsync(facilitator, new SaveScopeStatement("Les trajets du quotidien", true) { CallId = call.Id });
        var commons = await services.GetRequiredService<CommonsService>().ProposeAsync(people.CoCreator.User, new ProposeCommons(
            call.Id, people.CoCreator.Id,
            new CommonsDescription("Registre de preuve de covoiturage", "Certifie qu'un trajet partagé a eu lieu.", CommonsKind.Software,
                "AGPL-3.0-only", CommonsMaturity.Emergence, null, null, null, null, CommonsNeeds.Funding, null),
            [new BudgetLine("Développement", 20_000, 50_000)], [challenge], [people.Spare.Id]));
        commons.Error.ShouldBeNull();
        var groups = services.GetRequiredService<WorkingGroupService>();
        var milestone = await groups.AddMilestoneAsync(facilitator, new AddMilestone(call.Id, commons.Value, "Spécification", TestClock.Today.AddDays(23), people.CoCreator.Id));
        var meeting = await groups.AddMeetingAsync(facilitator, new AddMeeting(call.Id, commons.Value, TestClock.Today.AddDays(8), "Lancement"));
        (term.Error ?? statement.Error ?? milestone.Error ?? meeting.Error).ShouldBeNull();
        var (objectedCommons, objection) = await ObjectAsync(app, people, call.Id, challenge);
        var funds = services.GetRequiredService<FundsService>();
        (await funds.PledgeAsync(people.Funder.User, new MakePledge(call.Id, people.Funder.Id, 100_000, IsMatching: false))).Error.ShouldBeNull();
        if (phase >= CallPhase.Budgeting)
        {
            (await services.GetRequiredService<CommonsReviewService>().ApproveAsync(facilitator, new ApproveCommons(call.Id, commons.Value))).Error.ShouldBeNull();
            (await funds.DistributeEquallyAsync(facilitator, new DistributeGrantsEqually(call.Id))).Error.ShouldBeNull();
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, CallPhase.Budgeting))).Error.ShouldBeNull();
        }

        var followed = phase >= CallPhase.Results ? await FollowAsync(app, people, call.Id, commons.Value, milestone.Value, phase) : default;
        var badge = phase >= CallPhase.Results ? await BadgeOfAsync(app, people.CoCreator.Id, call.Id) : Guid.Empty;

        var token = await services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(data.SignedInJustNow(people.Member.User), new CreateAccessToken("de rechange"));
        var spareRepresentative = await data.UserAsync(organisation: people.Member.Id);
        var conversation = services.GetRequiredService<CommentService>();
        async Task<Guid> PostAsync(Actor author, CommentKind kind, Guid? replyTo = null)
        {
            var posted = await conversation.PostAsync(author, new PostComment
            {
                CallId = call.Id, Subject = DiscussionSubject.Challenge, SubjectId = challenge, Body = "Qui tient la liste ?", Kind = kind, ReplyTo = replyTo,
            });
            posted.Error.ShouldBeNull();
            return posted.Value;
        }

        var comment = await PostAsync(people.Member.User, CommentKind.Comment);
        var question = await PostAsync(people.Member.User, CommentKind.Question);
        var answer = await PostAsync(people.CoCreator.User, CommentKind.Comment, question);

        Guid notification;
        await using (var db = await data.DbAsync())
        {
            var created = await services.GetRequiredService<Notifier>().NotifyUsersAsync(db, [people.Member.User.UserId!], NotificationType.Announcement, call.Id, $"/calls/{call.Slug}",
                new NotificationText(new Words("notifications.round.opened.title", call.Title)));
            await db.SaveChangesAsync();
            notification = created.Single().Id;
        }

        var spareEmail = $"spare-{Guid.NewGuid():N}@test.example";
        var spareUser = await data.UserAsync(Roles.Facilitator, email: spareEmail);
        var coFacilitator = await data.UserAsync();
        await using (var db = await data.DbAsync())
        {
            db.Set<CallFacilitator>().Add(new CallFacilitator(call.Id, coFacilitator.UserId!));
            await db.SaveChangesAsync();
        }

        var (criteria, selectionSession) = await EvaluateAsync(app, people, call.Id, commons.Value);
        var devices = services.GetRequiredService<DeviceFlowService>();
        var device = (await devices.StartAsync("matrice", "matrix world")).Value!;
        (await devices.AnswerAsync(data.SignedInJustNow(people.Member.User), device.UserCode, approve: true)).Error.ShouldBeNull();
        return new SecurityWorld
        {
            People = people,
            Call = call,
            Challenge = challenge,
            DraftChallenge = draft,
            Commons = commons.Value,
            GlossaryTerm = term.Value,
            ScopeStatement = statement.Value,
            Milestone = milestone.Value,
            Meeting = meeting.Value,
            MemberSpareToken = token.Value!.Id,
            MemberNotification = notification,
            SpareRepresentative = spareRepresentative.UserId!,
            SpareUser = spareUser.UserId!,
            SpareUserEmail = spareEmail,
            CoFacilitator = coFacilitator.UserId!,
            Comment = comment,
            Question = question,
            Answer = answer,
            OnboardingInvitation = onboardingInvitation,
            ApprovedDeviceCode = device.DeviceCode,
            ObjectedCommons = objectedCommons,
            Objection = objection,
            Expense = followed.Expense,
            Receipt = followed.Receipt,
            EvidenceFile = followed.EvidenceFile,
            Criteria = criteria,
            SelectionSession = selectionSession,
            Badge = badge,
        };
    }

    /// <summary>Recognition: the badge settlement issued to <paramref name="organisationId"/> as holder of the funded commons.</summary>
    private static async Task<Guid> BadgeOfAsync(AppFactory app, Guid organisationId, Guid callId)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Set<Domain.Recognition.Badge>()
            .Where(b => b.CallId == callId && b.RecipientOrganisationId == organisationId && b.Kind == Domain.Recognition.BadgeKind.FundedCommonsHolder)
            .Select(b => b.Id).SingleAsync();
    }

    /// <summary>Objections (issue 16 §4): a second commons under an open window, and the funder's objection to it.</summary>
    private static async Task<(Guid Commons, Guid Objection)> ObjectAsync(AppFactory app, SecurityPeople people, Guid callId, Guid challenge)
    {
        var services = app.Services;
        var commons = await services.GetRequiredService<CommonsService>().ProposeAsync(people.CoCreator.User, new ProposeCommons(
            callId, people.CoCreator.Id,
            new CommonsDescription("Jeu de données des aires de covoiturage", "Recense les aires.", CommonsKind.Data,
                "ODbL-1.0", CommonsMaturity.Emergence, null, null, null, null, CommonsNeeds.Funding, null),
            [new BudgetLine("Collecte", 10_000, 30_000)], [challenge], []));
        commons.Error.ShouldBeNull();
        var objections = services.GetRequiredService<ObjectionService>();
        (await objections.OpenWindowAsync(people.Facilitator, new OpenObjectionWindow(null) { CallId = callId, CommonsId = commons.Value })).Error.ShouldBeNull();
        var objection = await objections.RaiseAsync(people.Funder.User, new RaiseObjection(people.Funder.Id, "Les aires privées ne sont pas prévues dans la collecte.")
        {
            CallId = callId, CommonsId = commons.Value,
        });
        objection.Error.ShouldBeNull();
        return (commons.Value, objection.Value);
    }

    /// <summary>Evaluation: NLnet's grid, the member's person evaluator of the call with the commons assigned, and a planned session.</summary>
    private static async Task<(IReadOnlyList<Guid> Criteria, Guid Session)> EvaluateAsync(AppFactory app, SecurityPeople people, Guid callId, Guid commonsId)
    {
        var services = app.Services;
        (await services.GetRequiredService<EvaluationService>().SaveGridAsync(people.Facilitator, new SaveGrid(callId, GridTemplates.Find(GridTemplates.NLnet, "fr")!.Criteria)))
            .Error.ShouldBeNull();
        await using (var db = await new TestData(app).DbAsync())
        {
            db.CallEvaluators.Add(new CallEvaluator(callId, people.Member.User.UserId!, app.Clock.GetUtcNow()));
            db.EvaluationAssignments.Add(new EvaluationAssignment(callId, commonsId, people.Member.User.UserId!, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var session = await services.GetRequiredService<SelectionService>().OpenAsync(people.Facilitator, new OpenSession(callId, "Session d'hiver", TestClock.Today.AddDays(20)));
        session.Error.ShouldBeNull();
        await using var read = await new TestData(app).DbAsync();
        return (await read.EvaluationCriteria.Where(c => c.CallId == callId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(), session.Value);
    }

    /// <summary>
    /// Settles the round with the commons funded and takes its agreement as far as <paramref name="phase"/> says; in
    /// Follow-up the declaration carries a PDF, and the co-creator has recorded an expense with a PDF receipt.
    /// </summary>
    private static async Task<(Guid Expense, Guid Receipt, Guid EvidenceFile)> FollowAsync(AppFactory app, SecurityPeople people, Guid callId, Guid commonsId, Guid milestoneId, CallPhase phase)
    {
        var services = app.Services;
        var facilitator = people.Facilitator;
        (await services.GetRequiredService<ContributionService>().SetAsync(people.Member.User, new SetContribution(callId, commonsId, people.Member.Id, 25_000))).Error.ShouldBeNull();
        (await services.GetRequiredService<RoundService>().CloseAsync(facilitator, new CloseRound(callId))).Error.ShouldBeNull();
        var agreements = services.GetRequiredService<AgreementService>();
        (await agreements.ProposeScheduleAsync(facilitator, new ProposeSchedule(callId, commonsId, people.CoCreator.Id, [new TrancheTerms(null, 30), new TrancheTerms(milestoneId, 70)]))).Error.ShouldBeNull();
        if (phase >= CallPhase.FollowUp)
        {
            (await services.GetRequiredService<CallPhaseService>().MoveAsync(facilitator, new MovePhase(callId, CallPhase.FollowUp))).Error.ShouldBeNull();
            (await agreements.AcceptScheduleAsync(people.CoCreator.User, new AcceptSchedule(callId, commonsId))).Error.ShouldBeNull();
            (await agreements.DeclareDoneAsync(people.CoCreator.User, new DeclareMilestoneDone(callId, commonsId, milestoneId, people.CoCreator.Id, ["https://git.example/registre/v1"],
                [TestFiles.Receipt("specification.pdf", TestFiles.Pdf("Spécification v1"))]))).Error.ShouldBeNull();
            var expense = await services.GetRequiredService<ExpenseService>().RecordAsync(people.CoCreator.User, new RecordExpense(
                callId, commonsId, people.CoCreator.Id, new ExpenseTerms(0, 4_000, TestClock.Today.AddDays(-1), "Hébergement du registre", "Hébergeur coopératif"), [TestFiles.Receipt()]));
            await using var db = await new TestData(app).DbAsync();
            var receipt = await db.Attachments.Where(a => a.OwnerId == expense.Value).Select(a => a.Id).SingleAsync();
            var evidence = await db.Attachments.Where(a => a.CallId == callId && a.Owner == Domain.Attachments.AttachmentOwner.Evidence).Select(a => a.Id).SingleAsync();
            return (expense.Succeeded(), receipt, evidence);
        }

        return default;
    }
}
