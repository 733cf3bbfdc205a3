using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>
/// Expenses against a funded commons' budget lines (issue 15): <see cref="ExpensePolicy"/> decides; this loads what
/// it needs under the call's shared lock, stores the expense and its receipts and an audit entry in one transaction.
/// No money moves in the ledger: an expense says how the holders spent what they were paid.
/// </summary>
public sealed class ExpenseService(
    CallChanges changes,
    TimeProvider clock,
    IValidator<RecordExpense> recordValidator,
    IValidator<CorrectExpense> correctValidator,
    IValidator<RemoveExpense> removeValidator,
    IValidator<AddReceipts> receiptsValidator)
{
    public static DomainError UnknownCommons => new(ErrorCodes.NotFound, "No such commons in this call.");

    public static DomainError UnknownExpense => new(ErrorCodes.NotFound, "No such expense in this call.");

    public async Task<Result<Guid>> RecordAsync(Actor actor, RecordExpense command, CancellationToken ct = default)
    {
        if (await recordValidator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        return await changes.ShareAsync<Guid>(actor, command.CallId, UnknownCommons, async x =>
        {
            if (await HoldersAsync(x.Db, command.CallId, command.CommonsId, ct) is not { } holders)
            {
                return UnknownCommons;
            }

            var ctx = await ContextAsync(x, command.CommonsId, holders.Count, holders.Holders.Contains(command.OrganisationId) && x.Access.Represents(command.OrganisationId), null, ct);
            var recorded = ExpensePolicy.Record(ctx, command.OrganisationId, actor.UserId ?? "system", command.Terms, x.Now);
            if (recorded.Value is not { } expense)
            {
                return recorded.Error!;
            }

            x.Db.Expenses.Add(expense);
            if (await AttachmentFiles.AttachAsync(x, AttachmentOwner.Receipt, expense.Id, command.Receipts, ct) is { Error: { } refused })
            {
                return refused;
            }

            x.Audit("expense.recorded", null, Describe(expense, command.Receipts));
            return expense.Id;
        }, ct);
    }

    public async Task<Result> CorrectAsync(Actor actor, CorrectExpense command, CancellationToken ct = default) =>
        await correctValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await ChangeAsync(actor, command.CallId, command.ExpenseId, (x, ctx, expense) =>
            {
                var before = Describe(expense, []);
                return x.Audited(ExpensePolicy.Correct(ctx, expense, command.Terms, x.Now), "expense.corrected", before, () => Describe(expense, []));
            }, ct);

    public async Task<Result> RemoveAsync(Actor actor, RemoveExpense command, CancellationToken ct = default) =>
        await removeValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await ChangeAsync(actor, command.CallId, command.ExpenseId, (x, ctx, expense) =>
                x.Audited(ExpensePolicy.Remove(ctx, expense, command.Reason, x.Now), "expense.removed", null, () => new { expense.Id, expense.CommonsId, expense.Amount, expense.RemovedReason }), ct);

    public async Task<Result> AddReceiptsAsync(Actor actor, AddReceipts command, CancellationToken ct = default)
    {
        if (await receiptsValidator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        return await changes.ShareAsync(actor, command.CallId, UnknownExpense, async x =>
        {
            var loaded = await LoadAsync(x, command.ExpenseId, ct);
            if (!loaded.IsSuccess)
            {
                return loaded.Error!;
            }

            var (ctx, expense) = loaded.Value;
            if (ExpensePolicy.CheckChange(ctx, expense) is { Error: { } refused })
            {
                return refused;
            }

            var attached = await AttachmentFiles.AttachAsync(x, AttachmentOwner.Receipt, expense.Id, command.Receipts, ct);
            return x.Audited(attached, "expense.receipts_added", null, () => Describe(expense, command.Receipts));
        }, ct);
    }

    private Task<Result> ChangeAsync(Actor actor, Guid callId, Guid expenseId, Func<CallChange, ExpenseContext, Expense, Result> apply, CancellationToken ct) =>
        changes.ShareAsync(actor, callId, UnknownExpense, async x =>
        {
            var loaded = await LoadAsync(x, expenseId, ct);
            return loaded.IsSuccess ? apply(x, loaded.Value.Item1, loaded.Value.Item2) : loaded.Error!;
        }, ct);

    /// <summary>The expense (tracked) and its rules' context, for the organisation that recorded it.</summary>
    private async Task<Result<(ExpenseContext, Expense)>> LoadAsync(CallChange x, Guid expenseId, CancellationToken ct)
    {
        var expense = await x.Db.Expenses.SingleOrDefaultAsync(e => e.Id == expenseId && e.CallId == x.Call.Id, ct);
        if (expense is null || await HoldersAsync(x.Db, x.Call.Id, expense.CommonsId, ct) is not { } holders)
        {
            return UnknownExpense;
        }

        var mayChange = holders.Holders.Contains(expense.RecordedByOrganisationId) && x.Access.Represents(expense.RecordedByOrganisationId);
        return (await ContextAsync(x, expense.CommonsId, holders.Count, mayChange, expense.Id, ct), expense);
    }

    private async Task<ExpenseContext> ContextAsync(CallChange x, Guid commonsId, int lines, bool representsHolder, Guid? except, CancellationToken ct) => new()
    {
        ActorRepresentsHolder = representsHolder,
        Agreement = await x.Db.FundingAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.CallId == x.Call.Id && a.CommonsId == commonsId, ct),
        BudgetLineCount = lines,
        OtherExpenses = await x.Db.Expenses.Where(e => e.CommonsId == commonsId && e.RemovedAt == null && e.Id != except).SumAsync(e => e.Amount, ct),
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
    };

    /// <summary>The commons' holders and how many budget lines it has; null when it is not a commons of the call.</summary>
    private static async Task<(IReadOnlySet<Guid> Holders, int Count)?> HoldersAsync(AppDbContext db, Guid callId, Guid commonsId, CancellationToken ct)
    {
        var commons = await db.Commons.AsNoTracking().Include(c => c.CoCreators).SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
        return commons is null ? null : (commons.CoCreators.Select(c => c.OrganisationId).ToHashSet(), commons.BudgetLines.Count);
    }

    private static object Describe(Expense e, IReadOnlyList<UploadedFile> receipts) => new
    {
        e.Id,
        e.CommonsId,
        e.RecordedByOrganisationId,
        e.BudgetLine,
        e.Amount,
        e.SpentOn,
        e.Label,
        e.Supplier,
        Receipts = receipts.Select(r => AttachmentPolicy.CleanName(r.FileName)),
    };
}
