using System.Collections.Concurrent;
using System.Data;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>
/// One <see cref="CallSnapshot"/> per call that someone watches, shared by every open page and every read of this app
/// instance (issue 17): built once from the database, then replaced by a copy with the announced changes of every
/// instance applied (<see cref="ContributionEvents"/>, PostgreSQL's LISTEN/NOTIFY), a burst of them at once per call
/// (<see cref="Coalescing"/>), never per page. Changes that are not one contribution (grants, pledges, settlement)
/// rebuild it. A version check against the database (the ledger entries after the snapshot's last one, the call's row
/// version, the commons print) runs on every read and every <see cref="CheckEvery"/> for the calls being watched: a
/// change the snapshot should hold but whose announcement does not arrive within <see cref="AnnouncementGrace"/> (a
/// listener that lost its connection) makes it rebuild.
/// </summary>
public sealed class CallSnapshots : IDisposable
{
    /// <summary>How long the changes of one burst are gathered before the call's next snapshot is made.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a change the database holds may take to be announced before the snapshot is rebuilt without it.</summary>
    public static readonly TimeSpan AnnouncementGrace = TimeSpan.FromSeconds(2);

    /// <summary>How often the snapshots of watched calls are checked against the database.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    /// <summary>A call nobody watched or read for this long is forgotten.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    /// <summary>Applied changes after which a snapshot is rebuilt, so that the version check counts few ledger entries.</summary>
    private const long RebuildAfter = 20_000;

    private readonly ConcurrentDictionary<Guid, Watched> _calls = new();
    private readonly IDbContextFactory<AppDbContext> _factory;
    private readonly SnapshotRows _rows;
    private readonly TimeProvider _clock;
    private readonly ILogger<CallSnapshots> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public CallSnapshots(IDbContextFactory<AppDbContext> factory, SnapshotRows rows, ContributionEvents events, TimeProvider clock, ILogger<CallSnapshots> logger)
    {
        _factory = factory;
        _rows = rows;
        _clock = clock;
        _logger = logger;
        events.Changed += change =>
        {
            if (_calls.TryGetValue(change.CallId, out var watched))
            {
                watched.Announced(change);
            }
        };
        events.CallChanged += callId =>
        {
            if (_calls.TryGetValue(callId, out var watched))
            {
                watched.RebuildSoon();
            }
        };
        _ = Task.Run(() => CheckWatchedAsync(_stopping.Token));
    }

    /// <summary>
    /// The call's snapshot, holding at least every change committed before this read began (the version check waits
    /// for announcements on their way, or rebuilds); <paramref name="callVersion"/> is the call's row version as the
    /// reader just read it (a phase move or a rule change rebuilds the snapshot).
    /// </summary>
    public async Task<CallSnapshot> ReadAsync(Guid callId, uint callVersion, CancellationToken ct = default)
    {
        var watched = _calls.GetOrAdd(callId, id => new Watched(this, id));
        watched.LastRead = Environment.TickCount64;
        return await watched.CurrentAsync(callVersion, ct);
    }

