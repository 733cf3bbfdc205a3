using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.WorkingGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// A call brought to a phase through the real services: a facilitator, a joined funder, joined members (the
/// first authored a published challenge, the second a draft one), an organisation that is only invited, and
/// an outsider organisation with its own representative.
/// </summary>
public sealed class CommonsScenario
{
    private CommonsScenario(AppFactory app, Call call, Actor facilitator, Member funder, IReadOnlyList<Member> members, Member invited, Member outsider, Guid published, Guid draft)
    {
        App = app;
        Call = call;
        Facilitator = facilitator;
        Funder = funder;
        Members = members;
        Invited = invited;
        Outsider = outsider;
        PublishedChallenge = published;
        DraftChallenge = draft;
    }

    public AppFactory App { get; }

    public Call Call { get; }

    public string Slug => Call.Slug;

    public Actor Facilitator { get; }

    public Member Funder { get; }

    public IReadOnlyList<Member> Members { get; }

    /// <summary>Invited as a member but not joined yet.</summary>
    public Member Invited { get; }

    /// <summary>An organisation that takes no part in the call.</summary>
    public Member Outsider { get; }

    public Guid PublishedChallenge { get; }

    public Guid DraftChallenge { get; }

    public CommonsService Commons => App.Services.GetRequiredService<CommonsService>();

    public CommonsQueries Queries => App.Services.GetRequiredService<CommonsQueries>();

    public PositioningService Positionings => App.Services.GetRequiredService<PositioningService>();

    public WorkingGroupService Groups => App.Services.GetRequiredService<WorkingGroupService>();

    public static async Task<CommonsScenario> CreateAsync(AppFactory app, CallPhase phase = CallPhase.Commons, CallVisibility visibility = CallVisibility.Public, int memberCount = 3)
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(visibility, facilitator);

        async Task<Member> OrganisationAsync(string prefix, ParticipantRole? role, bool join = true)
        {
            var org = await data.OrganisationAsync($"{prefix} {Guid.NewGuid():N}"[..20]);
            if (role is { } r && join)
            {
                await data.JoinAsync(call, org, r);
            }
            else if (role is { } invitedRole)
            {
                await using var db = await data.DbAsync();
                db.Participants.Add(new Participant(call.Id, org.Id, invitedRole, app.Clock.GetUtcNow()));
                await db.SaveChangesAsync();
            }

            return new Member(org, await data.UserAsync(organisation: org.Id));
        }

        var funder = await OrganisationAsync("Financeur", ParticipantRole.Funder);
        var members = new List<Member>();
        for (var i = 0; i < memberCount; i++)
        {
            members.Add(await OrganisationAsync($"Membre {i}", ParticipantRole.Member));
        }

        var invited = await OrganisationAsync("Invitée", ParticipantRole.Member, join: false);
        var outsider = await OrganisationAsync("Extérieure", null);

        Guid published, draft;
        await using (var db = await data.DbAsync())
        {
            var question = new Challenge(call.Id, members[0].Id, "Comment prouver qu'un covoiturage a eu lieu ?", "Contexte", app.Clock.GetUtcNow());
            question.Publish();
            var unpublished = new Challenge(call.Id, members[1 % memberCount].Id, "Comment recenser les aires de covoiturage ?", "Brouillon", app.Clock.GetUtcNow());
            db.Challenges.AddRange(question, unpublished);
            await db.SaveChangesAsync();
            (published, draft) = (question.Id, unpublished.Id);
        }

        var scenario = new CommonsScenario(app, call, facilitator, funder, members, invited, outsider, published, draft);
        await scenario.MoveToAsync(phase);
        return scenario;
    }

    /// <summary>Moves the call forward to <paramref name="target"/>; Budgeting needs an approved commons (see <see cref="OpenBudgetingAsync"/>).</summary>
    public async Task MoveToAsync(CallPhase target)
    {
        var phases = App.Services.GetRequiredService<CallPhaseService>();
        var current = await PhaseAsync();
        for (var phase = current + 1; phase <= target; phase++)
        {
            (await phases.MoveAsync(Facilitator, new MovePhase(Call.Id, phase))).Error.ShouldBeNull();
        }
    }

    /// <summary>Approves the commons, pledges a pool and opens the budget round.</summary>
    public async Task OpenBudgetingAsync(Guid commonsId)
    {
        (await App.Services.GetRequiredService<CommonsReviewService>().ApproveAsync(Facilitator, new ApproveCommons(Call.Id, commonsId))).Error.ShouldBeNull();
        (await App.Services.GetRequiredService<FundsService>().PledgeAsync(Funder.User, new MakePledge(Call.Id, Funder.Id, 100_000, IsMatching: false))).Error.ShouldBeNull();
        await MoveToAsync(CallPhase.Budgeting);
    }

    public async Task<CallPhase> PhaseAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Calls.Where(c => c.Id == Call.Id).Select(c => c.Phase).SingleAsync();
    }

    public ProposeCommons AProposal(Member by, string title = "Registre de preuve de covoiturage") => new(
        Call.Id,
        by.Id,
        ADescription(title),
        [new BudgetLine("Développement", 800_000, 1_500_000), new BudgetLine("Animation", 200_000, 500_000)],
        [PublishedChallenge]);

    public static CommonsDescription ADescription(string title = "Registre de preuve de covoiturage") => new(
        title,
        "Certifie qu'un trajet partagé a eu lieu pour que les collectivités versent leurs incitations.",
        CommonsKind.Software,
        "AGPL-3.0-only",
        CommonsMaturity.Emergence,
        "Comité des contributeurs",
        "Rencontre mensuelle",
        "Ateliers usagers",
        "Temps de développement",
        CommonsNeeds.Funding | CommonsNeeds.Contributors,
        "API, animation");

    /// <summary>A commons proposed by <paramref name="by"/> through the service.</summary>
    public async Task<Guid> ProposeAsync(Member by, string title = "Registre de preuve de covoiturage")
    {
        var result = await Commons.ProposeAsync(by.User, AProposal(by, title));
        result.Error.ShouldBeNull();
        return result.Value;
    }

    public async Task<CommonsEntity> LoadAsync(Guid commonsId)
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Commons.AsNoTracking().Include(c => c.CoCreators).Include(c => c.Challenges).AsSplitQuery().SingleAsync(c => c.Id == commonsId);
    }

    public async Task<int> AuditCountAsync(string action)
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Audit.CountAsync(a => a.CallId == Call.Id && a.Action == action);
    }
}
