using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

public sealed record MakePledge(Guid CallId, Guid FunderOrganisationId, long Amount, bool IsMatching);

public sealed record SetOwnFunds(Guid CallId, Guid OrganisationId, long Amount);

public sealed record GrantLine(Guid OrganisationId, long Amount);

/// <summary>The grants of the listed members of the call <see cref="CallId"/> (others keep theirs), set or previewed.</summary>
public sealed record SetGrants(Guid CallId, IReadOnlyList<GrantLine> Lines);

/// <summary>Splits the whole pool of the call <see cref="CallId"/> equally among its joined members.</summary>
public sealed record DistributeGrantsEqually(Guid CallId);

/// <summary>One line of a grant distribution as checked before anything is applied.</summary>
public sealed record GrantPreviewLine(int Line, string Organisation, Guid? OrganisationId, long? Amount, long? Current, string? ErrorCode);

public sealed record GrantPreview(IReadOnlyList<GrantPreviewLine> Lines, long Pool, long TotalAfter, string? ErrorCode)
{
    public bool CanApply => ErrorCode is null && Lines.All(l => l.ErrorCode is null);
}

/// <summary>
/// Money entering a member's balance: funders' pledges to the pool, the facilitator's grants from it and
/// members' own funds. Grants never exceed the pool and never fall below what a member already gave.
/// </summary>
public sealed class FundsService(IDbContextFactory<AppDbContext> factory, CallChanges changes, MoneyRows rows)
{
    public Task<Result<long>> PledgeAsync(Actor actor, MakePledge command, CancellationToken ct = default) =>
        changes.LockAsync<long>(actor, command.CallId, CallLock.Exclusive, async x =>
        {
            if (!await CallAccess.RepresentsJoinedAsync(x.Db, actor, x.Call.Id, command.FunderOrganisationId, ParticipantRole.Funder, ct))
            {
                return new DomainError(ErrorCodes.Forbidden, "Only a joined funder's representatives may pledge for it.");
            }

            var pledge = Pledge.Make(x.Call, command.FunderOrganisationId, command.Amount, command.IsMatching, actor.UserId!, x.Now);
            if (pledge.Value is not { } made)
            {
                return pledge.Error!;
            }

            var before = await x.Db.Pledges.Where(p => p.CallId == x.Call.Id && p.IsMatching == command.IsMatching).SumAsync(p => p.Amount, ct);
            x.Db.Pledges.Add(made);
            x.Db.Ledger.Add(new LedgerEntry(x.Call.Id, command.IsMatching ? LedgerEntryKind.MatchingPledge : LedgerEntryKind.Pledge,
                before, checked(before + command.Amount), actor.UserId, command.FunderOrganisationId, null, x.Now));
            await ContributionEvents.NotifyCallChangedAsync(x.Db, x.Call.Id, ct);
            return before + command.Amount;
        }, ct);

    public Task<Result<long>> SetOwnFundsAsync(Actor actor, SetOwnFunds command, CancellationToken ct = default) =>
        changes.LockAsync<long>(actor, command.CallId, CallLock.Shared, async x =>
        {
            if (!await CallAccess.RepresentsJoinedAsync(x.Db, actor, x.Call.Id, command.OrganisationId, ParticipantRole.Member, ct))
            {
                return new DomainError(ErrorCodes.Forbidden, "Only a joined member's representatives may set its own funds.");
            }

            if (x.Call.IsSettled)
            {
                return new DomainError(ErrorCodes.RoundClosed, "The round is settled.");
            }

            var budget = await rows.LockMemberBudgetAsync(x.Db, x.Call.Id, command.OrganisationId, ct);
            var result = budget.SetOwnFunds(command.Amount);
            if (!result.IsSuccess)
            {
                return result.Error!;
            }

            if (!result.Value.IsNoOp)
            {
                x.Db.Ledger.Add(new LedgerEntry(x.Call.Id, LedgerEntryKind.OwnFunds, result.Value.Before, result.Value.After, actor.UserId, command.OrganisationId, null, x.Now));
            }

            await ContributionEvents.NotifyCallChangedAsync(x.Db, x.Call.Id, ct);
            return budget.OwnFunds;
        }, ct);

    /// <summary>Splits the whole pool equally among the joined members (the remainder of the division stays in the pool).</summary>
    public async Task<Result<GrantPreview>> DistributeEquallyAsync(Actor actor, DistributeGrantsEqually command, CancellationToken ct = default)
    {
        var callId = command.CallId;
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        if (!CallAccess.CanManage(actor, call))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the call's facilitators distribute the pool.");
        }

        var members = await JoinedMembersAsync(db, callId, ct);
        if (members.Count == 0)
        {
            return new DomainError(ErrorCodes.NoJoinedMembers, "No member organisation has joined the call.");
        }

