using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Evaluation;

/// <summary>
/// Reading a call's evaluation, within what the actor may see: the grid (facilitators and evaluators), an evaluator's
/// own commons and scores, and for facilitators only the evaluators, the progress, the ranking with every score and
/// note, and the sessions. Published feedback on a commons is read by its applicants and the facilitators.
/// </summary>
public sealed class EvaluationQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private static readonly DomainError Forbidden = new(ErrorCodes.Forbidden, "Only the call's facilitators and evaluators read its evaluation.");
    private static readonly DomainError NotFound = new(ErrorCodes.NotFound, "Unknown call.");

    /// <summary>
    /// The call behind the slug for this actor: one they may read, or one they evaluate (an invited expert need not
    /// take part in a members-only call); null otherwise.
    /// </summary>
    public async Task<EvaluationCall?> FindAsync(string slug, Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Slug == slug, ct);
        return call is null ? null : await RolesAsync(db, actor, call, ct);
    }

    public async Task<Result<GridView>> GridAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync(db, actor, callId, c => c.IsFacilitator || c.IsEvaluator, async _ => await ReadGridAsync(db, callId, ct), ct);
    }

    public async Task<Result<IReadOnlyList<EvaluatorView>>> EvaluatorsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync<IReadOnlyList<EvaluatorView>>(db, actor, callId, c => c.IsFacilitator, async _ =>
            await (from e in db.CallEvaluators.AsNoTracking()
                   join u in db.Users on e.UserId equals u.Id
                   where e.CallId == callId
                   orderby u.DisplayName, u.Email
                   select new EvaluatorView(
                       u.Id, u.DisplayName, u.Email ?? string.Empty,
                       db.EvaluationAssignments.Count(a => a.CallId == callId && a.EvaluatorId == u.Id),
                       db.Evaluations.Count(v => v.CallId == callId && v.EvaluatorId == u.Id))).ToListAsync(ct), ct);
    }

    /// <summary>Facilitators: the experts invited to evaluate the call who have not registered yet (expired invitations left out).</summary>
    public async Task<Result<IReadOnlyList<PendingEvaluator>>> InvitedAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync<IReadOnlyList<PendingEvaluator>>(db, actor, callId, c => c.IsFacilitator, async _ =>
            await db.AccountInvitations.AsNoTracking()
                .Where(i => i.EvaluatesCallId == callId && i.UsedAt == null && i.ExpiresAt > now)
                .OrderBy(i => i.Email).ThenBy(i => i.CreatedAt)
                .Select(i => new PendingEvaluator(i.Id, i.Email, i.ExpiresAt))
                .ToListAsync(ct), ct);
    }

    /// <summary>Whether the actor evaluates the call: what shows them the way to the commons they score.</summary>
    public async Task<bool> EvaluatesAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CallEvaluators.AnyAsync(e => e.CallId == callId && e.UserId == userId, ct);
    }

    /// <summary>
    /// The calls this person evaluates, for the home page where a registered expert lands: an outside expert may take no
    /// other part in the call, so its own page may not even be visible to them.
    /// </summary>
    public async Task<IReadOnlyList<MyEvaluationCall>> MyCallsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CallEvaluators.AsNoTracking().Where(e => e.UserId == userId)
            .Join(db.Calls, e => e.CallId, c => c.Id, (_, c) => new { c.Id, c.Slug, c.Title })
            .OrderBy(c => c.Title)
            .Select(c => new MyEvaluationCall(c.Slug, c.Title, db.EvaluationAssignments.Count(a =>
                a.CallId == c.Id && a.EvaluatorId == userId && !db.Evaluations.Any(v => v.CallId == c.Id && v.CommonsId == a.CommonsId && v.EvaluatorId == userId))))
            .ToListAsync(ct);
    }

    public async Task<Result<MyEvaluationView>> MineAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync(db, actor, callId, c => c.IsEvaluator, async _ =>
        {
            var userId = actor.UserId!;
            var commons = await (from a in db.EvaluationAssignments.AsNoTracking()
                                 join c in db.Commons on a.CommonsId equals c.Id
                                 where a.CallId == callId && a.EvaluatorId == userId
                                 orderby c.Title
                                 select new { c.Id, c.Title, c.Summary }).ToListAsync(ct);
            var evaluations = await db.Evaluations.AsNoTracking().Include(e => e.Marks)
                .Where(e => e.CallId == callId && e.EvaluatorId == userId).ToDictionaryAsync(e => e.CommonsId, ct);
            var grid = await ReadGridAsync(db, callId, ct);
            var order = grid.Criteria.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
            return new MyEvaluationView(grid, commons.Select(c => evaluations.TryGetValue(c.Id, out var e)
                ? new AssignedCommonsView(c.Id, c.Title, c.Summary, true, e.Marks.OrderBy(m => order.GetValueOrDefault(m.CriterionId)).Select(m => new Mark(m.CriterionId, m.Value)).ToList(), e.Note)
                : new AssignedCommonsView(c.Id, c.Title, c.Summary, false, [], null)).ToList());
        }, ct);
    }

    public async Task<Result<ProgressView>> ProgressAsync(Actor actor, Guid callId, ProgressFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync(db, actor, callId, c => c.IsFacilitator, async _ =>
        {
            var commons = await db.Commons.AsNoTracking().Where(c => c.CallId == callId && c.Status != Domain.Commons.CommonsStatus.Cancelled)
                .OrderBy(c => c.Title).Select(c => new { c.Id, c.Title }).ToListAsync(ct);
            var assignments = await (from a in db.EvaluationAssignments.AsNoTracking()
                                     join u in db.Users on a.EvaluatorId equals u.Id
                                     where a.CallId == callId
                                     select new { a.CommonsId, u.Id, u.DisplayName, Evaluated = db.Evaluations.Any(e => e.CommonsId == a.CommonsId && e.EvaluatorId == a.EvaluatorId) })
                .ToListAsync(ct);
            var evaluators = await (from e in db.CallEvaluators.AsNoTracking()
                                    join u in db.Users on e.UserId equals u.Id
                                    where e.CallId == callId
                                    orderby u.DisplayName
                                    select new { u.Id, u.DisplayName }).ToListAsync(ct);
            var perCommons = commons.Select(c =>
            {
                var assignees = assignments.Where(a => a.CommonsId == c.Id).OrderBy(a => a.DisplayName).Select(a => new AssigneeView(a.Id, a.DisplayName, a.Evaluated)).ToList();
                return new CommonsProgressView(c.Id, c.Title, assignees, assignees.Count > 0 && assignees.All(a => a.Evaluated));
            });
            var perEvaluator = evaluators.Select(e =>
            {
                var mine = assignments.Where(a => a.Id == e.Id).ToList();
                var evaluated = mine.Count(a => a.Evaluated);
                return new EvaluatorProgressView(e.Id, e.DisplayName, mine.Count, evaluated, evaluated == mine.Count);
            });
            return filter switch
            {
                ProgressFilter.Evaluated => new ProgressView(perCommons.Where(c => c.Evaluated).ToList(), perEvaluator.Where(e => e.Finished).ToList()),
                ProgressFilter.NotEvaluated => new ProgressView(perCommons.Where(c => !c.Evaluated).ToList(), perEvaluator.Where(e => !e.Finished).ToList()),
                _ => new ProgressView(perCommons.ToList(), perEvaluator.ToList()),
            };
        }, ct);
    }

    public async Task<Result<RankingView>> RankingAsync(Actor actor, Guid callId, RankingOrder order, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync(db, actor, callId, c => c.IsFacilitator, async _ =>
        {
            var grid = await EvaluationReads.GridAsync(db, callId, ct);
            var ranking = await EvaluationReads.RankingAsync(db, callId, grid, ct);
            var evaluations = await (from e in db.Evaluations.AsNoTracking().Include(e => e.Marks)
                                     join u in db.Users on e.EvaluatorId equals u.Id
                                     where e.CallId == callId
                                     select new { Evaluation = e, u.DisplayName }).ToListAsync(ct);
            var rows = ranking.Select(r => new RankingRowView(r, evaluations.Where(e => e.Evaluation.CommonsId == r.CommonsId)
                .Select(e =>
                {
                    var marks = e.Evaluation.Marks.Select(m => new Mark(m.CriterionId, m.Value)).ToList();
                    return new EvaluatorScoreView(e.DisplayName, ScoreAggregation.Weighted(grid, marks), ScoreAggregation.GatesMet(grid, marks), e.Evaluation.Note);
                }).OrderByDescending(s => s.Score).ToList()));
            return new RankingView(
                (order == RankingOrder.Title ? rows.OrderBy(r => r.Commons.Title, StringComparer.CurrentCulture) : rows.AsEnumerable()).ToList(),
                ScoreAggregation.DisagreementThreshold);
        }, ct);
    }

    public async Task<Result<IReadOnlyList<SessionView>>> SessionsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InCallAsync<IReadOnlyList<SessionView>>(db, actor, callId, c => c.IsFacilitator, async _ =>
        {
            var sessions = await db.SelectionSessions.AsNoTracking().Include(s => s.Decisions).Where(s => s.CallId == callId)
                .OrderBy(s => s.HeldOn).ThenBy(s => s.CreatedAt).ToListAsync(ct);
            var titles = await TitlesAsync(db, callId, ct);
            return sessions.Select(s => new SessionView(s.Id, s.Title, s.HeldOn, s.PublishedAt,
                s.Decisions.OrderBy(d => d.Rank ?? int.MaxValue).Select(d => View(d, titles)).ToList())).ToList();
        }, ct);
    }

    /// <summary>The published decisions on a commons, newest first: for the people of its co-creators and the facilitators.</summary>
    public async Task<Result<IReadOnlyList<FeedbackView>>> FeedbackAsync(Actor actor, Guid callId, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct) is not { } call
            || await CallScope.OfAsync(db, actor, call, ct) is not { } scope
            || await EvaluationService.CoCreatorsAsync(db, callId, commonsId, ct) is not { } coCreators)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
        }

        var isHolder = actor.UserId is { } userId && await db.OrganisationMembers.AnyAsync(m => m.UserId == userId && coCreators.Contains(m.OrganisationId), ct);
        if (!scope.Access.IsFacilitator && !isHolder)
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the commons' holders and the call's facilitators read its evaluation feedback.");
        }

        var titles = await TitlesAsync(db, callId, ct);
        var decisions = await (from d in db.SelectionDecisions.AsNoTracking()
                               join s in db.SelectionSessions on d.SessionId equals s.Id
                               where d.CommonsId == commonsId && s.PublishedAt != null
                               orderby s.PublishedAt descending
                               select new { d, s.Title, s.HeldOn, s.PublishedAt }).ToListAsync(ct);
        return decisions.Select(x => new FeedbackView(x.Title, x.HeldOn, x.PublishedAt!.Value, View(x.d, titles))).ToList();
    }

    private static DecisionView View(SelectionDecision d, IReadOnlyDictionary<Guid, string> titles) =>
        new(d.CommonsId, titles.GetValueOrDefault(d.CommonsId, string.Empty), d.Outcome, d.Reason, d.Rank, d.Evaluations, d.Mean, d.Median, d.GatesMet, d.Criteria);

    private static async Task<Dictionary<Guid, string>> TitlesAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        await db.Commons.AsNoTracking().Where(c => c.CallId == callId).ToDictionaryAsync(c => c.Id, c => c.Title, ct);

    private static async Task<GridView> ReadGridAsync(AppDbContext db, Guid callId, CancellationToken ct)
    {
        var grid = await EvaluationReads.GridAsync(db, callId, ct);
        return new GridView(
            grid.Select(c => new CriterionView(c.Id, c.Kind, c.Title, c.Description, c.Weight, c.Scale)).ToList(),
            await db.Evaluations.AnyAsync(e => e.CallId == callId, ct));
    }

    private async Task<Result<T>> InCallAsync<T>(AppDbContext db, Actor actor, Guid callId, Func<EvaluationCall, bool> may, Func<EvaluationCall, Task<T>> read, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || await RolesAsync(db, actor, call, ct) is not { } roles)
        {
            return NotFound;
        }

        return may(roles) ? await read(roles) : Forbidden;
    }

    private static async Task<EvaluationCall?> RolesAsync(AppDbContext db, Actor actor, Call call, CancellationToken ct)
    {
        var isEvaluator = actor.UserId is { } userId && await db.CallEvaluators.AnyAsync(e => e.CallId == call.Id && e.UserId == userId, ct);
        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        return isEvaluator || access.CanRead(call) ? new EvaluationCall(call.Id, call.Slug, call.Title, access.IsFacilitator, isEvaluator) : null;
    }
}
