using System.Globalization;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>The sentence a page shows for a refusal, and how it says when a refusal that time lifts will lift.</summary>
public sealed class ErrorTextTests
{
    private static readonly IStringLocalizer<SharedResource> L = new StringLocalizer<SharedResource>(new JsonStringLocalizerFactory());

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(45, "45 s")]
    [InlineData(59.5, "1 min")]
    [InlineData(60, "1 min")]
    [InlineData(61, "2 min")]
    [InlineData(900, "15 min")]
    public void A_wait_reads_in_seconds_under_a_minute_else_in_minutes_rounded_up(double seconds, string expected) =>
        ErrorText.Wait(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void A_refusal_that_time_lifts_says_when_and_one_without_a_wait_keeps_its_sentence()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("fr");

        ErrorText.For(L, new DomainError(ErrorCodes.RateLimited, "detail") { RetryAfter = TimeSpan.FromSeconds(701) })
            .ShouldBe("Trop de demandes en peu de temps : vous pourrez réessayer dans 12 min.");
        ErrorText.For(L, new DomainError(ErrorCodes.RateLimited, "detail"))
            .ShouldBe("Trop de demandes en peu de temps : patientez quelques minutes avant de réessayer.");
    }
}
