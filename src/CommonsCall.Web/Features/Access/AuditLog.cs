using System.Text.Json;
using CommonsCall.Web.Data;

namespace CommonsCall.Web.Features.Access;

/// <summary>Records facilitators' and administrators' actions, with what they changed, in the same transaction.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void Record(AppDbContext db, Guid? callId, Actor actor, string action, object? before, object? after, DateTimeOffset at) =>
        db.Audit.Add(new AuditEntry(
            callId,
            actor.UserId ?? "system",
            action,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json),
            at));
}
