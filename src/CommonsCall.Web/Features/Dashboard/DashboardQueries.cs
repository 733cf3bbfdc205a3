using System.Collections.Concurrent;
using System.Globalization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>The money of the whole call. <see cref="Contributed"/> and <see cref="Unspent"/> are null when the visibility rule hides totals.</summary>
public sealed record DashboardTotals(long Pool, long MatchingPool, long Granted, long OwnFunds, long? Contributed, long? Unspent)
{
    /// <summary>Pledged to the pool but not granted to any member yet.</summary>
    public long Ungranted => Math.Max(0, Pool - Granted);
}

/// <summary>
/// One commons on the dashboard. <see cref="Total"/>, <see cref="State"/> and <see cref="EstimatedMatch"/> are null
/// when the viewer may not see totals; <see cref="Contributors"/> only when it may see who gives.
/// </summary>
public sealed record DashboardCommons(
    Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, long? Total, GoalState? State,
    long Released, long Match, long? EstimatedMatch, int? Contributors, long? GiftMatch = null);

public sealed record DashboardGift(Guid CommonsId, string CommonsTitle, long Amount);

/// <summary>What one member organisation holds and gave, and to which commons.</summary>
public sealed record DashboardOrganisation(Guid Id, string Name, long Granted, long OwnFunds, long Contributed, IReadOnlyList<DashboardGift> Gifts)
{
    // The gifts as one line of text per culture and currency: the snapshot's organisations are shared by every open
    // page, so each page references the same string instead of holding its own copy (issue 17).
    private readonly ConcurrentDictionary<(string Culture, string Currency), string> _giftLines = new();

    public long Available => Granted + OwnFunds - Contributed;

    /// <summary>"Commons: amount · ..." in the current culture.</summary>
    public string GiftsLine(string currency) =>
        _giftLines.GetOrAdd((CultureInfo.CurrentCulture.Name, currency), key => string.Join(" · ", Gifts.Select(g => $"{g.CommonsTitle} : {Money.Format(g.Amount, key.Currency)}")));
}

/// <summary>
/// The allocation of a call as one viewer may see it. <see cref="Organisations"/> lists the members this viewer
/// may see (every member when it may see who gives what, its own organisations otherwise), largest givers first,
/// up to the limit asked for; <see cref="OrganisationCount"/> says how many there are in all.
/// </summary>
public sealed record DashboardView(
    Guid CallId, string Slug, string Title, string Currency, CallPhase Phase, bool RoundOpen, ContributionsVisibility Visibility,
    CallAccess Access, bool SeesTotals, bool SeesEveryone, DashboardTotals Totals, IReadOnlyList<DashboardCommons> Commons,
    IReadOnlyList<DashboardOrganisation> Organisations, int OrganisationCount, IReadOnlyList<TimelinePoint> Timeline, DateTimeOffset AsOf);

/// <summary>What one viewer's dashboard is made of: the call's shared snapshot and the viewer's access to it.</summary>
public sealed record DashboardSight(CallSnapshot Snapshot, CallAccess Access);

/// <summary>
/// Reads the funders' and facilitators' dashboard (issue 5) from the call's shared <see cref="CallSnapshot"/>
/// (<see cref="CallSnapshots"/>, issue 17): the database is asked who the viewer is and whether the snapshot is up to
/// date, never to add up the figures again. The visibility rule is applied by <see cref="CallSnapshot.ViewFor"/>, once,
/// for the page, the API and the exports.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<AppDbContext> factory, CallSnapshots snapshots, TimeProvider clock)
{
    /// <summary>How many organisations the dashboard page lists before its reader asks for all of them.</summary>
    public const int OrganisationsShown = 50;

    /// <summary>The gift whose match the dashboard previews for each commons: 100 of the call's currency.</summary>
    public static long ReferenceGift(string currency) => Money.Parse("100", currency) ?? 0;

    /// <summary>
    /// The dashboard for facilitators, funders and members of the call; not_found when the viewer may not read the
    /// call, forbidden for readers who take no part in it.
    /// </summary>
    /// <param name="organisationLimit">How many organisations to list with their gifts (null: all, as exports need).</param>
    public async Task<Result<DashboardView>> DashboardAsync(Actor actor, string slug, int? organisationLimit, CancellationToken ct = default)
    {
        var sight = await SightAsync(actor, slug, ct);
        return sight.IsSuccess ? sight.Value!.Snapshot.ViewFor(sight.Value.Access, organisationLimit, clock.GetUtcNow()) : sight.Error!;
    }

    /// <summary>The call's current snapshot and the viewer's access, for a page that follows the next snapshots; errors as <see cref="DashboardAsync"/>.</summary>
    public async Task<Result<DashboardSight>> SightAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        (Call Call, CallAccess Access) found;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not { } readable)
            {
                return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
            }

            found = readable;
        }

        if (!found.Access.TakesPart)
        {
            return new DomainError(ErrorCodes.Forbidden, "The dashboard is for the call's facilitators, funders and members.");
        }

        return new DashboardSight(await snapshots.ReadAsync(found.Call.Id, found.Call.Version, ct), found.Access);
    }
}
