using CommonsCall.Domain.Common;

namespace CommonsCall.Web.Tests.Support;

/// <summary>The value of a service's outcome, failing the test with the refusal when there is one.</summary>
internal static class SucceededResults
{
    public static T Succeeded<T>(this Result<T> result)
    {
        result.Error.ShouldBeNull($"expected success but was refused with {result.Error}");
        return result.Value!;
    }
}
