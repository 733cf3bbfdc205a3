using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommonsCall.Web.Api;

/// <summary>
/// Says on every amount of the OpenAPI document that it is an integer in minor units, with an example. The API's one
/// convention makes this safe: money is the only 64-bit integer it carries, apart from a ledger line's <c>id</c>.
/// </summary>
internal sealed class AmountSchemaTransformer : IOpenApiSchemaTransformer
{
    public const string Description = "Amount in minor units of the call's currency, as an integer (150000 is 1 500,00 € in EUR).";

    public const long Example = 150_000;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property && IsAmount(property.PropertyType) && property.Name != "id")
        {
            schema.Description = string.IsNullOrEmpty(schema.Description) ? Description : $"{Description} {schema.Description}";
            schema.Examples = [JsonValue.Create(Example)];
        }

        return Task.CompletedTask;
    }

    private static bool IsAmount(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(long);
}
