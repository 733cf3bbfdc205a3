using Npgsql;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// Every row of every table of the app's database, as a digest per table: proves that a refused request
/// changed nothing at all. Left out: when a token was last used (using a token is not a change) and the
/// data-protection keys (created by the framework on first use).
/// </summary>
public static class DatabaseSnapshot
{
    private static readonly string[] IgnoredTables = ["DataProtectionKeys"];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digests = new Dictionary<string, string>();
        var sql = string.Join(" UNION ALL ", tables.Except(IgnoredTables).Select(t =>
            $"SELECT '{t}', count(*) || ':' || coalesce(md5(string_agg((to_jsonb(x) - 'LastUsedAt')::text, '|' ORDER BY (to_jsonb(x) - 'LastUsedAt')::text)), '') FROM \"{t}\" x"));
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                digests[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return digests;
    }

    /// <summary>The tables whose rows differ between two snapshots.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order()];
}
