using System.Net;
using System.Text.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Accounts;

/// <summary>
/// The OAuth 2.0 Device Authorization Grant (RFC 8628) over HTTP, as a command-line tool runs it: ask for a code, poll,
/// the person approves (or denies) on our side, then the token works against the API. Time moves with the test clock.
/// </summary>
public sealed class DeviceFlowTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly HttpClient _cli = ApiClient.Anonymous(app);

    private DeviceFlowService Devices => app.Services.GetRequiredService<DeviceFlowService>();

    [Fact]
    public async Task Pending_then_approved_gives_a_token_that_works_once_and_is_listed_with_the_others()
    {
        var person = await new TestData(app).UserAsync();
        var code = await StartAsync("cc-cli");
        code.GetProperty("verification_uri").GetString()!.ShouldEndWith("/device");
        code.GetProperty("verification_uri_complete").GetString()!.ShouldContain("user_code=" + code.GetProperty("user_code").GetString());
        (code.GetProperty("expires_in").GetInt32(), code.GetProperty("interval").GetInt32()).ShouldBe((600, 5));
        var deviceCode = code.GetProperty("device_code").GetString()!;

        (await PollAsync(deviceCode, "cc-cli")).ShouldBe((HttpStatusCode.BadRequest, DeviceFlowService.AuthorizationPending));

        var userCode = code.GetProperty("user_code").GetString()!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);
        var pending = await Devices.FindAsync(new TestData(app).SignedInJustNow(person), userCode);
        pending.Value!.ClientId.ShouldBe("cc-cli");
        (await Devices.AnswerAsync(new TestData(app).SignedInJustNow(person), userCode, approve: true)).IsSuccess.ShouldBeTrue();
        app.Clock.Advance(TimeSpan.FromSeconds(5));

        var token = await _cli.PostAsync("/api/v1/device/token", Form(deviceCode, "cc-cli"));
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        token.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var json = await token.JsonAsync();
        json.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.GetProperty("expires_in").GetInt64().ShouldBe(PersonalAccessTokenService.DefaultLifetimeDays * 86_400L);
        var secret = json.GetProperty("access_token").GetString()!;

        var mine = await (await ApiClient.WithToken(app, secret).GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        mine.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldContain("cc-cli");

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        (await PollAsync(deviceCode, "cc-cli")).ShouldBe((HttpStatusCode.BadRequest, DeviceFlowService.InvalidGrant));
    }

    [Fact]
    public async Task Polling_faster_than_the_interval_is_told_to_slow_down_and_the_interval_grows()
    {
        var deviceCode = (await StartAsync("impatient")).GetProperty("device_code").GetString()!;

        (await PollAsync(deviceCode, "impatient")).Error.ShouldBe(DeviceFlowService.AuthorizationPending);
        (await PollAsync(deviceCode, "impatient")).Error.ShouldBe(DeviceFlowService.SlowDown);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        (await PollAsync(deviceCode, "impatient")).Error.ShouldBe(DeviceFlowService.SlowDown, "the interval is now 10 seconds");
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        (await PollAsync(deviceCode, "impatient")).Error.ShouldBe(DeviceFlowService.AuthorizationPending);
    }

    [Fact]
    public async Task A_denied_request_answers_access_denied()
    {
        var person = await new TestData(app).UserAsync();
        var code = await StartAsync("refused");
        (await Devices.AnswerAsync(new TestData(app).SignedInJustNow(person), code.GetProperty("user_code").GetString()!, approve: false)).IsSuccess.ShouldBeTrue();

        (await PollAsync(code.GetProperty("device_code").GetString()!, "refused")).Error.ShouldBe(DeviceFlowService.AccessDenied);
    }

    [Fact]
    public async Task After_ten_minutes_the_code_has_expired_for_the_program_and_for_the_person()
    {
        var person = await new TestData(app).UserAsync();
        var code = await StartAsync("late");
        app.Clock.Advance(DeviceFlowService.Lifetime);

        (await PollAsync(code.GetProperty("device_code").GetString()!, "late")).Error.ShouldBe(DeviceFlowService.ExpiredToken);
        var late = await Devices.AnswerAsync(new TestData(app).SignedInJustNow(person), code.GetProperty("user_code").GetString()!, approve: true);
        late.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Approving_needs_a_recent_sign_in_on_our_pages_and_nothing_is_approved_otherwise()
    {
        var person = await new TestData(app).UserAsync();
        var code = await StartAsync("sudo");
        var userCode = code.GetProperty("user_code").GetString()!;
        var stale = person with { PasswordProvedAt = app.Clock.GetUtcNow() - RecentSignIn.Window - TimeSpan.FromMinutes(1) };

        (await Devices.AnswerAsync(stale, userCode, approve: true)).Error!.Code.ShouldBe(ErrorCodes.RecentSignInRequired);
        (await Devices.AnswerAsync(person with { ViaAccessToken = true }, userCode, approve: true)).Error!.Code.ShouldBe(ErrorCodes.InteractiveSessionRequired);
        (await Devices.AnswerAsync(Actor.Anonymous, userCode, approve: true)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await PollAsync(code.GetProperty("device_code").GetString()!, "sudo")).Error.ShouldBe(DeviceFlowService.AuthorizationPending);
    }

    [Fact]
    public async Task Malformed_requests_get_oauth_errors()
    {
        var deviceCode = (await StartAsync("strict")).GetProperty("device_code").GetString()!;

        (await PollAsync(deviceCode, "another-program")).Error.ShouldBe(DeviceFlowService.InvalidGrant);
        (await PollAsync("not-a-device-code", "strict")).Error.ShouldBe(DeviceFlowService.InvalidGrant);
        var wrongGrant = await _cli.PostAsync("/api/v1/device/token", new FormUrlEncodedContent([new("grant_type", "password"), new("device_code", deviceCode), new("client_id", "strict")]));
        (await wrongGrant.JsonAsync()).GetProperty("error").GetString().ShouldBe(DeviceFlowService.UnsupportedGrantType);
        var noClient = await _cli.PostAsync("/api/v1/device/code", new FormUrlEncodedContent([new("scope", "api")]));
        noClient.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noClient.JsonAsync()).GetProperty("error").GetString().ShouldBe(DeviceFlowService.InvalidRequest);
    }

    private async Task<JsonElement> StartAsync(string clientId) =>
        await (await _cli.PostAsync("/api/v1/device/code", new FormUrlEncodedContent([new("client_id", clientId)]))).ShouldBeOkAsync();

    private async Task<(HttpStatusCode Status, string? Error)> PollAsync(string deviceCode, string clientId)
    {
        var response = await _cli.PostAsync("/api/v1/device/token", Form(deviceCode, clientId));
        var json = await response.JsonAsync();
        return (response.StatusCode, json.TryGetProperty("error", out var error) ? error.GetString() : null);
    }

    private static FormUrlEncodedContent Form(string deviceCode, string clientId) =>
        new([new("grant_type", DeviceFlowService.GrantType), new("device_code", deviceCode), new("client_id", clientId)]);
}
