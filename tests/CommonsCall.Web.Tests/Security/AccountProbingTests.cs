using System.Diagnostics;
using System.Net;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
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

/// <summary>Sign-in attempts are limited per address, whatever the accounts tried (the lockout limits them per account).</summary>
public sealed class SignInRateLimitTests(NetworkApp app) : IClassFixture<NetworkApp>
{
    private Browser From(string address)
    {
        var browser = Browser.Open(app);
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
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Trop de tentatives de connexion depuis votre réseau");
        (await prober.Client.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var neighbour = From("192.0.2.11");
        var user = await new TestData(app).UserAsync();
        (await neighbour.SignInAsync(await Browser.EmailAsync(app, user), TestData.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
