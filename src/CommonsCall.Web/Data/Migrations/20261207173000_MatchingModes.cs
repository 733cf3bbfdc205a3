using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>
/// Matching modes (DESIGN.md): the mode, k and cap of proportional matching and the redistribution option in the budget
/// rules, the match each contribution reserved, and the mode of each ledger match entry.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207173000_MatchingModes")]
public sealed class MatchingModes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing calls keep quadratic matching with its surplus left in the pool (k = 1 and no cap beyond the largest
        // amount wait unused); new rows always say what they hold, so the defaults go.
        migrationBuilder.AddColumn<int>(name: @"BudgetRules_MatchingMode", table: @"Calls", type: @"integer", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: @"BudgetRules_MatchRatioPerMille", table: @"Calls", type: @"integer", nullable: false, defaultValue: 1000);
        migrationBuilder.AddColumn<long>(name: @"BudgetRules_MatchCapPerCommons", table: @"Calls", type: @"bigint", nullable: false, defaultValue: 100_000_000_000_000L);
        migrationBuilder.AddColumn<bool>(name: @"BudgetRules_RedistributeQuadraticSurplus", table: @"Calls", type: @"boolean", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<long>(name: @"Match", table: @"Contributions", type: @"bigint", nullable: false, defaultValue: 0L);
        migrationBuilder.Sql("""
            ALTER TABLE "Calls" ALTER COLUMN "BudgetRules_MatchingMode" DROP DEFAULT, ALTER COLUMN "BudgetRules_MatchRatioPerMille" DROP DEFAULT,
                ALTER COLUMN "BudgetRules_MatchCapPerCommons" DROP DEFAULT, ALTER COLUMN "BudgetRules_RedistributeQuadraticSurplus" DROP DEFAULT;
            ALTER TABLE "Contributions" ALTER COLUMN "Match" DROP DEFAULT;
            """);
        migrationBuilder.AddCheckConstraint(name: @"CK_Contributions_MatchNonNegative", table: @"Contributions", sql: @"""Match"" >= 0");

        // Every match entry so far was quadratic, written at settlement.
        migrationBuilder.AddColumn<int>(name: @"MatchingMode", table: @"Ledger", type: @"integer", nullable: true);
        migrationBuilder.Sql(@"UPDATE ""Ledger"" SET ""MatchingMode"" = 0 WHERE ""Kind"" = 6;");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: @"MatchingMode", table: @"Ledger");
        migrationBuilder.DropCheckConstraint(name: @"CK_Contributions_MatchNonNegative", table: @"Contributions");
        migrationBuilder.DropColumn(name: @"Match", table: @"Contributions");
        migrationBuilder.DropColumn(name: @"BudgetRules_RedistributeQuadraticSurplus", table: @"Calls");
        migrationBuilder.DropColumn(name: @"BudgetRules_MatchCapPerCommons", table: @"Calls");
        migrationBuilder.DropColumn(name: @"BudgetRules_MatchRatioPerMille", table: @"Calls");
        migrationBuilder.DropColumn(name: @"BudgetRules_MatchingMode", table: @"Calls");
    }
}
