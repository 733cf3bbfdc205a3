using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CommonsCall.Web.Data;

/// <summary>
/// The hand-written SQL of the shared rate limits (<see cref="RateLimitWindow"/>): one statement counts a use, or
/// nothing when it would go beyond the limit, atomically however many instances and requests race for the same key.
/// Names come from the EF model, as in <see cref="MoneyRows"/>.
/// </summary>
public sealed class RateLimitRows
{
    private readonly string _count;
    private readonly string _sweep;

    public RateLimitRows(IModel model)
    {
        var w = new ModelTable<RateLimitWindow>(model);
        var count = w[nameof(RateLimitWindow.Count)];

        // The row's lock orders racing uses of one key: each adds its permits only if the total stays within the limit.
        _count = $"""
            INSERT INTO {w} AS w ({w[nameof(RateLimitWindow.Policy)]}, {w[nameof(RateLimitWindow.KeyHash)]}, {w[nameof(RateLimitWindow.WindowStart)]}, {w[nameof(RateLimitWindow.Ends)]}, {count})
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ({w[nameof(RateLimitWindow.Policy)]}, {w[nameof(RateLimitWindow.KeyHash)]}, {w[nameof(RateLimitWindow.WindowStart)]})
            DO UPDATE SET {count} = w.{count} + EXCLUDED.{count} WHERE w.{count} + EXCLUDED.{count} <= $6
            RETURNING w.{count}
            """;
        _sweep = $"DELETE FROM {w} WHERE {w[nameof(RateLimitWindow.Ends)]} <= $1";
    }

    /// <summary>Built from the model of the app's <see cref="AppDbContext"/>.</summary>
    public static RateLimitRows From(IDbContextFactory<AppDbContext> factory)
    {
        using var db = factory.CreateDbContext();
        return new RateLimitRows(db.Model);
    }

    /// <summary>Adds <paramref name="permits"/> to the key's count in the window, unless that would exceed <paramref name="limit"/> (then false, and nothing changes).</summary>
    public async Task<bool> TryCountAsync(
        NpgsqlConnection connection, string policy, string keyHash, DateTimeOffset windowStart, DateTimeOffset ends, int permits, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(_count, connection)
        {
            Parameters =
            {
                new() { Value = policy }, new() { Value = keyHash }, new() { Value = windowStart.ToUniversalTime() }, new() { Value = ends.ToUniversalTime() },
                new() { Value = permits }, new() { Value = limit },
            },
        };
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Deletes the windows that ended by <paramref name="now"/>: they count nothing any more.</summary>
    public async Task SweepAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(_sweep, connection) { Parameters = { new() { Value = now.ToUniversalTime() } } };
        await command.ExecuteNonQueryAsync(ct);
    }
}
