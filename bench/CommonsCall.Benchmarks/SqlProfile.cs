using System.Globalization;
using System.Text;
using Npgsql;

namespace CommonsCall.Benchmarks;

/// <summary>
/// --sql-profile: PostgreSQL's own account of a load run, statement by statement (pg_stat_statements, loaded when the
/// bench's cluster starts): how many times each ran, what it cost on average to plan and to execute, and its share of
/// the run's database time. Times are PostgreSQL's wall time in the backend (a lock wait counts; at one member
/// there is none), so they tell where ours spends what the bare transaction does not.
/// </summary>
public static class SqlProfile
{
    public const string ServerSettings = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c pg_stat_statements.max=2000";

    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The statements of the run, most expensive first, as lines to print.</summary>
    public static async Task<string> ReportAsync(string connectionString, string title)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, total_plan_time, plans, query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY total_exec_time + total_plan_time DESC LIMIT 16
            """, connection);
        var rows = new List<(long Calls, double Exec, double Plan, long Plans, string Query)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetString(4)));
            }
        }

        var all = rows.Sum(r => r.Exec + r.Plan);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"        PostgreSQL per statement, {title} (calls, plans, mean exec / plan ms, share of the run's statement time):");
        foreach (var r in rows)
        {
            var query = string.Join(' ', r.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"        {r.Calls,8} {r.Plans,8} {r.Exec / Math.Max(1, r.Calls),8:0.000} {r.Plan / Math.Max(1, r.Plans),8:0.000} {(r.Exec + r.Plan) / all,6:P0}  {query[..Math.Min(110, query.Length)]}");
        }

        return text.ToString();
    }
}
