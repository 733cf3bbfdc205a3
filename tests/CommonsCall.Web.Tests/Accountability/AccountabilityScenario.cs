using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Accountability;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Accountability;

/// <summary>
/// The follow-up scenario's funded commons answering a published micro-challenge with two before/after indicators
/// ("Trajets certifiés par mois": 120 before, 1 000 wanted; "Délai de versement des aides": 90 days before, 30 wanted).
/// </summary>
public sealed class AccountabilityScenario
{
    public const string Trips = "Trajets certifiés par mois";
    public const string Delay = "Délai de versement des aides";

    private AccountabilityScenario(FollowUpScenario followUp, Challenge challenge)
    {
        FollowUp = followUp;
        Challenge = challenge;
    }

    public FollowUpScenario FollowUp { get; }

    /// <summary>The app clock's day (tests of a class share its clock, and some move it).</summary>
    public DateOnly Today => DateOnly.FromDateTime(FollowUp.Budget.App.Clock.GetUtcNow().UtcDateTime);

    public Challenge Challenge { get; }

    public AccountabilityQueries Queries => FollowUp.Budget.App.Services.GetRequiredService<AccountabilityQueries>();

    public MeasureService Measures => FollowUp.Budget.App.Services.GetRequiredService<MeasureService>();

    public AuditQueries Audit => FollowUp.Budget.App.Services.GetRequiredService<AuditQueries>();

    public static async Task<AccountabilityScenario> CreateAsync(AppFactory app)
    {
        var followUp = await FollowUpScenario.CreateAsync(app);
        var challenge = new Challenge(followUp.CallId, followUp.Lead.Id, "Comment prouver qu'un covoiturage a eu lieu ?", "Contexte", app.Clock.GetUtcNow().AddDays(-30));
        challenge.Describe(new ChallengeContent(challenge.Question, "Contexte", [], null, null,
            [new ScenarioIndicator(Trips, 120m, 1_000m, "trajets"), new ScenarioIndicator(Delay, 90m, 30m, "jours")], null, null, null, 15, 20));
        challenge.Publish();
        await using var db = await new TestData(app).DbAsync();
        db.Challenges.Add(challenge);
        db.Set<CommonsChallenge>().Add(new CommonsChallenge(followUp.Funded.Id, challenge.Id));
        await db.SaveChangesAsync();
        return new AccountabilityScenario(followUp, challenge);
    }

    public RecordMeasure Measure(Support.Member holder, string indicator = Trips, decimal value = 640m, int daysAgo = 1, string source = "Export du registre, novembre") =>
        new(FollowUp.Funded.Id, holder.Id, new Domain.Accountability.MeasureStatement(Challenge.Id, indicator, value, Today.AddDays(-daysAgo), source))
        {
            CallId = FollowUp.CallId,
        };
}
