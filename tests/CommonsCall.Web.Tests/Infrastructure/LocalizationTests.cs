using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommonsCall.Web.Tests.Infrastructure;

public sealed partial class LocalizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string WebProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CommonsCall.Web"));

    /// <summary>Resources/fr.json and every Resources/&lt;Area&gt;.fr.json, merged (the app refuses a key in two files).</summary>
    private static Dictionary<string, string> Load(string language) =>
        Directory.EnumerateFiles(Path.Combine(WebProject, "Resources"), "*.json")
            .Where(f => Path.GetFileName(f) == language + ".json" || Path.GetFileName(f).EndsWith("." + language + ".json", StringComparison.Ordinal))
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    [Fact]
    public void French_and_English_have_the_same_keys()
    {
        var fr = Load("fr").Keys.Order().ToList();
        var en = Load("en").Keys.Order().ToList();
        fr.Except(en).ShouldBeEmpty("missing in en.json");
        en.Except(fr).ShouldBeEmpty("missing in fr.json");
    }

    [Fact]
    public void Every_literal_key_used_by_a_page_exists()
    {
        var keys = Load("fr").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(WebProject, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        used.ShouldNotBeEmpty();
        used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_are_french_by_default_and_english_with_the_culture_cookie()
    {
        var client = app.CreateClient();
        (await client.GetStringAsync("/account/login")).ShouldContain("Se connecter");

        var english = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var html = await (await client.SendAsync(english)).Content.ReadAsStringAsync();
        html.ShouldContain("Sign in");
        html.ShouldContain("<html lang=\"en\"");
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_returns_to_the_page()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/culture?culture=en&redirectUri=%2Fcalls%2Fx");
        response.Headers.Location!.ToString().ShouldBe("/calls/x");
        response.Headers.GetValues("Set-Cookie").Single().ShouldStartWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var offsite = await client.GetAsync("/culture?culture=en&redirectUri=https%3A%2F%2Fevil.example");
        offsite.Headers.Location!.ToString().ShouldBe("/");
    }

    [GeneratedRegex("""L\["([a-zA-Z0-9_.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
