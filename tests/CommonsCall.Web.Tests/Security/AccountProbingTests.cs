using System.Diagnostics;
using System.Net;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// What a failed sign-in tells someone probing for accounts: the same sentence whether the email exists, the
/// password is wrong or the account is locked. (Its timing: <see cref="SignInTimingTests"/>; tokens during a
/// lockout: ApiAuthenticationTests.)
/// </summary>
public sealed class AccountProbingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_answer()
    {
        var browser = Browser.Open(app);
        var existing = await Browser.EmailAsync(app, await _data.UserAsync());
        var locked = await Browser.EmailAsync(app, await _data.UserAsync());
        for (var i = 0; i < AccountsSetup.MaxFailedSignIns; i++)
        {
            (await browser.SignInAsync(locked, "Mauvais-mot-de-passe-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var answers = new List<string>();
        foreach (var (email, password) in new[]
                 {
                     ($"personne-{Guid.NewGuid():N}@test.example", "Mauvais-mot-de-passe-1"),
                     (existing, "Mauvais-mot-de-passe-1"),
                     (locked, "Mauvais-mot-de-passe-1"),
                     (locked, TestData.Password),
                 })
        {
            var response = await browser.SignInAsync(email, password);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            answers.Add(await Browser.SignInErrorAsync(response));
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldBe("Adresse e-mail ou mot de passe incorrect, ou trop d'essais infructueux : après 5 échecs, un compte attend 15 minutes avant de pouvoir se reconnecter.");
    }
}

/// <summary>A failed sign-in takes about as long for an unknown email or a locked account as for a wrong password, with the real hashing cost.</summary>
public sealed class SignInTimingTests(RealHashingApp app, ITestOutputHelper output) : IClassFixture<RealHashingApp>
{
    private readonly TestData _data = new(app);

    private static async Task<TimeSpan> MedianAsync(Browser browser, Func<int, string> email, int attempts)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < attempts; i++)
        {
            using var request = await browser.FormAsync("/account/login", "/account/login", Browser.SignInFields(email(i), "Mauvais-mot-de-passe-1"));
            var watch = Stopwatch.StartNew();
            (await browser.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
            times.Add(watch.Elapsed);
        }

        return times.Order().ElementAt(attempts / 2);
    }

    [Fact]
    public async Task An_unknown_email_or_a_locked_account_fails_as_slowly_as_a_wrong_password()
    {
        var browser = Browser.Open(app);
        var existing = await Browser.EmailAsync(app, await _data.UserAsync());
        var locked = await Browser.EmailAsync(app, await _data.UserAsync());
        await MedianAsync(browser, _ => locked, AccountsSetup.MaxFailedSignIns);

        var wrongPassword = await MedianAsync(browser, _ => existing, AccountsSetup.MaxFailedSignIns - 1);
        var unknown = await MedianAsync(browser, i => $"personne-{i}-{Guid.NewGuid():N}@test.example", 5);
        var lockedOut = await MedianAsync(browser, _ => locked, 5);

        // Without a decoy hash, an unknown email answered about 20 times faster (a ratio near 0.05). A wrong password also
        // writes the failed attempt, which a busy machine slows down: a locked account once answered at 0.499 of it under
        // load. A quarter still tells a decoy hash from none, whatever the machine does meanwhile.
        var what = $"wrong password {wrongPassword.TotalMilliseconds:F0} ms, unknown email {unknown.TotalMilliseconds:F0} ms, locked {lockedOut.TotalMilliseconds:F0} ms";
        output.WriteLine(what);
        (unknown / wrongPassword).ShouldBeGreaterThan(0.25, what);
        (lockedOut / wrongPassword).ShouldBeGreaterThan(0.25, what);
    }
}

/// <summary>
/// Sign-in attempts are limited per address, whatever the accounts tried (the lockout limits them per account), and
/// the count is one for every instance of the app sharing the database.
/// </summary>
public sealed class SignInRateLimitTests(NetworkApp app) : IClassFixture<NetworkApp>
{
    private Browser From(string address) => From(app, address);

    /// <summary>A second instance on the same database, its clock where the first one's is (another test may have moved it).</summary>
    private async Task<SecondNetworkApp> SecondInstanceAsync()
    {
        var second = new SecondNetworkApp(app);
        await ((IAsyncLifetime)second).InitializeAsync();
        second.Clock.Set(app.Clock.GetUtcNow());
        return second;
    }

    private static Browser From(NetworkApp instance, string address)
    {
        var browser = Browser.Open(instance);
        browser.Client.DefaultRequestHeaders.Add(NetworkApp.PeerHeader, address);
        return browser;
    }

    [Fact]
    public async Task Too_many_attempts_from_one_address_are_refused_for_a_while_and_other_addresses_are_not()
    {
        var prober = From("192.0.2.10");
        for (var i = 0; i < NetworkApp.SignInAttempts; i++)
        {
            (await prober.SignInAsync($"essai-{i}@test.example", "Mauvais-mot-de-passe-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await prober.SignInAsync("encore@test.example", "Mauvais-mot-de-passe-1");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        // The one-minute windows follow the clock, which stands on a minute: the next one starts in a minute.
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Trop de tentatives de connexion depuis votre réseau : vous pourrez réessayer dans 1 min.");
        (await prober.Client.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var neighbour = From("192.0.2.11");
        var user = await new TestData(app).UserAsync();
        (await neighbour.SignInAsync(await Browser.EmailAsync(app, user), TestData.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_count_is_shared_by_two_instances_and_lifts_when_its_window_ends()
    {
        await using var second = await SecondInstanceAsync();
        var onFirst = From(app, "192.0.2.20");
        var onSecond = From(second, "192.0.2.20");

        // A load balancer spreads the attempts over both instances: together they allow the limit once.
        for (var i = 0; i < NetworkApp.SignInAttempts; i++)
        {
            (await (i % 2 == 0 ? onFirst : onSecond).SignInAsync($"partage-{i}@test.example", "Mauvais-mot-de-passe-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await onSecond.SignInAsync("encore@test.example", "Mauvais-mot-de-passe-1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var refused = await onFirst.SignInAsync("encore@test.example", "Mauvais-mot-de-passe-1");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // The next window: the person who only mistyped signs in.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        var user = await new TestData(app).UserAsync();
        (await onSecond.SignInAsync(await Browser.EmailAsync(app, user), TestData.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Racing_uses_of_one_key_on_two_instances_count_exactly_up_to_the_limit_and_no_key_is_stored_in_clear()
    {
        await using var second = await SecondInstanceAsync();
        ActionRateLimits[] instances = [app.Services.GetRequiredService<ActionRateLimits>(), second.Services.GetRequiredService<ActionRateLimits>()];
        var key = $"course-{Guid.NewGuid():N}@test.example";

        var acquired = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => instances[i % 2].TryAcquireAsync(ActionRateLimits.SignIn, key))));

        acquired.Count(a => a).ShouldBe(NetworkApp.SignInAttempts);
        await using var db = await new TestData(app).DbAsync();
        var windows = await db.RateLimitWindows.AsNoTracking().ToListAsync();
        var counted = windows.Where(w => w.Policy == ActionRateLimits.SignIn && w.KeyHash == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))).ShouldHaveSingleItem();
        counted.Count.ShouldBe(NetworkApp.SignInAttempts);
        windows.ShouldAllBe(w => w.KeyHash.Length == 64 && w.KeyHash.All(char.IsAsciiHexDigitLower), "a window holds a key as it was given (an email, an address)");

        // Once its window has ended, the row is deleted as the instance counts other uses.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await instances[0].TryAcquireAsync(ActionRateLimits.SignIn, "192.0.2.99")).ShouldBeTrue();
        (await db.RateLimitWindows.AsNoTracking().AnyAsync(w => w.KeyHash == counted.KeyHash)).ShouldBeFalse();
    }
}
