using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>
/// Migrations are written by hand (the EF Design package is unavailable): this proves they build exactly the
/// schema the model describes.
/// </summary>
public sealed partial class SchemaTests
{
    [Fact]
    public async Task Migrations_create_the_same_schema_as_the_model()
    {
        var cluster = await TestPostgres.GetClusterAsync();
        var migratedName = "schema_migrated_" + Guid.NewGuid().ToString("N")[..8];
        var createdName = "schema_created_" + Guid.NewGuid().ToString("N")[..8];
        var migrated = cluster.ConnectionString(migratedName);
        var created = cluster.ConnectionString(createdName);
        try
        {
            await TestPostgres.ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {migratedName}");
            await using (var db = TestPostgres.CreateContext(migrated))
            {
                await db.Database.MigrateAsync();
            }

            await using (var db = TestPostgres.CreateContext(created))
            {
                await db.Database.EnsureCreatedAsync();
                // What the model cannot describe, added as its migration adds it.
                await db.Database.ExecuteSqlRawAsync(Web.Data.Migrations.Notifications.BellTrigger);
            }

            var fromMigrations = Normalise(await DumpSchemaAsync(cluster.Port, migratedName));
            var fromModel = Normalise(await DumpSchemaAsync(cluster.Port, createdName));

            // Left in the temp folder so that a failure can be read with diff.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "schema-from-migrations.sql"), fromMigrations);
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "schema-from-model.sql"), fromModel);
            fromMigrations.ShouldContain("CREATE TABLE public.\"Commons\"");
            fromMigrations.ShouldContain("CREATE TRIGGER notifications_inserted");
            fromMigrations.ShouldBe(fromModel);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(migrated);
            await TestPostgres.DropDatabaseAsync(created);
        }
    }

    private static async Task<string> DumpSchemaAsync(int port, string database)
    {
        var start = new ProcessStartInfo("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", database])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, error);
        return output;
    }

    /// <summary>
    /// Drops what legitimately differs (comments, pg_dump's random \\restrict keys, the migrations history
    /// table) and sorts the column lines of
    /// each table: column order is not part of the schema's meaning.
    /// </summary>
    private static string Normalise(string dump)
    {
        var statements = dump.Split(";\n")
            .Select(s => string.Join("\n", s.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith('\\') && l.Trim().Length > 0)))
            .Where(s => s.Length > 0 && !s.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
            .Select(s => CreateTable().IsMatch(s) ? SortColumns(s) : s)
            .OrderBy(s => s, StringComparer.Ordinal);
        return string.Join(";\n", statements);
    }

    private static string SortColumns(string createTable)
    {
        var lines = createTable.Split('\n');
        var columns = lines.Skip(1).Take(lines.Length - 2).Select(l => l.TrimEnd(',')).Order(StringComparer.Ordinal);
        return string.Join("\n", [lines[0], .. columns, lines[^1]]);
    }

    [GeneratedRegex("^CREATE TABLE ")]
    private static partial Regex CreateTable();
}
