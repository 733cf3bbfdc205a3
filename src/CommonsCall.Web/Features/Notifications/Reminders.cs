using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Notifications;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// The notifications nobody's action causes, due when the clock passes a date: the round has opened (it opens at its
/// funding window's start, which may come after the move to Budgeting), closes in 3 days and in 1 day (for members with
/// money left to spread), a milestone is due in 7 days or overdue, a working group's meeting rhythm breaks
/// (<see cref="MeetingCadence"/>, as its page shows). Each is sent once per recipient: a <see cref="SentReminder"/>
/// (kind, subject, person) is written with the notifications, and its primary key refuses a second one, whoever tries.
/// </summary>
public sealed class Reminders(IDbContextFactory<AppDbContext> factory, Notifier notifier, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone();

    /// <summary>Sends every reminder due now; returns how many people got one.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DigestSchedule.LocalDay(now, _zone);
        return await RoundAsync(now, ct) + await MilestonesAsync(today, ct) + await CadenceAsync(today, ct);
    }

    private async Task<int> RoundAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<Call> open;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            open = (await db.Calls.AsNoTracking().Where(c => c.Phase == CallPhase.Budgeting).ToListAsync(ct)).Where(c => c.IsRoundOpen(now)).ToList();
        }

        var sent = 0;
        foreach (var call in open)
        {
            var members = await MembersAsync(call.Id, ct);
            var closes = call.BudgetRules.FundingClosesAt;
            var opened = closes is { } end
                ? new NotificationText(new Words("notifications.round.opened.title", call.Title), new Words("notifications.round.opened.body", LocalDay(end)))
                : new NotificationText(new Words("notifications.round.opened.title", call.Title));
            sent += await OnceAsync("round_opened", call.Id, await RepresentativesAsync(members.Select(m => m.OrganisationId), ct), [],
                (db, people) => notifier.NotifyUsersAsync(db, people, NotificationType.RoundOpened, call.Id, Funding(call), opened, ct), ct);

            if (closes is not { } closesAt || ReminderRules.ClosingReminderDue(closesAt, now) is not { } days)
            {
                continue;
            }

            foreach (var member in members.Where(m => m.Available > 0))
            {
                var text = new NotificationText(
                    // 3 days or 1 day: the two languages choose the same form for either count.
                    new Words("notifications.round.closing.title" + (days == 1 ? Plurals.One : Plurals.Other), days, call.Title),
                    new Words("notifications.round.closing.body", new Amount(member.Available, call.Currency), LocalDay(closesAt)));
                sent += await OnceAsync(ClosingKind(call.Id, days), member.OrganisationId, await RepresentativesAsync([member.OrganisationId], ct),
                    ReminderRules.ClosingSupersedes(days).Select(d => ClosingKind(call.Id, d)),
                    (db, people) => notifier.NotifyUsersAsync(db, people, NotificationType.RoundClosing, call.Id, Funding(call), text, ct), ct);
            }
        }

        return sent;
    }

    private async Task<int> MilestonesAsync(DateOnly today, CancellationToken ct)
    {
        var (earliest, latest) = (today.AddDays(-ReminderRules.OverdueWindowDays), today.AddDays(ReminderRules.MilestoneNoticeDays));
        await using var read = await factory.CreateDbContextAsync(ct);
        var milestones = await (from m in read.Milestones.AsNoTracking()
                                join c in read.Commons on m.CommonsId equals c.Id
                                join k in read.Calls on c.CallId equals k.Id
                                where !m.IsDone && m.DueOn >= earliest && m.DueOn <= latest
                                select new { m.Id, m.Title, m.DueOn, m.OwnerOrganisationId, CommonsId = c.Id, CommonsTitle = c.Title, CallId = k.Id, k.Slug }).ToListAsync(ct);
        var sent = 0;
        foreach (var m in milestones)
        {
            var (kind, type, title) = ReminderRules.MilestoneDueSoon(m.DueOn, false, today)
                ? ("milestone_due", NotificationType.MilestoneDue, "notifications.milestone.due.title")
                : ("milestone_overdue", NotificationType.MilestoneOverdue, "notifications.milestone.overdue.title");
            var people = await RepresentativesAsync([m.OwnerOrganisationId, .. await GroupAsync(m.CommonsId, ct)], ct);
            var text = new NotificationText(new Words(title, m.Title, new Day(m.DueOn)), new Words("notifications.milestone.due.body", m.CommonsTitle));
            sent += await OnceAsync($"{kind}:{m.DueOn:yyyy-MM-dd}", m.Id, people, [],
                (db, todo) => notifier.NotifyUsersAsync(db, todo, type, m.CallId, $"/calls/{m.Slug}/commons/{m.CommonsId}", text, ct), ct);
        }

        return sent;
    }

    private async Task<int> CadenceAsync(DateOnly today, CancellationToken ct)
    {
        await using var read = await factory.CreateDbContextAsync(ct);
        var meetings = await (from m in read.Meetings.AsNoTracking()
                              join c in read.Commons on m.CommonsId equals c.Id
                              join k in read.Calls on c.CallId equals k.Id
                              select new { m.On, CommonsId = c.Id, CommonsTitle = c.Title, CallId = k.Id, k.Slug }).ToListAsync(ct);
        var sent = 0;
        foreach (var group in meetings.GroupBy(m => m.CommonsId))
        {
            var first = group.First();
            var report = MeetingCadence.Analyse(group.Select(m => m.On), today);
            foreach (var warning in report.Warnings)
            {
                var said = warning.Kind == CadenceWarningKind.NoNextMeeting
                    ? new Words("group.cadence.NoNextMeeting", new Day(warning.From), warning.Days)
                    : new Words($"group.cadence.{warning.Kind}", new Day(warning.From), new Day(warning.To!.Value), warning.Days);
                var text = new NotificationText(
                    new Words("notifications.cadence.title", first.CommonsTitle),
                    said,
                    new Words("group.cadence.rule", MeetingCadence.MinimumDays, MeetingCadence.MaximumDays));
                var people = await RepresentativesAsync(await GroupAsync(group.Key, ct), ct);
                sent += await OnceAsync($"cadence_{warning.Kind}:{warning.From:yyyy-MM-dd}:{warning.To:yyyy-MM-dd}", group.Key, people, [],
                    (db, todo) => notifier.NotifyUsersAsync(db, todo, NotificationType.MeetingCadence, first.CallId, $"/calls/{first.Slug}/commons/{group.Key}", text, ct), ct);
            }
        }

        return sent;
    }

    /// <summary>
    /// Notifies those of <paramref name="people"/> who did not get reminder (<paramref name="kind"/>, <paramref name="subjectId"/>)
    /// yet, recording it (and the <paramref name="superseded"/> kinds) for them in the same transaction. Another scheduler
    /// doing the same at once makes one of the two commits fail on the primary key: that one sends nothing.
    /// </summary>
    private async Task<int> OnceAsync(string kind, Guid subjectId, IReadOnlyList<string> people, IEnumerable<string> superseded, Func<AppDbContext, IReadOnlyList<string>, Task> notify, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return 0;
        }

        var kinds = superseded.Append(kind).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = (await db.SentReminders.AsNoTracking().Where(r => kinds.Contains(r.Kind) && r.SubjectId == subjectId && people.Contains(r.UserId))
            .Select(r => new { r.Kind, r.UserId }).ToListAsync(ct)).Select(r => (r.Kind, r.UserId)).ToHashSet();
        var todo = people.Where(p => !done.Contains((kind, p))).ToList();
        if (todo.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        foreach (var person in todo)
        {
            foreach (var k in kinds.Where(k => !done.Contains((k, person))))
            {
                db.SentReminders.Add(new SentReminder { Kind = k, SubjectId = subjectId, UserId = person, SentAt = now });
            }
        }

        await notify(db, todo);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return todo.Count;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return 0;
        }
    }

    private async Task<List<(Guid OrganisationId, long Available)>> MembersAsync(Guid callId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from p in db.Participants.AsNoTracking()
                          where p.CallId == callId && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined
                          join b in db.MemberBudgets on new { p.CallId, p.OrganisationId } equals new { b.CallId, b.OrganisationId } into budgets
                          from b in budgets.DefaultIfEmpty()
                          select new { p.OrganisationId, Available = b == null ? 0 : b.Granted + b.OwnFunds - b.Contributed }).ToListAsync(ct);
        return rows.Select(r => (r.OrganisationId, r.Available)).ToList();
    }

    /// <summary>The organisations positioned on a commons: its working group.</summary>
    private async Task<List<Guid>> GroupAsync(Guid commonsId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Positionings.AsNoTracking().Where(p => p.CommonsId == commonsId).Select(p => p.OrganisationId).Distinct().ToListAsync(ct);
    }

    private async Task<IReadOnlyList<string>> RepresentativesAsync(IEnumerable<Guid> organisations, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Notifier.RepresentativesAsync(db, organisations, ct);
    }

    private static string ClosingKind(Guid callId, int days) => $"round_closing_{days}d:{callId:N}";

    private static string Funding(Call call) => $"/calls/{call.Slug}/funding";

    private Day LocalDay(DateTimeOffset at) => new(DigestSchedule.LocalDay(at, _zone));
}
