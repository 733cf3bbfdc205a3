using CommonsCall.Domain.Calendars;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calendars;

/// <summary>One call's calendar: its title names the feed.</summary>
public sealed record CallCalendarView(string Title, IReadOnlyList<CalendarEntry> Entries);

/// <summary>
/// The entries of calendar feeds: one call's, as the actor may see it (a members-only call is unknown to outsiders),
/// or every call a person takes part in or is invited to. Cancelled commons' meetings and milestones are left out.
/// </summary>
public sealed class CalendarQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The call's entries, or null when there is no such call or the actor may not read it.</summary>
    public async Task<CallCalendarView?> CallAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not { } readable)
        {
            return null;
        }

        return new CallCalendarView(readable.Call.Title, await EntriesAsync(db, [readable.Call], ct));
    }

    /// <summary>The entries of every call the person facilitates, or whose participants (invited or joined) they represent.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> PersonalAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.Facilitators.Any(f => f.UserId == userId)
                || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                    && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId)))
            .OrderBy(c => c.Title)
            .ToListAsync(ct);
        return await EntriesAsync(db, calls, ct);
    }

    private static async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(AppDbContext db, IReadOnlyList<Call> calls, CancellationToken ct)
    {
        var ids = calls.Select(c => c.Id).ToList();
        var live = db.Commons.Where(c => ids.Contains(c.CallId) && c.Status != CommonsStatus.Cancelled);
        var meetings = await db.Meetings.AsNoTracking()
            .Join(live, m => m.CommonsId, c => c.Id, (m, c) => new { c.CallId, Date = new WorkingGroupDate(m.Id, c.Title, m.On, null, m.Note) })
            .ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking()
            .Join(live, m => m.CommonsId, c => c.Id, (m, c) => new { c.CallId, Date = new WorkingGroupDate(m.Id, c.Title, m.DueOn, m.Title, null) })
            .ToListAsync(ct);
        return [.. calls
            .SelectMany(call => CallCalendar.Entries(
                call,
                meetings.Where(m => m.CallId == call.Id).Select(m => m.Date),
                milestones.Where(m => m.CallId == call.Id).Select(m => m.Date)))
            .OrderBy(CallCalendar.StartOf).ThenBy(e => e.Uid, StringComparer.Ordinal)];
    }
}
