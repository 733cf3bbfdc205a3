using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// The row locks that make the budget rules hold under any number of concurrent requests. Every money
/// operation takes them in the same order, so they never deadlock:
/// 1. the call row: FOR SHARE by contributions and own-funds changes (many at once), FOR UPDATE by
///    pledges, grants, rule changes and closing (which therefore wait for, and then exclude, contributions);
/// 2. the member's budget row, FOR UPDATE: one member's requests run one at a time;
/// 3. the commons row, FOR UPDATE: a commons' total is read and written by one request at a time.
/// </summary>
public static class RowLocks
{
    public static async Task<Call?> CallAsync(AppDbContext db, Guid callId, bool exclusive, CancellationToken ct)
    {
        var calls = exclusive
            ? db.Calls.FromSql($"SELECT *, xmin FROM \"Calls\" WHERE \"Id\" = {callId} FOR UPDATE")
            : db.Calls.FromSql($"SELECT *, xmin FROM \"Calls\" WHERE \"Id\" = {callId} FOR SHARE");
        return (await calls.ToListAsync(ct)).SingleOrDefault();
    }

    /// <summary>Locks the call exclusively and checks that the actor facilitates it (or administers the platform).</summary>
    public static async Task<Result<Call>> CallToManageAsync(AppDbContext db, Actor actor, Guid callId, string refusal, CancellationToken ct)
    {
        var call = await CallAsync(db, callId, exclusive: true, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        await db.Entry(call).Collection(c => c.Facilitators).LoadAsync(ct);
        return CallAccess.CanManage(actor, call) ? call : new DomainError(ErrorCodes.Forbidden, refusal);
    }

    public static async Task<MemberBudget?> MemberBudgetAsync(AppDbContext db, Guid callId, Guid organisationId, CancellationToken ct) =>
        (await db.MemberBudgets
            .FromSql($"SELECT * FROM \"MemberBudgets\" WHERE \"CallId\" = {callId} AND \"OrganisationId\" = {organisationId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();

    /// <summary>Creates the member's budget row if it does not exist yet (safe when two requests race), then locks it.</summary>
    public static async Task<MemberBudget> EnsureMemberBudgetAsync(AppDbContext db, Guid callId, Guid organisationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"MemberBudgets\" (\"CallId\", \"OrganisationId\", \"Granted\", \"OwnFunds\", \"Contributed\") VALUES ({callId}, {organisationId}, 0, 0, 0) ON CONFLICT DO NOTHING",
            ct);
        return (await MemberBudgetAsync(db, callId, organisationId, ct))!;
    }

    public static async Task<CommonsEntity?> CommonsAsync(AppDbContext db, Guid callId, Guid commonsId, CancellationToken ct) =>
        (await db.Commons
            .FromSql($"SELECT * FROM \"Commons\" WHERE \"Id\" = {commonsId} AND \"CallId\" = {callId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
}
