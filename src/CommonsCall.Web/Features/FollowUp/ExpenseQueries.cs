using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>An expense as its readers see it; <see cref="Mine"/> when the viewer may correct or remove it.</summary>
public sealed record ExpenseView(
    Guid Id, int BudgetLine, string BudgetLineDescription, long Amount, DateOnly SpentOn, string Label, string? Supplier,
    OrganisationRef RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? CorrectedAt, DateTimeOffset? RemovedAt, string? RemovedReason,
    IReadOnlyList<AttachmentView> Receipts, bool Mine);

/// <summary>A funded commons' plan against its spending (per budget line, removed expenses left out), its award and what was paid.</summary>
public sealed record CommonsSpending(Guid CommonsId, string CommonsTitle, string Currency, AgreementStatus Status, Spending Spending);

/// <summary>A funded commons' expenses, newest first (removed ones too, marked), its spending, and for whom the viewer may record.</summary>
public sealed record CommonsExpenses(CommonsSpending Summary, IReadOnlyList<ExpenseView> Expenses, IReadOnlyList<OrganisationRef> RecordFor);

/// <summary>
/// Reads expenses and the plan against them, for the commons' holders, the call's facilitators and its funders
/// (<see cref="AttachmentFiles.SeesFollowUpFiles"/>). <see cref="PlannedVsActualAsync(Actor, Guid, Guid, CancellationToken)"/>
/// and its per-call version are the one "spent per line" query other features read.
/// </summary>
public sealed class ExpenseQueries(IDbContextFactory<AppDbContext> factory)
{
    public static DomainError NotForYou => new(ErrorCodes.Forbidden, "Expenses are for the commons' holders, the call's facilitators and its funders.");

    /// <summary>One funded commons' plan against its spending; not_found without an agreement, forbidden for other readers.</summary>
    public async Task<Result<CommonsSpending>> PlannedVsActualAsync(Actor actor, Guid callId, Guid commonsId, CancellationToken ct = default)
    {
        var all = await ReadAsync(actor, callId, commonsId, ct);
        return all.Value is { } list ? list.Single().Summary : all.Error!;
    }

    /// <summary>
    /// Every funded commons of the call the viewer may follow, by title: all of them for facilitators and funders, the
    /// ones it holds for a holder (an empty list for them is not a refusal); forbidden for other readers.
    /// </summary>
    public async Task<Result<IReadOnlyList<CommonsSpending>>> PlannedVsActualAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var all = await ReadAsync(actor, callId, null, ct);
        return all.Value is { } list ? list.Select(c => c.Summary).ToList() : all.Error!;
    }

    /// <summary>One funded commons' expenses with their receipts, and its spending.</summary>
    public async Task<Result<CommonsExpenses>> ListAsync(Actor actor, Guid callId, Guid commonsId, CancellationToken ct = default)
    {
        var all = await ReadAsync(actor, callId, commonsId, ct);
        return all.Value is { } list ? list.Single() : all.Error!;
    }

    /// <summary>Every funded commons of the call the viewer may follow, with its expenses (for the exports).</summary>
    public async Task<Result<IReadOnlyList<CommonsExpenses>>> ListAsync(Actor actor, Guid callId, CancellationToken ct = default) =>
        await ReadAsync(actor, callId, null, ct);

    private async Task<Result<IReadOnlyList<CommonsExpenses>>> ReadAsync(Actor actor, Guid callId, Guid? commonsId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { } scope)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        var agreements = await db.FundingAgreements.AsNoTracking()
            .Where(a => a.CallId == callId && (commonsId == null || a.CommonsId == commonsId)).ToListAsync(ct);
        var ids = agreements.Select(a => a.CommonsId).ToList();
        var commons = await db.Commons.AsNoTracking().Include(c => c.CoCreators).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var access = scope.Access;
        var followed = agreements.Where(a => AttachmentFiles.SeesFollowUpFiles(access, commons[a.CommonsId].CoCreators.Select(c => c.OrganisationId))).ToList();
        if (commonsId is not null && agreements.Count == 0)
        {
            return await db.Commons.AnyAsync(c => c.Id == commonsId && c.CallId == callId, ct)
                ? new DomainError(ErrorCodes.NoAgreement, "This commons was not funded: it has no funding agreement, and no expenses.")
                : ExpenseService.UnknownCommons;
        }

        if (commonsId is null ? !(access.IsFacilitator || access.IsFunder || access.IsMember) : followed.Count == 0)
        {
            return NotForYou;
        }

        var followedIds = followed.Select(a => a.CommonsId).ToList();
        var expenses = await db.Expenses.AsNoTracking().Where(e => followedIds.Contains(e.CommonsId))
            .OrderByDescending(e => e.SpentOn).ThenByDescending(e => e.RecordedAt).ToListAsync(ct);
        var receipts = await AttachmentFiles.ListAsync(db, scope.Call.Slug, AttachmentOwner.Receipt, [.. expenses.Select(e => e.Id)], ct);
        var orgIds = expenses.Select(e => e.RecordedByOrganisationId).Concat(followed.SelectMany(a => commons[a.CommonsId].CoCreators.Select(c => c.OrganisationId))).ToHashSet();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        return followed.Select(a =>
        {
            var c = commons[a.CommonsId];
            var own = expenses.Where(e => e.CommonsId == c.Id).ToList();
            var summary = new CommonsSpending(c.Id, c.Title, scope.Call.Currency, a.Status, Spending.Of(c.BudgetLines, own, a.Award, a.Paid));
            var views = own.Select(e => new ExpenseView(
                e.Id, e.BudgetLine, e.BudgetLine < c.BudgetLines.Count ? c.BudgetLines[e.BudgetLine].Description : string.Empty, e.Amount, e.SpentOn, e.Label, e.Supplier,
                new OrganisationRef(e.RecordedByOrganisationId, names[e.RecordedByOrganisationId]), e.RecordedAt, e.CorrectedAt, e.RemovedAt, e.RemovedReason,
                [.. receipts[e.Id]], !e.IsRemoved && access.Represents(e.RecordedByOrganisationId) && c.IsCoCreator(e.RecordedByOrganisationId))).ToList();
            IReadOnlyList<OrganisationRef> recordFor = a.Status == AgreementStatus.Cancelled
                ? []
                : [.. c.CoCreators.Select(h => h.OrganisationId).Where(access.Represents).Select(id => new OrganisationRef(id, names[id])).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
            return new CommonsExpenses(summary, views, recordFor);
        }).OrderBy(x => x.Summary.CommonsTitle, StringComparer.CurrentCulture).ToList();
    }
}
