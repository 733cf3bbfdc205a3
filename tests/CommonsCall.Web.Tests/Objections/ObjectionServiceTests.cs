using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Objections;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Objections;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Objections;

/// <summary>Issue 16 §4 through the real services on PostgreSQL: the window, reasoned objections, answers, and approval waiting for both.</summary>
public sealed class ObjectionServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Reason = "La gouvernance ne dit pas qui tiendra le registre après la première année.";

    private ObjectionService Objections => app.Services.GetRequiredService<ObjectionService>();

    private ObjectionQueries Queries => app.Services.GetRequiredService<ObjectionQueries>();

    private CommonsReviewService Review => app.Services.GetRequiredService<CommonsReviewService>();

    private async Task<(CommonsScenario S, Guid Commons)> ProposedAsync()
    {
        var s = await CommonsScenario.CreateAsync(app);
        return (s, await s.ProposeAsync(s.Members[0]));
    }

    private Task<Result> OpenAsync(CommonsScenario s, Guid commons, int? hours = 48) =>
        Objections.OpenWindowAsync(s.Facilitator, new OpenObjectionWindow(hours) { CallId = s.Call.Id, CommonsId = commons });

    private Task<Result<Guid>> ObjectAsync(CommonsScenario s, Guid commons, Member by, string reason = Reason) =>
        Objections.RaiseAsync(by.User, new RaiseObjection(by.Id, reason) { CallId = s.Call.Id, CommonsId = commons });

    private Task<Result> ApproveAsync(CommonsScenario s, Guid commons) => Review.ApproveAsync(s.Facilitator, new ApproveCommons(s.Call.Id, commons));

    private async Task<List<Notification>> NotificationsAsync(Actor to, NotificationType type)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Notifications.Where(n => n.UserId == to.UserId && n.Type == type).ToListAsync();
    }

    [Fact]
    public async Task An_objection_blocks_approval_until_a_facilitator_resolves_it_and_everyone_taking_part_reads_both()
    {
        var (s, commons) = await ProposedAsync();
        (await OpenAsync(s, commons)).Error.ShouldBeNull();
        var objection = (await ObjectAsync(s, commons, s.Members[1])).Value;

        (await ApproveAsync(s, commons)).Error!.Code.ShouldBe(ObjectionCodes.WindowOpen);
        app.Clock.Advance(TimeSpan.FromHours(48));
        (await ApproveAsync(s, commons)).Error!.Code.ShouldBe(ObjectionCodes.ObjectionOpen);
        (await s.LoadAsync(commons)).Status.ShouldBe(CommonsStatus.Proposed);
        (await NotificationsAsync(s.Facilitator, NotificationType.ObjectionRaised)).Single().Body.ShouldContain(Reason);

        (await Objections.AnswerAsync(s.Facilitator, new AnswerObjection(ObjectionOutcome.Resolved, "Le comité des contributeurs tiendra le registre.")
        {
            CallId = s.Call.Id, ObjectionId = objection,
        })).Error.ShouldBeNull();
        (await ApproveAsync(s, commons)).Error.ShouldBeNull();

        (await s.LoadAsync(commons)).Status.ShouldBe(CommonsStatus.ApprovedForFunding);
        (await NotificationsAsync(s.Members[1].User, NotificationType.ObjectionAnswered)).Single().Body.ShouldContain("Le comité des contributeurs");
        var seen = (await Queries.ForCommonsAsync(s.Funder.User, s.Slug, commons))!;
        seen.Objections.Single().State.ShouldBe(ObjectionState.Resolved);
        seen.Objections.Single().Reason.ShouldBe(Reason);
        seen.Objections.Single().Answer.ShouldBe("Le comité des contributeurs tiendra le registre.");
        seen.You.CanAnswer.ShouldBeFalse();
    }

    [Fact]
    public async Task An_override_needs_a_public_reason_and_is_audited()
    {
        var (s, commons) = await ProposedAsync();
        (await OpenAsync(s, commons, hours: 1)).Error.ShouldBeNull();
        var objection = (await ObjectAsync(s, commons, s.Members[2])).Value;
        app.Clock.Advance(TimeSpan.FromHours(1));
        AnswerObjection Override(string answer) => new(ObjectionOutcome.Overridden, answer) { CallId = s.Call.Id, ObjectionId = objection };

        (await Objections.AnswerAsync(s.Facilitator, Override("  "))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await Objections.AnswerAsync(s.Members[0].User, Override("Je décide."))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.AuditCountAsync("objections.answered")).ShouldBe(0);
        (await Objections.AnswerAsync(s.Facilitator, Override("Les financeurs ont besoin de la décision ce mois-ci."))).Error.ShouldBeNull();
        (await Objections.AnswerAsync(s.Facilitator, Override("Deux fois."))).Error!.Code.ShouldBe(ObjectionCodes.NotOpen);

        (await s.AuditCountAsync("objections.answered")).ShouldBe(1);
        (await ApproveAsync(s, commons)).Error.ShouldBeNull();
        (await Queries.ForCommonsAsync(s.Members[0].User, s.Slug, commons))!.Objections.Single().State.ShouldBe(ObjectionState.Overridden);
    }

    [Fact]
    public async Task Only_the_calls_participants_object_and_only_during_the_window()
    {
        var (s, commons) = await ProposedAsync();
        (await ObjectAsync(s, commons, s.Members[1])).Error!.Code.ShouldBe(ObjectionCodes.WindowClosed);
        (await OpenAsync(s, commons)).Error.ShouldBeNull();

        (await ObjectAsync(s, commons, s.Outsider)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await ObjectAsync(s, commons, s.Invited)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Objections.RaiseAsync(s.Members[1].User, new RaiseObjection(s.Members[2].Id, Reason) { CallId = s.Call.Id, CommonsId = commons })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await ObjectAsync(s, commons, s.Funder)).Error.ShouldBeNull();
        (await ObjectAsync(s, commons, s.Funder)).Error!.Code.ShouldBe(ObjectionCodes.AlreadyObjecting);
        app.Clock.Advance(TimeSpan.FromHours(48));
        (await ObjectAsync(s, commons, s.Members[1])).Error!.Code.ShouldBe(ObjectionCodes.WindowClosed);

        (await Queries.ForCommonsAsync(s.Funder.User, s.Slug, commons))!.Objections.Count.ShouldBe(1);
        (await Queries.ForCommonsAsync(s.Outsider.User, s.Slug, commons)).ShouldBeNull();
        (await Queries.ForCommonsAsync(Actor.Anonymous, s.Slug, commons)).ShouldBeNull();
    }

    [Fact]
    public async Task A_reason_shorter_than_the_minimum_is_refused_on_its_field_and_changes_nothing()
    {
        var (s, commons) = await ProposedAsync();
        (await OpenAsync(s, commons)).Error.ShouldBeNull();

        var refused = await ObjectAsync(s, commons, s.Members[1], "Je ne suis pas d'accord.");

        refused.Error!.Code.ShouldBe(ErrorCodes.Validation);
        refused.Error.Fields!.Keys.ShouldBe(["Reason"]);
        (await Queries.ForCommonsAsync(s.Facilitator, s.Slug, commons))!.Objections.ShouldBeEmpty();
        (await NotificationsAsync(s.Facilitator, NotificationType.ObjectionRaised)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Windows_open_on_proposed_commons_only_once_at_a_time_and_within_their_limits()
    {
        var (s, commons) = await ProposedAsync();

        (await OpenAsync(s, commons, hours: 0)).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await OpenAsync(s, commons, hours: 721)).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await Objections.OpenWindowAsync(s.Members[0].User, new OpenObjectionWindow(24) { CallId = s.Call.Id, CommonsId = commons })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await OpenAsync(s, commons, hours: null)).Error.ShouldBeNull();
        (await OpenAsync(s, commons)).Error!.Code.ShouldBe(ObjectionCodes.WindowOpen);

        var window = (await Queries.ForCommonsAsync(s.Facilitator, s.Slug, commons))!.Window!;
        (window.ClosesAt - window.OpenedAt).ShouldBe(ObjectionRules.DefaultWindow);
        window.IsOpen.ShouldBeTrue();
        (await s.AuditCountAsync("objections.window_opened")).ShouldBe(1);
        app.Clock.Advance(ObjectionRules.DefaultWindow);
        (await ApproveAsync(s, commons)).Error.ShouldBeNull();
        (await OpenAsync(s, commons)).Error!.Code.ShouldBe(ObjectionCodes.CommonsNotProposed);
    }
}
