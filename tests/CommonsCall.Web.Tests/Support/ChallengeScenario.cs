using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Challenges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// A call in phase Challenges (through the real phase service): a facilitator and three joined member
/// organisations, each with a representative, plus an outsider and an administrator.
/// </summary>
public sealed class ChallengeScenario
{
    private ChallengeScenario(AppFactory app, Call call, Actor facilitator, IReadOnlyList<Member> members, Actor outsider, Actor administrator)
    {
        App = app;
        Call = call;
        Facilitator = facilitator;
        Members = members;
        Outsider = outsider;
        Administrator = administrator;
    }

    public AppFactory App { get; }

    public Call Call { get; }

    public string Slug => Call.Slug;

    public Actor Facilitator { get; }

    public IReadOnlyList<Member> Members { get; }

    /// <summary>The organisation that writes the scenario's challenges.</summary>
    public Member Author => Members[0];

    public Member Other => Members[1];

    public Member Third => Members[2];

    /// <summary>A signed-in user who takes no part in the call.</summary>
    public Actor Outsider { get; }

    public Actor Administrator { get; }

    public ChallengeService Service => App.Services.GetRequiredService<ChallengeService>();

    public ChallengeQueries Queries => App.Services.GetRequiredService<ChallengeQueries>();

    public static CreateChallenge AChallenge(string question = "Comment recenser les aires de covoiturage ?", bool publish = true) => new()
    {
        Question = question,
        Context = "Les aires ne sont **recensées** nulle part.",
        Pains = ["Aires introuvables", "Listes en double"],
        ScenarioBefore = "Chaque opérateur tient sa liste.",
        ScenarioAfter = "Une base ouverte partagée.",
        Indicators = [new IndicatorInput("Aires recensées", 40, 300, "aires")],
        WhoPays = "La métropole",
        WhoUses = "Les opérateurs",
        WhoBenefits = "Les covoitureurs",
        Publish = publish,
    };

    public static async Task<ChallengeScenario> CreateAsync(AppFactory app, CallVisibility visibility = CallVisibility.Public)
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(visibility, facilitator);
        var members = new List<Member>();
        foreach (var name in new[] { "Covoit", "Vélos", "Métropole" })
        {
            var org = await data.OrganisationAsync($"{name} {Guid.NewGuid():N}"[..16]);
            await data.JoinAsync(call, org, ParticipantRole.Member);
            members.Add(new Member(org, await data.UserAsync(organisation: org.Id)));
        }

        var phases = app.Services.GetRequiredService<CallPhaseService>();
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges })
        {
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, phase))).Error.ShouldBeNull();
        }

        return new ChallengeScenario(app, call, facilitator, members, await data.UserAsync(), await data.UserAsync(Roles.Administrator));
    }

    /// <summary>A challenge written by <paramref name="by"/> (the author organisation by default) through the service.</summary>
    public async Task<Guid> WriteAsync(Member? by = null, bool publish = true, string question = "Comment recenser les aires de covoiturage ?")
    {
        by ??= Author;
        var created = await Service.CreateAsync(by.User, AChallenge(question, publish) with { CallId = Call.Id, AuthorOrganisationId = by.Id });
        created.Error.ShouldBeNull();
        return created.Value;
    }

    /// <summary>Puts the call in <paramref name="phase"/> directly: the phase rules themselves are tested elsewhere.</summary>
    public async Task SetPhaseAsync(CallPhase phase)
    {
        await using var db = await new TestData(App).DbAsync();
        await db.Calls.Where(c => c.Id == Call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Phase, phase));
    }

    public async Task<Challenge> ReloadAsync(Guid id)
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Challenges.AsNoTracking().Include(c => c.Supporters).SingleAsync(c => c.Id == id);
    }

    public async Task<int> ChallengeCountAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Challenges.CountAsync(c => c.CallId == Call.Id);
    }

    public async Task<IReadOnlyList<string>> AuditActionsAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Audit.Where(a => a.CallId == Call.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }
}
