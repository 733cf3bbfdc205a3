using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using Microsoft.Extensions.DependencyInjection;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Support;

/// <summary>A member organisation of a scenario and the user who represents it.</summary>
public sealed record Member(Organisation Organisation, Actor User)
{
    public Guid Id => Organisation.Id;
}

/// <summary>
/// A call taken to the Budgeting phase through the real services: a facilitator, a funder who pledged the
/// pool, joined members with equal grants, and approved commons with the given goals.
/// </summary>
public sealed class BudgetScenario
{
    private BudgetScenario(AppFactory app, Call call, Actor facilitator, Member funder, IReadOnlyList<Member> members)
    {
        App = app;
        Call = call;
        Facilitator = facilitator;
        Funder = funder;
        Members = members;
    }

    public AppFactory App { get; }

    public Call Call { get; }

    public Actor Facilitator { get; }

    public Member Funder { get; }

    public IReadOnlyList<Member> Members { get; }

    public List<CommonsEntity> Commons { get; } = [];

    public ContributionService Contributions => App.Services.GetRequiredService<ContributionService>();

    public FundsService Funds => App.Services.GetRequiredService<FundsService>();

    public RoundService Round => App.Services.GetRequiredService<RoundService>();

    /// <summary>
    /// Builds the scenario up to the Commons phase with <paramref name="memberCount"/> members, a pool of
    /// <paramref name="pool"/> split equally, and the given commons (minimum, maximum). Call
    /// <see cref="OpenRoundAsync"/> to start Budgeting.
    /// </summary>
    public static async Task<BudgetScenario> CreateAsync(AppFactory app, int memberCount, long pool, BudgetRules? rules = null, params (long Min, long Max)[] commons)
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(CallVisibility.Public, facilitator);
        var funderOrg = await data.OrganisationAsync("Financeur " + Guid.NewGuid().ToString("N")[..6]);
        await data.JoinAsync(call, funderOrg, ParticipantRole.Funder);
        var funder = new Member(funderOrg, await data.UserAsync(organisation: funderOrg.Id));

        var members = new List<Member>();
        for (var i = 0; i < memberCount; i++)
        {
            var org = await data.OrganisationAsync($"Membre {i:D3} {Guid.NewGuid():N}"[..20]);
            await data.JoinAsync(call, org, ParticipantRole.Member);
            members.Add(new Member(org, await data.UserAsync(organisation: org.Id)));
        }

        var scenario = new BudgetScenario(app, call, facilitator, funder, members);
        await using (var db = await data.DbAsync())
        {
            var challenge = new Challenge(call.Id, members[0].Id, "Comment partager plus de vélos ?", "Contexte", app.Clock.GetUtcNow());
            challenge.Publish();
            db.Challenges.Add(challenge);
            foreach (var (min, max) in commons)
            {
                var c = new CommonsEntity(call.Id, members[0].Id, $"Commun {scenario.Commons.Count + 1}", "Résumé", CommonsKind.Software, "MIT", app.Clock.GetUtcNow());
                c.SetBudgetLines([new BudgetLine("Développement", min, max)]);
                c.Approve().IsSuccess.ShouldBeTrue();
                db.Commons.Add(c);
                scenario.Commons.Add(c);
            }

            await db.SaveChangesAsync();
        }

        var phases = app.Services.GetRequiredService<CallPhaseService>();
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, phase))).Error.ShouldBeNull();
        }

        if (rules is not null)
        {
            (await app.Services.GetRequiredService<BudgetRulesService>().SetAsync(facilitator, new SetBudgetRules(call.Id, rules))).Error.ShouldBeNull();
        }

        if (pool > 0)
        {
            (await scenario.Funds.PledgeAsync(funder.User, new MakePledge(call.Id, funderOrg.Id, pool, IsMatching: false))).Error.ShouldBeNull();
            (await scenario.Funds.DistributeEquallyAsync(facilitator, new DistributeGrantsEqually(call.Id))).Error.ShouldBeNull();
        }

        return scenario;
    }

    public async Task OpenRoundAsync() =>
        (await App.Services.GetRequiredService<CallPhaseService>().MoveAsync(Facilitator, new MovePhase(Call.Id, CallPhase.Budgeting))).Error.ShouldBeNull();

    public Task<CommonsCall.Domain.Common.Result<ContributionResult>> ContributeAsync(Member member, CommonsEntity commons, long amount) =>
        Contributions.SetAsync(member.User, new SetContribution(Call.Id, commons.Id, member.Id, amount));

    public async Task<IReadOnlyList<string>> VerifyLedgerAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return await LedgerCheck.VerifyAsync(db, Call.Id);
    }

    public async Task<int> LedgerCountAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return db.Ledger.Count(e => e.CallId == Call.Id);
    }

    public async Task<MemberBudget> BudgetOfAsync(Member member)
    {
        await using var db = await new TestData(App).DbAsync();
        return db.MemberBudgets.Single(b => b.CallId == Call.Id && b.OrganisationId == member.Id);
    }

    public async Task<CommonsEntity> ReloadAsync(CommonsEntity commons)
    {
        await using var db = await new TestData(App).DbAsync();
        return db.Commons.Single(c => c.Id == commons.Id);
    }
}