    /// <summary>Checks the snapshot of a watched call against the database now, and rebuilds it if it misses anything.</summary>
    public async Task VerifyAsync(Guid callId, CancellationToken ct = default)
    {
        if (_calls.TryGetValue(callId, out var watched) && watched.Current is not null)
        {
            await using var db = await _factory.CreateDbContextAsync(ct);
            var version = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.Version).SingleAsync(ct);
            await watched.CurrentAsync(version, ct);
        }
    }

    /// <summary>Calls <paramref name="published"/> with each next snapshot of the call until the result is disposed.</summary>
    public IDisposable Follow(Guid callId, Action<CallSnapshot> published)
    {
        var watched = _calls.GetOrAdd(callId, id => new Watched(this, id));
        return watched.Follow(published);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task CheckWatchedAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            foreach (var (callId, watched) in _calls)
            {
                try
                {
                    if (watched.Followers > 0)
                    {
                        await VerifyAsync(callId, ct);
                    }
                    else if (Environment.TickCount64 - watched.LastRead > ForgetAfter.TotalMilliseconds)
                    {
                        _calls.TryRemove(callId, out _);
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    _logger.LogWarning(ex, "Could not check the snapshot of call {CallId}", callId);
                }
            }
        }
    }

    /// <summary>A snapshot of the call read from the database now, not shared with anyone (what the shared one is compared with).</summary>
    public Task<CallSnapshot> BuildAsync(Guid callId, CancellationToken ct = default) => BuildAsync(callId, 0, ct);

    private async Task<CallSnapshot> BuildAsync(Guid callId, long sequence, CancellationToken ct)
    {
        await using var db = await _factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var start = await _rows.StartAsync(connection, callId, ct);
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == callId && c.Status != CommonsStatus.Proposed && c.Status != CommonsStatus.Cancelled)
            .Select(c => new SnapshotCommons(c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, c.Total, c.Released, c.Match))
            .ToDictionaryAsync(c => c.Id, ct);
        var members = await (from b in db.MemberBudgets.AsNoTracking()
                             join o in db.Organisations on b.OrganisationId equals o.Id
                             where b.CallId == callId
                             select new SnapshotMember(o.Id, o.Name, b.Granted, b.OwnFunds, b.Contributed)).ToDictionaryAsync(m => m.Id, ct);
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => p.CallId == callId)
            .GroupBy(p => p.IsMatching)
            .Select(g => new { IsMatching = g.Key, Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.CallId == callId && c.Amount > 0)
            .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount })
            .ToListAsync(ct);
        var minutes = await _rows.MinutesAsync(connection, callId, ct);
        await transaction.CommitAsync(ct);

        var gifts = contributions.GroupBy(c => c.CommonsId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Guid, long>)g.ToDictionary(x => x.OrganisationId, x => x.Amount));
        return new CallSnapshot(
            call, new SnapshotBase(start.Visible, call.Version, start.LastLedgerId, start.CommonsPrint), sequence, 0, rebuilt: true,
            commons, members, gifts,
            pledges.Where(p => !p.IsMatching).Sum(p => p.Amount), pledges.Where(p => p.IsMatching).Sum(p => p.Amount),
            minutes, _clock.GetUtcNow());
    }

    /// <summary>One watched call: its current snapshot, the announcements waiting to be applied, the pages that follow it.</summary>
    private sealed class Watched(CallSnapshots owner, Guid callId)
    {
        private readonly ConcurrentQueue<ContributionChanged> _announced = new();
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Lock _followersLock = new();
        private Action<CallSnapshot>[] _followers = [];
        private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile CallSnapshot? _current;
        private volatile bool _rebuild;
        private int _scheduled;
        private long _buildsStarted;

        public CallSnapshot? Current => _current;

        public long LastRead { get; set; }

        public int Followers => Volatile.Read(ref _followers).Length;

        /// <summary>A change announced by any instance (applied only if the current snapshot's database snapshot did not see it).</summary>
        public void Announced(ContributionChanged change)
        {
            _announced.Enqueue(change);
            Schedule();
        }

        public void RebuildSoon()
        {
            _rebuild = true;
            Schedule();
        }

        public IDisposable Follow(Action<CallSnapshot> published)
        {
            lock (_followersLock)
            {
                _followers = [.. _followers, published];
            }

            return new Unfollow(this, published);
        }

        public async Task<CallSnapshot> CurrentAsync(uint callVersion, CancellationToken ct)
        {
            for (var attempt = 0; ; attempt++)
            {
                var snapshot = _current ?? await RebuildAsync(ct);
                if (snapshot.Base.CallVersion != callVersion)
                {
                    snapshot = await RebuildAsync(ct);
                }

                SnapshotVersion version;
                await using (var db = await owner._factory.CreateDbContextAsync(ct))
                {
                    await db.Database.OpenConnectionAsync(ct);
                    version = await owner._rows.VersionAsync((NpgsqlConnection)db.Database.GetDbConnection(), callId, snapshot.Base.LastLedgerId, ct);
                }

                if (version.CommonsPrint != snapshot.Base.CommonsPrint)
                {
                    return await RebuildAsync(ct);
                }

                // Entries the database holds and the snapshot does not yet: their announcements are on their way.
                var holding = await WaitForAsync(s => s.Base != snapshot.Base || s.AppliedAfterBase >= version.LedgerEntriesAfter, ct);
                if (holding is null)
                {
                    owner._logger.LogWarning("A change of call {CallId} was not announced in time; rebuilding its snapshot", callId);
                    return await RebuildAsync(ct);
                }

                // Rebuilt meanwhile (it may have begun before this read): check the new one, or rebuild after two tries.
                if (holding.Base == snapshot.Base)
                {
                    return holding;
                }

                if (attempt >= 2)
                {
                    return await RebuildAsync(ct);
                }
            }
        }

        private async Task<CallSnapshot?> WaitForAsync(Func<CallSnapshot, bool> holds, CancellationToken ct)
        {
            var waited = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                var published = Volatile.Read(ref _published);
                if (_current is { } current && holds(current))
                {
                    return current;
                }

                var left = AnnouncementGrace - System.Diagnostics.Stopwatch.GetElapsedTime(waited);
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                try
                {
                    await published.Task.WaitAsync(left, ct);
                }
                catch (TimeoutException)
                {
                    return null;
                }
            }
        }

        /// <summary>A snapshot built from the database after this call began (one build serves every reader waiting for it).</summary>
        private async Task<CallSnapshot> RebuildAsync(CancellationToken ct)
        {
            var ticket = Interlocked.Read(ref _buildsStarted);
            await _gate.WaitAsync(ct);
            try
            {
                if (Interlocked.Read(ref _buildsStarted) > ticket && _current is { Rebuilt: true } fresh)
                {
                    return fresh;
                }

                return await BuildLockedAsync(ct);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<CallSnapshot> BuildLockedAsync(CancellationToken ct)
        {
            // The announcements waiting now are of committed changes, which the build reads; later ones are applied
            // after it unless its database snapshot already saw them.
            _rebuild = false;
            _announced.Clear();
            Interlocked.Increment(ref _buildsStarted);
            var built = await owner.BuildAsync(callId, (_current?.Sequence ?? 0) + 1, ct);
            Publish(built);
            return built;
        }

        private void Schedule()
        {
            if (Interlocked.Exchange(ref _scheduled, 1) == 1)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                await Task.Delay(Coalescing);
                Volatile.Write(ref _scheduled, 0);
                await ApplyAnnouncedAsync();
            });
        }

        private async Task ApplyAnnouncedAsync()
        {
            try
            {
                await _gate.WaitAsync(owner._stopping.Token);
                try
                {
                    if (_current is not { } current || _rebuild)
                    {
                        await BuildLockedAsync(owner._stopping.Token);
                        return;
                    }

                    var changes = new List<ContributionChanged>();
                    while (_announced.TryDequeue(out var change))
                    {
                        changes.Add(change);
                    }

                    var next = current.With(changes, owner._clock.GetUtcNow());
                    if (next is null || next.AppliedAfterBase > RebuildAfter)
                    {
                        await BuildLockedAsync(owner._stopping.Token);
                    }
                    else if (!ReferenceEquals(next, current))
                    {
                        Publish(next);
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException or TimeoutException)
            {
                // The pages keep the snapshot they show; the next announcement or read tries again.
                _rebuild = true;
                owner._logger.LogWarning(ex, "Could not update the snapshot of call {CallId}", callId);
            }
        }

        private void Publish(CallSnapshot snapshot)
        {
            _current = snapshot;
            Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            foreach (var follower in Volatile.Read(ref _followers))
            {
                follower(snapshot);
            }
        }

        private sealed class Unfollow(Watched watched, Action<CallSnapshot> published) : IDisposable
        {
            public void Dispose()
            {
                lock (watched._followersLock)
                {
                    watched._followers = [.. watched._followers.Where(f => f != published)];
                }
            }
        }
    }
}
