using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// A call settled through the real services, with one funded commons (1 500.00 given by three members) and one not
/// funded. The funded commons was proposed by <see cref="Lead"/>, has <see cref="Associate"/> as a second co-creator
/// and two milestones on its roadmap: <see cref="SecondMilestone"/> (due three days before the clock's start, so late)
/// and <see cref="Delivery"/> (due in sixty days).
/// </summary>
public sealed class FollowUpScenario
{
    public const long Award = 150_000;

    private FollowUpScenario(BudgetScenario budget, Milestone second, Milestone delivery)
    {
        Budget = budget;
        SecondMilestone = second;
        Delivery = delivery;
    }

    public BudgetScenario Budget { get; }

    public Guid CallId => Budget.Call.Id;

    public Actor Facilitator => Budget.Facilitator;

    public Member Lead => Budget.Members[0];

    public Member Associate => Budget.Members[1];

    /// <summary>A member who gave to the commons but does not hold it.</summary>
    public Member Contributor => Budget.Members[2];

    public Member Funder => Budget.Funder;

    public Domain.Commons.Commons Funded => Budget.Commons[0];

    public Domain.Commons.Commons NotFunded => Budget.Commons[1];

    public Milestone SecondMilestone { get; }

    public Milestone Delivery { get; }

    public AgreementService Agreements => Budget.App.Services.GetRequiredService<AgreementService>();

    public AgreementQueries Queries => Budget.App.Services.GetRequiredService<AgreementQueries>();

    /// <summary>30 % at the start, 40 % at the second milestone, 30 % on delivery.</summary>
    public ProposeSchedule UsualSchedule =>
        new(CallId, Funded.Id, Lead.Id, [new TrancheTerms(null, 30), new TrancheTerms(SecondMilestone.Id, 40), new TrancheTerms(Delivery.Id, 30)]);

    public static async Task<FollowUpScenario> CreateAsync(AppFactory app)
    {
        var budget = await BudgetScenario.CreateAsync(app, memberCount: 4, pool: 400_000, null, (100_000, 1_000_000), (900_000, 1_000_000));
        var now = app.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var second = new Milestone(budget.Commons[0].Id, "Version bêta publiée", today.AddDays(-3), budget.Members[0].Id, now);
        var delivery = new Milestone(budget.Commons[0].Id, "Livraison de la version 1", today.AddDays(60), budget.Members[0].Id, now);
        await using (var db = await new TestData(app).DbAsync())
        {
            db.Milestones.AddRange(second, delivery);
            await db.SaveChangesAsync();
        }

        await budget.OpenRoundAsync();
        foreach (var member in budget.Members.Skip(1))
        {
            (await budget.ContributeAsync(member, budget.Commons[0], 50_000)).Error.ShouldBeNull();
            (await budget.ContributeAsync(member, budget.Commons[1], 10_000)).Error.ShouldBeNull();
        }

        (await budget.Round.CloseAsync(budget.Facilitator, new CloseRound(budget.Call.Id))).Error.ShouldBeNull();

        // A co-creator joined after it gave: co-creators may not fund their own commons.
        await using (var db = await new TestData(app).DbAsync())
        {
            db.Set<CommonsCoCreator>().Add(new CommonsCoCreator(budget.Commons[0].Id, budget.Members[1].Id));
            await db.SaveChangesAsync();
        }

        return new FollowUpScenario(budget, second, delivery);
    }

    public async Task<FundingAgreement> AgreementAsync()
    {
        await using var db = await new TestData(Budget.App).DbAsync();
        return await db.FundingAgreements.AsNoTracking().Include(a => a.Tranches).Include(a => a.Deliverables).SingleAsync(a => a.CommonsId == Funded.Id);
    }

    public async Task<IReadOnlyList<Domain.Budgeting.LedgerEntry>> LedgerAsync(params Domain.Budgeting.LedgerEntryKind[] kinds)
    {
        await using var db = await new TestData(Budget.App).DbAsync();
        return await db.Ledger.AsNoTracking().Where(e => e.CallId == CallId && kinds.Contains(e.Kind)).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>The schedule proposed and accepted: the start tranche (450.00) is paid.</summary>
    public async Task StartAsync()
    {
        (await Agreements.ProposeScheduleAsync(Facilitator, UsualSchedule)).Error.ShouldBeNull();
        (await Agreements.AcceptScheduleAsync(Lead.User, new AcceptSchedule(CallId, Funded.Id))).Error.ShouldBeNull();
    }

    public Task<CommonsCall.Domain.Common.Result> DeclareAsync(Member holder, Milestone milestone, string link = "https://git.example/commun/releases/v1") =>
        Agreements.DeclareDoneAsync(holder.User, new DeclareMilestoneDone(CallId, Funded.Id, milestone.Id, holder.Id, [link]));

    public Task<CommonsCall.Domain.Common.Result> AcceptAsync(Milestone milestone) =>
        Agreements.AcceptMilestoneAsync(Facilitator, new AcceptMilestone(CallId, Funded.Id, milestone.Id));
}
