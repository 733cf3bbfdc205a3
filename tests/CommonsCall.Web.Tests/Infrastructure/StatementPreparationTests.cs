using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>
/// The app's connections prepare the statements they run again (issue 17): the money path's dozen statements are
/// then parsed and planned once per connection, not at every contribution change.
/// </summary>
public sealed class StatementPreparationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Host=db;Database=commonscall")]
    [InlineData("Host=db;Database=commonscall;Include Error Detail=true;Pooling=true")]
    public void A_configured_string_that_says_nothing_of_preparation_gets_it(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithStatementPreparation(configured));

        builder.MaxAutoPrepare.ShouldBe(64);
        builder.AutoPrepareMinUsages.ShouldBe(2);
        builder.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    public void An_operator_who_sets_preparation_keeps_their_setting(string configured, int expected) =>
        new NpgsqlConnectionStringBuilder(DatabaseConnection.WithStatementPreparation(configured)).MaxAutoPrepare.ShouldBe(expected);

    [Fact]
    public void The_contribution_path_keeps_its_connections_and_their_prepared_statements_between_uses()
    {
        var database = new DatabaseConnection { ConnectionString = "Host=db;Database=commonscall" };
        var moneyPath = new NpgsqlConnectionStringBuilder(database.MoneyPathConnectionString);

        moneyPath.NoResetOnClose.ShouldBeTrue();
        moneyPath.MaxAutoPrepare.ShouldBe(64);
        new NpgsqlConnectionStringBuilder(database.ConnectionString).NoResetOnClose.ShouldBeFalse();
    }

    [Fact]
    public async Task A_statement_run_twice_on_an_app_connection_is_prepared_on_the_server()
    {
        var connectionString = app.Services.GetRequiredService<DatabaseConnection>().ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 2; i++)
        {
            await using var run = new NpgsqlCommand("SELECT $1::int + 1", connection) { Parameters = { new() { Value = i } } };
            await run.ExecuteScalarAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%$1::int + 1%'", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1);
    }
}
