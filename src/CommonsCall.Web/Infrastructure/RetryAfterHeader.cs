using System.Globalization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>A wait as <c>Retry-After</c> says it, for the API's refusals and the sign-in page alike.</summary>
public static class RetryAfterHeader
{
    /// <summary>Whole seconds, rounded up, at least one: "0" would invite an immediate retry that is refused again.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static void Set(HttpResponse response, TimeSpan wait) => response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
}
