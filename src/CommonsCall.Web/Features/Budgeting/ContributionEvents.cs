using System.Text.Json;
using System.Text.Json.Serialization;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// One accepted contribution change. <see cref="TransactionId"/> and <see cref="LedgerId"/> (zero when unknown) say
/// which transaction wrote it and which ledger entry records it, so that a listener holding figures read in a database
/// snapshot applies the change only if that snapshot does not hold it yet (<c>CallSnapshots</c>).
/// </summary>
public sealed record ContributionChanged(
    Guid CallId, Guid CommonsId, Guid OrganisationId, long Before, long After, long CommonsTotal, DateTimeOffset At, long TransactionId = 0, long LedgerId = 0, long MatchDelta = 0)
{
    [JsonIgnore]
    public long Delta => After - Before;
}

/// <summary>
/// Announces accepted money changes to the open pages (commons pages, budgets, dashboards) of EVERY app
/// instance: services call <see cref="NotifyCallChangedAsync"/> inside their transaction (PostgreSQL delivers the
/// NOTIFY only if it commits); contribution changes are announced after their commit by <see cref="ChangeAnnouncer"/>,
/// many at once; each instance's <see cref="ChangeListener"/> raises the events locally. Subscribers must marshal to
/// their own renderer.
/// </summary>
public sealed class ContributionEvents
{
    public const string Channel = "commonscall_changes";

    public event Action<ContributionChanged>? Changed;

    /// <summary>Raised for changes that are not one contribution (grants, pledges, settlement): reload everything of the call.</summary>
    public event Action<Guid>? CallChanged;

    /// <summary>
    /// Raised for a change of a funded commons' follow-up that moves no money (a schedule proposed, a milestone declared
    /// or sent back): the follow-up pages reload, the allocation's snapshots stay as they are.
    /// </summary>
    public event Action<Guid>? FollowUpChanged;

    /// <summary>The NOTIFY statements that announce <paramref name="changes"/>, as few as the payload limit allows (PostgreSQL takes 8,000 bytes).</summary>
    public static IEnumerable<NpgsqlBatchCommand> NotifyCommands(IReadOnlyList<ContributionChanged> changes)
    {
        const int perMessage = 16; // a change is about 300 bytes of JSON (at most about 360 with the largest amounts)
        foreach (var chunk in changes.Chunk(perMessage))
        {
            var message = new Message(chunk[0].CallId, null, chunk);
            yield return new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { new() { Value = Channel }, new() { Value = JsonSerializer.Serialize(message) } } };
        }
    }

    public static Task NotifyCallChangedAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        SendAsync(db, new Message(callId, null), ct);

    /// <summary>Announces, once the transaction commits, a follow-up change that moves no money (<see cref="FollowUpChanged"/>).</summary>
    public static Task NotifyFollowUpChangedAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        SendAsync(db, new Message(callId, null, FollowUp: true), ct);

    internal void Raise(string payload)
    {
        var message = JsonSerializer.Deserialize<Message>(payload);
        if (message is null)
        {
            return;
        }

        if (message.Contributions is { } changes)
        {
            foreach (var change in changes)
            {
                Changed?.Invoke(change);
            }
        }
        else if (message.Contribution is { } change)
        {
            Changed?.Invoke(change);
        }
        else if (message.FollowUp)
        {
            FollowUpChanged?.Invoke(message.CallId);
        }
        else
        {
            CallChanged?.Invoke(message.CallId);
        }
    }

    private static async Task SendAsync(AppDbContext db, Message message, CancellationToken ct)
    {
        var payload = JsonSerializer.Serialize(message);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
    }

    /// <summary>One contribution change, several (<see cref="Contributions"/>, any calls), or neither: the call's follow-up (<see cref="FollowUp"/>) or the call changed otherwise.</summary>
    private sealed record Message(Guid CallId, ContributionChanged? Contribution, IReadOnlyList<ContributionChanged>? Contributions = null, bool FollowUp = false);
}

/// <summary>
/// Listens on <see cref="ContributionEvents.Channel"/> with a dedicated connection and raises the events of
/// this instance; reconnects by itself when the database goes away and comes back.
/// </summary>
public sealed class ChangeListener(DatabaseConnection database, ContributionEvents events, ILogger<ChangeListener> logger)
    : ChannelListener(database, ContributionEvents.Channel, logger)
{
    protected override string Listeners => "Live updates";

    protected override void Dispatch(string payload)
    {
        try
        {
            events.Raise(payload);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            Logger.LogError(ex, "Ignored a malformed or failing change notification");
        }
    }
}
