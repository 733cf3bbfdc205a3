using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Evaluation;

/// <summary>Issue 16 §1-3 on the real PostgreSQL: grid, evaluators, conflicts of interest, scores, ranking, sessions and feedback.</summary>
public sealed class EvaluationServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_facilitator_builds_the_grid_from_a_template_and_evaluators_read_it()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();

        var grid = (await s.Queries.GridAsync(s.Expert, s.CallId)).Value!;

        grid.Criteria.Select(c => c.Title).ShouldBe(
            ["Démarche collaborative", "Licence ouverte", "Documentation sur le wiki partagé", "Réponse à un défi", "Qualité technique", "Pertinence et impact", "Rapport qualité-prix"]);
        grid.Criteria.Where(c => c.Kind == CriterionKind.Scored).Select(c => c.Weight).ShouldBe([30, 40, 30]);
        grid.Locked.ShouldBeFalse();
        (await s.Queries.GridAsync(s.RegisterHolder, s.CallId)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task The_first_score_locks_the_grid()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 7, 8, 5)).Error.ShouldBeNull();

        var edit = await s.Evaluation.SaveGridAsync(s.Facilitator, new SaveGrid(s.CallId, GridTemplates.Find(GridTemplates.NLnet, "fr")!.Criteria));

        edit.Error!.Code.ShouldBe(EvaluationCodes.GridLocked);
        (await s.Queries.GridAsync(s.Facilitator, s.CallId)).Value!.Locked.ShouldBeTrue();
        (await s.GridAsync()).Count.ShouldBe(7);
    }

    [Fact]
    public async Task Only_facilitators_edit_the_grid()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();

        (await s.Evaluation.SaveGridAsync(s.Expert, new SaveGrid(s.CallId, GridTemplates.Find(GridTemplates.NLnet, "fr")!.Criteria))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task An_evaluator_is_never_assigned_a_commons_their_organisation_co_creates_and_the_refusal_is_audited()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();

        var assigned = await s.Evaluation.AssignAsync(s.Facilitator, new AssignCommons(s.CallId, s.Dataset, s.DatasetPerson.UserId!));

        assigned.Error!.Code.ShouldBe(EvaluationCodes.ConflictOfInterest);
        (await s.AuditCountAsync("evaluation.assignment_refused_conflict")).ShouldBe(1);
        (await s.Queries.MineAsync(s.DatasetPerson, s.CallId)).Value!.Commons.Select(c => c.CommonsId).ShouldBe([s.Register]);
    }

    [Fact]
    public async Task An_evaluator_who_joins_a_co_creating_organisation_after_assignment_is_refused_when_scoring_and_audited()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        await using (var db = await new TestData(app).DbAsync())
        {
            var covoit = await db.Commons.Where(c => c.Id == s.Register).Select(c => c.ProposedByOrganisationId).SingleAsync();
            db.OrganisationMembers.Add(new Domain.Organisations.OrganisationMember(covoit, s.Expert.UserId!));
            await db.SaveChangesAsync();
        }

        (await s.ScoreAsync(s.Expert, s.Register, 9, 9, 9)).Error!.Code.ShouldBe(EvaluationCodes.ConflictOfInterest);

        (await s.AuditCountAsync("evaluation.score_refused_conflict")).ShouldBe(1);
        (await s.Queries.GridAsync(s.Facilitator, s.CallId)).Value!.Locked.ShouldBeFalse();
    }

    [Fact]
    public async Task An_evaluator_scores_only_what_is_assigned_to_them()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();

        (await s.ScoreAsync(s.DatasetPerson, s.Dataset, 9, 9, 9)).Error!.Code.ShouldBe(EvaluationCodes.ConflictOfInterest);
        (await s.ScoreAsync(s.RegisterHolder, s.Dataset, 9, 9, 9)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.ScoreAsync(s.Facilitator, s.Register, 9, 9, 9)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Scoring_again_replaces_the_marks_and_the_private_note_stays_with_the_evaluator_and_facilitators()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 2, 2, 2, "Premier avis")).Error.ShouldBeNull();
        (await s.ScoreAsync(s.Expert, s.Register, 7, 8, 5, "Avis revu après l'audition")).Error.ShouldBeNull();

        var mine = (await s.Queries.MineAsync(s.Expert, s.CallId)).Value!.Commons.Single(c => c.CommonsId == s.Register);
        mine.Note.ShouldBe("Avis revu après l'audition");
        mine.Marks.Select(m => m.Value).ShouldBe([1, 1, 1, 1, 7, 8, 5]);

        var ranking = (await s.Queries.RankingAsync(s.Facilitator, s.CallId, RankingOrder.Rank)).Value!;
        ranking.Rows.Single(r => r.Commons.CommonsId == s.Register).Scores.Single().ShouldBe(new EvaluatorScoreView(s.ExpertEmail, 6_800, true, "Avis revu après l'audition"));
        (await s.Queries.RankingAsync(s.Expert, s.CallId, RankingOrder.Rank)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Queries.RankingAsync(s.RegisterHolder, s.CallId, RankingOrder.Rank)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task The_ranking_gives_mean_median_spread_and_flags_disagreement()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 9, 9, 9)).Error.ShouldBeNull();
        (await s.ScoreAsync(s.DatasetPerson, s.Register, 3, 3, 3)).Error.ShouldBeNull();
        (await s.ScoreAsync(s.Expert, s.Dataset, 5, 5, 5)).Error.ShouldBeNull();

        var rows = (await s.Queries.RankingAsync(s.Facilitator, s.CallId, RankingOrder.Rank)).Value!.Rows.Select(r => r.Commons).ToList();

        rows.Select(r => (r.CommonsId, r.Rank, r.Mean, r.Median, r.Spread, r.Disagreement)).ShouldBe(
        [
            (s.Register, (int?)1, 6_000, 6_000, 6_000, true),
            (s.Dataset, 2, 5_000, 5_000, 0, false),
        ]);
        (await s.Queries.RankingAsync(s.Facilitator, s.CallId, RankingOrder.Title)).Value!.Rows.Select(r => r.Commons.CommonsId).ShouldBe([s.Dataset, s.Register]);
    }

    [Fact]
    public async Task Progress_shows_who_evaluated_what_and_filters()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 7, 8, 5)).Error.ShouldBeNull();
        (await s.ScoreAsync(s.DatasetPerson, s.Register, 6, 6, 6)).Error.ShouldBeNull();

        var all = (await s.Queries.ProgressAsync(s.Facilitator, s.CallId, ProgressFilter.All)).Value!;
        var pending = (await s.Queries.ProgressAsync(s.Facilitator, s.CallId, ProgressFilter.NotEvaluated)).Value!;
        var done = (await s.Queries.ProgressAsync(s.Facilitator, s.CallId, ProgressFilter.Evaluated)).Value!;

        all.Evaluators.Single(e => e.UserId == s.Expert.UserId).ShouldSatisfyAllConditions(e => e.Assigned.ShouldBe(2), e => e.Evaluated.ShouldBe(1));
        pending.Commons.Select(c => c.CommonsId).ShouldBe([s.Dataset]);
        pending.Evaluators.Select(e => e.UserId).ShouldBe([s.Expert.UserId]);
        done.Commons.Select(c => c.CommonsId).ShouldBe([s.Register]);
        done.Evaluators.Select(e => e.UserId).ShouldBe([s.DatasetPerson.UserId]);
    }

    [Fact]
    public async Task Publishing_a_session_tells_the_applicants_and_shows_them_the_decision_the_reason_and_the_scores()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 8, 9, 7, "Note privée de l'experte")).Error.ShouldBeNull();
        (await s.ScoreAsync(s.DatasetPerson, s.Register, 6, 7, 7)).Error.ShouldBeNull();
        (await s.Queries.FeedbackAsync(s.RegisterHolder, s.CallId, s.Register)).Value!.ShouldBeEmpty();

        var session = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Session de printemps", TestClock.Today.AddDays(12)));
        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, session.Value,
        [
            new DecisionTerms(s.Register, SelectionOutcome.Selected, "Un registre attendu par trois territoires."),
            new DecisionTerms(s.Dataset, SelectionOutcome.Deferred, "À évaluer à la prochaine session."),
        ]))).Error.ShouldBeNull();

        var feedback = (await s.Queries.FeedbackAsync(s.RegisterHolder, s.CallId, s.Register)).Value!.Single();
        feedback.Decision.Outcome.ShouldBe(SelectionOutcome.Selected);
        feedback.Decision.Reason.ShouldBe("Un registre attendu par trois territoires.");
        feedback.Decision.Criteria.Where(c => c.Kind == CriterionKind.Scored).Select(c => c.Mean).ShouldBe([700, 800, 700]);
        feedback.Decision.Mean.ShouldBe(7_400);
        (await s.Queries.FeedbackAsync(s.Expert, s.CallId, s.Register)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        await using var db = await new TestData(app).DbAsync();
        var notified = await db.Notifications.Where(n => n.CallId == s.CallId && n.Type == NotificationType.SelectionPublished).ToListAsync();
        notified.Single(n => n.UserId == s.RegisterHolder.UserId).Title.ShouldBe("« Registre de preuve de covoiturage » est retenu");
        notified.ShouldNotContain(n => n.Body.Contains("Note privée", StringComparison.Ordinal));
        notified.Select(n => n.UserId).ShouldContain(s.DatasetPerson.UserId!);

        // Both evaluators of the decided commons are recognised, once each, for this call.
        var badges = await db.Set<Badge>().Where(b => b.CallId == s.CallId && b.Kind == BadgeKind.Evaluator).ToListAsync();
        badges.Select(b => b.RecipientUserId).ShouldBe([s.Expert.UserId, s.DatasetPerson.UserId], ignoreOrder: true);
    }

    [Fact]
    public async Task A_session_is_published_once_and_a_selected_commons_is_not_decided_again()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        var first = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Printemps", TestClock.Today.AddDays(12)));
        var second = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Automne", TestClock.Today.AddDays(180)));
        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, first.Value, [new DecisionTerms(s.Register, SelectionOutcome.NotSelected, "Hors périmètre.")])))
            .Error.ShouldBeNull();

        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, first.Value, [new DecisionTerms(s.Dataset, SelectionOutcome.Selected, "Oui.")])))
            .Error!.Code.ShouldBe(EvaluationCodes.SessionPublished);
        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, second.Value, [new DecisionTerms(s.Register, SelectionOutcome.Selected, "Revu.")])))
            .Error!.Code.ShouldBe(EvaluationCodes.CommonsAlreadyDecided);
        (await s.Queries.SessionsAsync(s.Facilitator, s.CallId)).Value!.Select(x => (x.Title, x.PublishedAt is not null, x.Decisions.Count)).ShouldBe(
            [("Printemps", true, 1), ("Automne", false, 0)]);
    }

    [Fact]
    public async Task Removing_an_evaluator_who_scored_is_refused()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 7, 8, 5)).Error.ShouldBeNull();

        (await s.Evaluation.RemoveAsync(s.Facilitator, new RemoveEvaluator(s.CallId, s.Expert.UserId!))).Error!.Code.ShouldBe(EvaluationCodes.EvaluatorHasScores);
        (await s.Evaluation.UnassignAsync(s.Facilitator, new UnassignCommons(s.CallId, s.Register, s.Expert.UserId!))).Error!.Code.ShouldBe(EvaluationCodes.EvaluatorHasScores);
        (await s.Evaluation.RemoveAsync(s.Facilitator, new RemoveEvaluator(s.CallId, s.DatasetPerson.UserId!))).Error.ShouldBeNull();
        (await s.Queries.EvaluatorsAsync(s.Facilitator, s.CallId)).Value!.Select(e => e.UserId).ShouldBe([s.Expert.UserId!]);
    }

    [Fact]
    public async Task Naming_the_same_evaluator_twice_is_refused()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();

        (await s.Evaluation.AppointAsync(s.Facilitator, new AppointEvaluator(s.CallId, s.ExpertEmail))).Error!.Code.ShouldBe(EvaluationCodes.AlreadyEvaluator);
    }
}