        var pool = await PoolAsync(db, callId, ct);
        var share = pool / members.Count;
        return await SetGrantsAsync(actor, new SetGrants(callId, members.Select(m => new GrantLine(m.Id, share)).ToList()), ct);
    }

    /// <summary>Checks a distribution without applying it: unknown organisations, bad amounts, total over the pool.</summary>
    public async Task<Result<GrantPreview>> PreviewGrantsAsync(Actor actor, SetGrants command, CancellationToken ct = default)
    {
        var (callId, lines) = command;
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        if (!CallAccess.CanManage(actor, call))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the call's facilitators distribute the pool.");
        }

        return await CheckAsync(db, call, lines, ct);
    }

    /// <summary>Sets the grants of the listed members (others keep theirs), all or nothing.</summary>
    public Task<Result<GrantPreview>> SetGrantsAsync(Actor actor, SetGrants command, CancellationToken ct = default) =>
        changes.ManageAsync<GrantPreview>(actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators distribute the pool.", async x =>
        {
            var call = x.Call;
            if (call.IsSettled)
            {
                return new DomainError(ErrorCodes.RoundClosed, "The round is settled: grants no longer change.");
            }

            var preview = await CheckAsync(x.Db, call, command.Lines, ct);
            if (!preview.CanApply)
            {
                return preview.ErrorCode is { } code
                    ? new DomainError(code, "The distribution cannot be applied.")
                    : new DomainError(preview.Lines.First(l => l.ErrorCode is not null).ErrorCode!, "Some command.Lines of the distribution are invalid.");
            }

            var granted = new List<long>();
            foreach (var line in command.Lines.OrderBy(l => l.OrganisationId))
            {
                var budget = await rows.LockMemberBudgetAsync(x.Db, call.Id, line.OrganisationId, ct);
                var result = budget.SetGrant(line.Amount);
                if (!result.IsSuccess)
                {
                    return result.Error!;
                }

                if (!result.Value.IsNoOp)
                {
                    x.Db.Ledger.Add(new LedgerEntry(call.Id, LedgerEntryKind.Grant, result.Value.Before, result.Value.After, actor.UserId, line.OrganisationId, null, x.Now));
                    granted.Add(result.Value.After - result.Value.Before);
                }
            }

            // Each member's grant is in the ledger; the audit entry stays small enough for a call of any size.
            x.Audit("budget.grants_set", null, new { Members = granted.Count, Granted = granted.Sum() });
            await ContributionEvents.NotifyCallChangedAsync(x.Db, call.Id, ct);
            return preview;
        }, ct);

    /// <summary>The joined member organisations, for the facilitator's distribution forms (null for anyone else).</summary>
    public async Task<IReadOnlyList<OrganisationRef>?> MembersAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        return call is null || !CallAccess.CanManage(actor, call)
            ? null
            : (await JoinedMembersAsync(db, callId, ct)).Select(m => new OrganisationRef(m.Id, m.Name)).ToList();
    }

    internal static Task<long> PoolAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        db.Pledges.Where(p => p.CallId == callId && !p.IsMatching).SumAsync(p => p.Amount, ct);

    private static async Task<GrantPreview> CheckAsync(AppDbContext db, Call call, IReadOnlyList<GrantLine> lines, CancellationToken ct)
    {
        var members = (await JoinedMembersAsync(db, call.Id, ct)).ToDictionary(m => m.Id);
        var current = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == call.Id).ToDictionaryAsync(b => b.OrganisationId, ct);
        var pool = await PoolAsync(db, call.Id, ct);
        var checkedLines = lines.Select((l, i) =>
        {
            var known = members.TryGetValue(l.OrganisationId, out var member);
            current.TryGetValue(l.OrganisationId, out var budget);
            var error = !known ? ErrorCodes.UnknownOrganisation : (budget ?? new MemberBudget(call.Id, l.OrganisationId)).CheckGrant(l.Amount)?.Code;
            return new GrantPreviewLine(i + 1, known ? member.Name : l.OrganisationId.ToString(), known ? member.Id : null, l.Amount, budget?.Granted ?? 0, error);
        }).ToList();

        var (total, error) = GrantDistribution.Check(
            current.ToDictionary(c => c.Key, c => c.Value.Granted),
            [.. lines.Select((l, i) => new ProposedGrant(l.OrganisationId, l.Amount, checkedLines[i].ErrorCode is null))],
            pool);
        return new GrantPreview(checkedLines, pool, total, error);
    }

    private static async Task<List<(Guid Id, string Name)>> JoinedMembersAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        (await (from p in db.Participants
                join o in db.Organisations on p.OrganisationId equals o.Id
                where p.CallId == callId && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined
                orderby o.Name
                select new { o.Id, o.Name }).ToListAsync(ct))
        .Select(x => (x.Id, x.Name)).ToList();
}
