// Usage: dotnet run --project tools/MigrationEmitter -- ClassName 20261201000000_ClassName
using System.Text;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=none").Options;
using var db = new AppDbContext(options);
var model = db.GetService<IDesignTimeModel>().Model;
var differ = db.GetService<IMigrationsModelDiffer>();
var ops = differ.GetDifferences(null, model.GetRelationalModel());
var up = new StringBuilder();
var down = new List<string>();
string Lit(object? v) => v switch
{
    null => "null",
    string s => "@\"" + s.Replace("\"", "\"\"") + "\"",
    bool b => b ? "true" : "false",
    Enum e => e.GetType().Name + "." + e,
    int i => i.ToString(),
    long l => l + "L",
    _ => throw new Exception("lit " + v.GetType())
};
string TypeName(Type t)
{
    var u = Nullable.GetUnderlyingType(t);
    if (u != null) return TypeName(u) + "?";
    if (t.IsArray) return TypeName(t.GetElementType()!) + "[]";
    return t == typeof(string) ? "string" : t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(bool) ? "bool"
        : t == typeof(Guid) ? "Guid" : t == typeof(DateTimeOffset) ? "DateTimeOffset" : t == typeof(uint) ? "uint" : t == typeof(DateTime) ? "DateTime" : t == typeof(decimal) ? "decimal" : t == typeof(DateOnly) ? "DateOnly" : throw new Exception("type " + t);
}
string Cols(string[] cols) => cols.Length == 1 ? $"x => x.{cols[0]}" : "x => new { " + string.Join(", ", cols.Select(c => "x." + c)) + " }";
string Annotations(IEnumerable<Microsoft.EntityFrameworkCore.Infrastructure.IAnnotation> anns, string indent)
{
    var sb = new StringBuilder();
    foreach (var a in anns)
    {
        var val = a.Value switch { Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy s => "NpgsqlValueGenerationStrategy." + s, _ => Lit(a.Value) };
        sb.Append($"\n{indent}.Annotation({Lit(a.Name)}, {val})");
    }
    return sb.ToString();
}
foreach (var op in ops)
{
    switch (op)
    {
        case CreateTableOperation t:
            up.AppendLine($"        migrationBuilder.CreateTable(\n            name: {Lit(t.Name)},\n            columns: table => new\n            {{");
            foreach (var c in t.Columns)
            {
                var cargs = new List<string> { $"type: {Lit(c.ColumnType)}" };
                if (c.MaxLength is int m) cargs.Add($"maxLength: {m}");
                if (c.IsRowVersion) cargs.Add("rowVersion: true");
                cargs.Add($"nullable: {Lit(c.IsNullable)}");
                if (c.DefaultValue != null) cargs.Add($"defaultValue: {Lit(c.DefaultValue)}");
                if (c.DefaultValueSql != null) cargs.Add($"defaultValueSql: {Lit(c.DefaultValueSql)}");
                up.AppendLine($"                {c.Name} = table.Column<{TypeName(c.ClrType)}>({string.Join(", ", cargs)}){Annotations(c.GetAnnotations(), "                    ")},");
            }
            up.AppendLine("            },\n            constraints: table =>\n            {");
            if (t.PrimaryKey != null) up.AppendLine($"                table.PrimaryKey({Lit(t.PrimaryKey.Name)}, {Cols(t.PrimaryKey.Columns)});");
            foreach (var u in t.UniqueConstraints) up.AppendLine($"                table.UniqueConstraint({Lit(u.Name)}, {Cols(u.Columns)});");
            foreach (var fk in t.ForeignKeys)
            {
                var cols = fk.Columns.Length == 1 ? $"column: x => x.{fk.Columns[0]}" : "columns: " + Cols(fk.Columns);
                var pcols = fk.PrincipalColumns!.Length == 1 ? $"principalColumn: {Lit(fk.PrincipalColumns[0])}" : "principalColumns: new[] { " + string.Join(", ", fk.PrincipalColumns.Select(Lit)) + " }";
                up.AppendLine($"                table.ForeignKey(\n                    name: {Lit(fk.Name)},\n                    {cols},\n                    principalTable: {Lit(fk.PrincipalTable)},\n                    {pcols},\n                    onDelete: ReferentialAction.{fk.OnDelete});");
            }
            foreach (var ck in t.CheckConstraints) up.AppendLine($"                table.CheckConstraint({Lit(ck.Name)}, {Lit(ck.Sql)});");
            up.AppendLine("            });\n");
            down.Insert(0, $"        migrationBuilder.DropTable(name: {Lit(t.Name)});");
            break;
        case CreateIndexOperation i:
            var colsArg = i.Columns.Length == 1 ? $"column: {Lit(i.Columns[0])}" : "columns: new[] { " + string.Join(", ", i.Columns.Select(Lit)) + " }";
            var extra = (i.IsUnique ? ",\n            unique: true" : "") + (i.Filter != null ? $",\n            filter: {Lit(i.Filter)}" : "");
            up.AppendLine($"        migrationBuilder.CreateIndex(\n            name: {Lit(i.Name)},\n            table: {Lit(i.Table)},\n            {colsArg}{extra});\n");
            break;
        case AlterDatabaseOperation ad:
            if (ad.GetAnnotations().Any()) up.AppendLine($"        migrationBuilder.AlterDatabase(){Annotations(ad.GetAnnotations(), "            ")};\n");
            break;
        default:
            throw new Exception("unsupported " + op.GetType());
    }
}
var name = args[0];
var id = args[1];
Console.WriteLine($$"""
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CommonsCall.Web.Data.Migrations;

/// <inheritdoc />
[DbContext(typeof(AppDbContext))]
[Migration("{{id}}")]
public sealed class {{name}} : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
{{up.ToString().TrimEnd()}}
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
{{string.Join("\n", down)}}
    }
}
""");
