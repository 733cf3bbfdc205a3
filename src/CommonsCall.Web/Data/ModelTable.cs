using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommonsCall.Web.Data;

/// <summary>An entity's table and its columns, quoted, as the model maps them: the hand-written SQL of <see cref="MoneyRows"/> and <see cref="SnapshotRows"/> takes its names from here.</summary>
internal sealed class ModelTable<T>(IModel model)
{
    private readonly IEntityType _entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    /// <summary>The quoted column of <paramref name="property"/>.</summary>
    public string this[string property] => Quote(ColumnName(property));

    /// <summary>The column of <paramref name="property"/> as the database spells it, unquoted.</summary>
    public string ColumnName(string property) =>
        (_entity.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.")).GetColumnName();

    public override string ToString() =>
        _entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(_entity.GetTableName()!)}" : Quote(_entity.GetTableName()!);

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
