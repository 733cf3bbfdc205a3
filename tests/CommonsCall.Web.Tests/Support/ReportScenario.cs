using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// A call of realistic shape for the reports and the open data, in the budget round: eight members (M0..M7),
/// a funder, five approved commons proposed by M0 (C0..C4), five challenges (four published with who pays /
/// uses / benefits, one draft), supporters, fourteen positionings, six milestones (four done) and eleven
/// contributions made through the contribution service. The counts each organisation should get are in
/// <see cref="Expected"/>; tests also recount them from the database.
/// </summary>
public sealed class ReportScenario
{
    private ReportScenario(BudgetScenario budget, IReadOnlyList<Challenge> challenges)
    {
        Budget = budget;
        Challenges = challenges;
    }

    public BudgetScenario Budget { get; }

    public string Slug => Budget.Call.Slug;

    public IReadOnlyList<Member> M => Budget.Members;

    public IReadOnlyList<CommonsEntity> C => Budget.Commons;

    /// <summary>The challenges arranged here; [3] is a draft of M3.</summary>
    public IReadOnlyList<Challenge> Challenges { get; }

    /// <summary>Who gives what, in the order made: (member, commons, amount).</summary>
    public static readonly (int Member, int Commons, long Amount)[] Gifts =
    [
        (1, 0, 30_000), (1, 1, 20_000),
        (2, 0, 50_000),
        (3, 0, 10_000), (3, 2, 40_000),
        (4, 1, 25_000), (4, 3, 5_000),
        (5, 2, 60_000),
        (6, 0, 15_000), (6, 4, 15_000),
        (7, 3, 1_000),
    ];

    /// <summary>Per member: positionings, commons funded, amount, milestones delivered, challenges published, challenges supported.</summary>
    public static readonly (int Positionings, int CommonsFunded, long Amount, int Milestones, int Published, int Supported)[] Expected =
    [
        (3, 0, 0, 2, 2, 0),      // M0: proposes every commons, writes the scenario's challenge and one more
        (2, 2, 50_000, 1, 1, 1),
        (3, 1, 50_000, 1, 0, 2),
        (1, 2, 50_000, 0, 0, 1), // M3's draft challenge does not count
        (2, 2, 30_000, 0, 1, 0),
        (1, 1, 60_000, 0, 0, 1),
        (1, 2, 30_000, 0, 0, 0),
        (1, 1, 1_000, 0, 0, 0),
    ];

    public static async Task<ReportScenario> CreateAsync(AppFactory app, BudgetRules? rules = null)
    {
        var budget = await BudgetScenario.CreateAsync(app, 8, 800_000, rules,
            (100_000, 200_000), (40_000, 100_000), (90_000, 150_000), (50_000, 100_000), (200_000, 300_000));
        var m = budget.Members;
        var now = app.Clock.GetUtcNow();

        Challenge Written(Member author, string question, string? pays, string? uses, string? benefits, bool publish = true, params Member[] supporters)
        {
            var c = new Challenge(budget.Call.Id, author.Id, question, "Contexte", now);
            c.Describe(new ChallengeContent(question, "Contexte", ["Un irritant"], null, null, [], pays, uses, benefits, 15, 20));
            if (publish)
            {
                c.Publish(now);
            }

            foreach (var s in supporters)
            {
                c.Support(s.Id, now).Error.ShouldBeNull();
            }

            return c;
        }

        var proof = Written(m[0], "Comment prouver qu'un covoiturage a eu lieu ?", "Les collectivités", "Les opérateurs de covoiturage", "Les covoitureurs", true, m[1], m[2]);
        var maas = Written(m[1], "Comment connecter les offres de covoiturage aux applications MaaS ?", "Les opérateurs", "Les applications MaaS", "Les voyageurs", true, m[2], m[5]);
        var aires = Written(m[4], "Comment recenser les aires de covoiturage ?", "les collectivités", "Les opérateurs de covoiturage", "Les habitants", true, m[3]);
        var draft = Written(m[3], "Comment garder un brouillon secret ?", "Personne", "Personne", "Personne", publish: false);

        await using var db = await new TestData(app).DbAsync();
        db.Challenges.AddRange(proof, maas, aires, draft);
        var commons = await db.Commons.Include(c => c.Challenges).Where(c => c.CallId == budget.Call.Id).ToListAsync();
        CommonsEntity C(int i) => commons.Single(c => c.Id == budget.Commons[i].Id);
        C(0).LinkChallenges([proof.Id, aires.Id]);
        C(1).LinkChallenges([maas.Id, draft.Id]);
        C(3).LinkChallenges([aires.Id]);

        void Positioned(int member, int commonsIndex, params PositioningKind[] kinds) =>
            db.Positionings.Add(new Positioning(budget.Call.Id, budget.Commons[commonsIndex].Id, m[member].Id, kinds, "Attentes", "Disponibilité", now));

        Positioned(0, 0, PositioningKind.Produces);
        Positioned(0, 1, PositioningKind.Produces);
        Positioned(0, 2, PositioningKind.Produces, PositioningKind.ContributesSkills);
        Positioned(1, 0, PositioningKind.Wants);
        Positioned(1, 1, PositioningKind.Wants, PositioningKind.ContributesTechnicalMeans);
        Positioned(2, 0, PositioningKind.Wants);
        Positioned(2, 1, PositioningKind.ContributesSkills);
        Positioned(2, 3, PositioningKind.Produces);
        Positioned(3, 2, PositioningKind.Wants);
        Positioned(4, 0, PositioningKind.ContributesMoneyInKind);
        Positioned(4, 3, PositioningKind.Wants);
        Positioned(5, 2, PositioningKind.Wants);
        Positioned(6, 4, PositioningKind.Wants);
        Positioned(7, 3, PositioningKind.Wants);

        var due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30);
        void Milestone(int owner, int commonsIndex, bool done)
        {
            var milestone = new Milestone(budget.Commons[commonsIndex].Id, $"Jalon de M{owner}", due, m[owner].Id, now);
            milestone.Update(milestone.Title, due, m[owner].Id, done, now);
            db.Milestones.Add(milestone);
        }

        Milestone(0, 0, done: true);
        Milestone(0, 1, done: true);
        Milestone(1, 0, done: true);
        Milestone(2, 3, done: true);
        Milestone(1, 1, done: false);
        Milestone(3, 2, done: false);
        await db.SaveChangesAsync();

        await budget.OpenRoundAsync();
        foreach (var (member, commonsIndex, amount) in Gifts)
        {
            (await budget.ContributeAsync(m[member], budget.Commons[commonsIndex], amount)).Error.ShouldBeNull();
        }

        return new ReportScenario(budget, [proof, maas, aires, draft]);
    }

    public async Task CloseAsync() => (await Budget.Round.CloseAsync(Budget.Facilitator, new CloseRound(Budget.Call.Id))).Error.ShouldBeNull();
}
