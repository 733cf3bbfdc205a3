using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Evaluation;

/// <summary>
/// "The grid is locked once the first score is given", under scores and grid edits sent at once: whichever commits
/// first wins, and no score ever stands under a grid edited after it was given.
/// </summary>
public sealed class EvaluationConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Scores_and_grid_edits_at_once_never_leave_a_score_under_an_edited_grid(int round)
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        var register = await s.MarksAsync(7, 8, 5);
        var dataset = await s.MarksAsync(6, 6, 6);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 30).Select(i => Task.Run<(string Who, Result Result)>(async () =>
        {
            await start.Task;
            return (i % 3) switch
            {
                0 => ("edit", await s.Evaluation.SaveGridAsync(s.Facilitator, new SaveGrid(s.CallId, GridTemplates.Find(GridTemplates.NLnet, "fr")!.Criteria
                    .Select(c => c with { Weight = c.Weight + i + round }).ToList()))),
                1 => ("expert", await s.Evaluation.ScoreAsync(s.Expert, new ScoreCommons(s.CallId, s.Register, register, null))),
                _ => ("second", await s.Evaluation.ScoreAsync(s.DatasetPerson, new ScoreCommons(s.CallId, s.Register, dataset, null))),
            };
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(requests);

        var edits = results.Where(r => r.Who == "edit").Select(r => r.Result).ToList();
        var scores = results.Where(r => r.Who != "edit").ToList();
        edits.ShouldAllBe(r => r.IsSuccess || r.Error!.Code == EvaluationCodes.GridLocked);
        scores.ShouldAllBe(r => r.Result.IsSuccess || r.Result.Error!.Code == EvaluationCodes.GridChanged);

        await using var db = await new TestData(app).DbAsync();
        var grid = await db.EvaluationCriteria.Where(c => c.CallId == s.CallId).Select(c => c.Id).ToListAsync();
        var marks = await db.Evaluations.Where(e => e.CallId == s.CallId).SelectMany(e => e.Marks).ToListAsync();
        // Every stored mark is of the grid as it is now, and each evaluator whose score was accepted has one evaluation.
        marks.ShouldAllBe(m => grid.Contains(m.CriterionId));
        (await db.Evaluations.CountAsync(e => e.CallId == s.CallId)).ShouldBe(scores.Where(r => r.Result.IsSuccess).Select(r => r.Who).Distinct().Count());
        // Once a score was accepted, no edit came after it: the last edit accepted committed before the first score.
        if (edits.Any(r => r.IsSuccess) && scores.Any(r => r.Result.IsSuccess))
        {
            var lastEdit = await db.Audit.Where(a => a.CallId == s.CallId && a.Action == "evaluation.grid_saved").MaxAsync(a => a.Id);
            var firstScore = await db.Audit.Where(a => a.CallId == s.CallId && a.Action == "evaluation.scored").MinAsync(a => a.Id);
            lastEdit.ShouldBeLessThan(firstScore);
        }
    }
}
