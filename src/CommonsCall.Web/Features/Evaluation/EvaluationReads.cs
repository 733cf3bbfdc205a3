using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Evaluation;

/// <summary>What the evaluation's queries and the publication of a session both read: the grid, and the ranking it gives.</summary>
internal static class EvaluationReads
{
    public static async Task<List<EvaluationCriterion>> GridAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        await db.EvaluationCriteria.AsNoTracking().Where(c => c.CallId == callId).OrderBy(c => c.Position).ToListAsync(ct);

    /// <summary>Every commons of the call but the cancelled ones, ranked by <see cref="Ranking"/>.</summary>
    public static async Task<IReadOnlyList<RankedCommons>> RankingAsync(AppDbContext db, Guid callId, IReadOnlyList<EvaluationCriterion> grid, CancellationToken ct)
    {
        var commons = await db.Commons.AsNoTracking().Where(c => c.CallId == callId && c.Status != CommonsStatus.Cancelled)
            .Select(c => new { c.Id, c.Title }).ToListAsync(ct);
        var marks = await (from e in db.Evaluations.AsNoTracking()
                           join m in db.Set<EvaluationMark>() on e.Id equals m.EvaluationId
                           where e.CallId == callId
                           select new { e.CommonsId, e.Id, m.CriterionId, m.Value }).ToListAsync(ct);
        var byCommons = marks.GroupBy(m => m.CommonsId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<IReadOnlyList<Mark>>)g.GroupBy(m => m.Id).Select(e => (IReadOnlyList<Mark>)e.Select(m => new Mark(m.CriterionId, m.Value)).ToList()).ToList());
        return Ranking.Of(grid, commons.Select(c => new EvaluatedCommons(c.Id, c.Title, byCommons.GetValueOrDefault(c.Id) ?? [])));
    }
}
