using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Evaluation;

/// <summary>
/// A public call in phase Commons with two commons (the proof register of Covoit'Ouest, the meeting-points dataset of
/// Roulons Ensemble), NLnet's grid, and two evaluators: an outside expert and a person of Roulons Ensemble (who must
/// never evaluate its dataset).
/// </summary>
public sealed class EvaluationScenario
{
    public required AppFactory App { get; init; }

    public required Actor Facilitator { get; init; }

    public required Guid CallId { get; init; }

    public required string Slug { get; init; }

    public required Guid Register { get; init; }

    public required Guid Dataset { get; init; }

    /// <summary>A person of Covoit'Ouest, the register's proposer: an applicant.</summary>
    public required Actor RegisterHolder { get; init; }

    public required Actor Expert { get; init; }

    public required string ExpertEmail { get; init; }

    /// <summary>A person of Roulons Ensemble, which co-creates the dataset.</summary>
    public required Actor DatasetPerson { get; init; }

    public required string DatasetPersonEmail { get; init; }

    public EvaluationService Evaluation => App.Services.GetRequiredService<EvaluationService>();

    public SelectionService Selection => App.Services.GetRequiredService<SelectionService>();

    public EvaluationQueries Queries => App.Services.GetRequiredService<EvaluationQueries>();

    public static async Task<EvaluationScenario> CreateAsync(AppFactory app)
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(CallVisibility.Public, facilitator);
        var covoit = await data.OrganisationAsync($"Covoit'Ouest {Guid.NewGuid():N}"[..24]);
        var roulons = await data.OrganisationAsync($"Roulons {Guid.NewGuid():N}"[..20]);
        var lab = await data.OrganisationAsync($"Laboratoire {Guid.NewGuid():N}"[..24]);
        await data.JoinAsync(call, covoit, ParticipantRole.Member);
        await data.JoinAsync(call, roulons, ParticipantRole.Member);
        var holder = await data.UserAsync(organisation: covoit.Id);
        var roulonsPerson = await data.UserAsync(organisation: roulons.Id);
        var expertEmail = $"experte-{Guid.NewGuid():N}@test.example";
        var expert = await data.UserAsync(organisation: lab.Id, email: expertEmail);
        var datasetPersonEmail = $"karim-{Guid.NewGuid():N}@test.example";
        var datasetPerson = await data.UserAsync(organisation: roulons.Id, email: datasetPersonEmail);

        // Commons are proposed once a challenge is published.
        await using (var db = await data.DbAsync())
        {
            var challenge = new Challenge(call.Id, covoit.Id, "Comment prouver qu'un covoiturage a eu lieu ?", "Contexte", app.Clock.GetUtcNow());
            challenge.Publish();
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync();
        }

        var phases = app.Services.GetRequiredService<CallPhaseService>();
        foreach (var next in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, next))).Error.ShouldBeNull();
        }

        var commons = app.Services.GetRequiredService<CommonsService>();
        async Task<Guid> ProposeAsync(Actor who, Guid organisation, string title)
        {
            var proposed = await commons.ProposeAsync(who, new ProposeCommons(call.Id, organisation,
                new CommonsDescription(title, "Un commun ouvert.", CommonsKind.Software, "MIT", CommonsMaturity.Emergence, null, null, null, null, CommonsNeeds.Funding, null),
                [new BudgetLine("Développement", 20_000, 50_000)], [], []));
            proposed.Error.ShouldBeNull();
            return proposed.Value;
        }

        var register = await ProposeAsync(holder, covoit.Id, "Registre de preuve de covoiturage");
        var dataset = await ProposeAsync(roulonsPerson, roulons.Id, "Base nationale des aires de covoiturage");
        var s = new EvaluationScenario
        {
            App = app, Facilitator = facilitator, CallId = call.Id, Slug = call.Slug, Register = register, Dataset = dataset, RegisterHolder = holder,
            Expert = expert, ExpertEmail = expertEmail, DatasetPerson = datasetPerson, DatasetPersonEmail = datasetPersonEmail,
        };
        (await s.Evaluation.SaveGridAsync(facilitator, new SaveGrid(call.Id, GridTemplates.Find(GridTemplates.AdemeAndNLnet, "fr")!.Criteria))).Error.ShouldBeNull();
        return s;
    }

    public async Task<IReadOnlyList<EvaluationCriterion>> GridAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.EvaluationCriteria.Where(c => c.CallId == CallId).OrderBy(c => c.Position).ToListAsync();
    }

    /// <summary>Marks for the ADEME + NLnet grid: every gate met, then technique, impact and price out of 10.</summary>
    public async Task<IReadOnlyList<Mark>> MarksAsync(int technique, int impact, int price, bool gatesMet = true)
    {
        var grid = await GridAsync();
        var scores = new Queue<int>([technique, impact, price]);
        return grid.Select(c => new Mark(c.Id, c.Kind == CriterionKind.Gate ? (gatesMet ? 1 : 0) : scores.Dequeue())).ToList();
    }

    /// <summary>Appoints both evaluators and assigns the register to both, the dataset to the expert.</summary>
    public async Task StaffAsync()
    {
        (await Evaluation.AppointAsync(Facilitator, new AppointEvaluator(CallId, ExpertEmail))).Error.ShouldBeNull();
        (await Evaluation.AppointAsync(Facilitator, new AppointEvaluator(CallId, DatasetPersonEmail))).Error.ShouldBeNull();
        (await Evaluation.AssignAsync(Facilitator, new AssignCommons(CallId, Register, Expert.UserId!))).Error.ShouldBeNull();
        (await Evaluation.AssignAsync(Facilitator, new AssignCommons(CallId, Register, DatasetPerson.UserId!))).Error.ShouldBeNull();
        (await Evaluation.AssignAsync(Facilitator, new AssignCommons(CallId, Dataset, Expert.UserId!))).Error.ShouldBeNull();
    }

    public async Task<Result> ScoreAsync(Actor evaluator, Guid commons, int technique, int impact, int price, string? note = null, bool gatesMet = true) =>
        await Evaluation.ScoreAsync(evaluator, new ScoreCommons(CallId, commons, await MarksAsync(technique, impact, price, gatesMet), note));

    public async Task<int> AuditCountAsync(string action)
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Audit.CountAsync(a => a.CallId == CallId && a.Action == action);
    }
}
