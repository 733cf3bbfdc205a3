using System.Net;
using CommonsCall.Web.Tests.Api;

namespace CommonsCall.Web.Tests.Security;

/// <summary>One operation of the API as its OpenAPI document lists it.</summary>
public sealed record ApiOperation(string Method, string Path)
{
    public string Key => $"{Method} {Path}";
}

/// <summary>The operations of the app's own OpenAPI document: a test table built on it cannot miss a new endpoint.</summary>
public static class OpenApi
{
    public static async Task<IReadOnlyList<ApiOperation>> OperationsAsync(AppFactory app)
    {
        var response = await ApiClient.Anonymous(app).GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        return [.. paths.EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => new ApiOperation(o.Name.ToUpperInvariant(), path.Name)))];
    }
}
