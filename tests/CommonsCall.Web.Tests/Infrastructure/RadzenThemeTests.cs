using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Infrastructure;

public sealed partial class RadzenThemeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string WebProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CommonsCall.Web"));

    /// <summary>The Radzen classes of the rules the theme leaves out, and the components those rules style.</summary>
    private static readonly string[] ComponentsWithoutTheirGenericRules =
        ["RadzenLayout", "RadzenSidebar", "RadzenCalendar", "RadzenDatePicker", "RadzenAccordion", "RadzenChart", "RadzenMarkdown"];

    private static readonly string[] ClassesOfRemovedRules =
        ["rz-layout", "rz-calendar-view", "rz-accordion", "rz-chart-series-hover", "rz-markdown", "rz-markdown-editor-design"];

    [Theory]
    [InlineData(":root:has(.rz-layout){a:1}.b{c:2}", ".b{c:2}")]
    [InlineData(":root:has(.rz-layout) body{a:1}", "")]
    [InlineData("@media (max-width:10px){td:has(>.x),.c{z:1}.d{y:2}}", "@media (max-width:10px){.c{z:1}.d{y:2}}")]
    [InlineData(".rz-accordion>div:nth-last-child(2):has(+.x)>div,.e{f:1}", ".e{f:1}")]
    [InlineData(".a:has(>.b){c:1}", ".a:has(>.b){c:1}")]
    [InlineData("*[dir=rtl] .rz-layout:has(>.rz-header){c:1}", "*[dir=rtl] .rz-layout:has(>.rz-header){c:1}")]
    [InlineData(".a:not(:has(.b)) td{c:1}", ".a:not(:has(.b)) td{c:1}")]
    [InlineData(".h::before{content:\"}{\\\"\"}li:has(>input){x:1}", ".h::before{content:\"}{\\\"\"}")]
    [InlineData("@keyframes k{from{a:1}to{a:2}}/* td:has(x){ */.z{b:1}", "@keyframes k{from{a:1}to{a:2}}/* td:has(x){ */.z{b:1}")]
    [InlineData("@charset \"UTF-8\";svg:has(>g>:hover) .s{a:1}", "@charset \"UTF-8\";")]
    [InlineData(".a{b:1}.c{d:2", ".a{b:1}.c{d:2")]
    public void Only_has_selectors_on_a_bare_element_are_left_out(string css, string expected) =>
        RadzenTheme.WithoutGenericHas(css).ShouldBe(expected);

    [Fact]
    public async Task Pages_link_the_theme_which_is_served_compressed_and_cached_for_good()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/account/login");
        var href = ThemeLink().Match(page).Groups[1].Value;
        href.ShouldStartWith("/_content/Radzen.Blazor/css/material.");

        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var css = await new StreamReader(brotli, Encoding.UTF8).ReadToEndAsync();

        var package = await client.GetStringAsync("/" + RadzenTheme.PackagePath);
        css.ShouldBe(RadzenTheme.WithoutGenericHas(package));
        css.ShouldContain(".rz-button{");
        css.ShouldNotContain(":root:has(");
        css.Length.ShouldBeGreaterThan(package.Length * 98 / 100);

        (await client.GetAsync("/_content/Radzen.Blazor/css/material.0000000000000000.css")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_fonts_the_theme_names_are_found_where_it_names_them()
    {
        var client = app.CreateClient();
        var href = ThemeLink().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var css = await client.GetStringAsync(href);

        var fonts = FontUrl().Matches(css).Select(m => new Uri(new Uri("http://localhost" + href), m.Groups[1].Value).AbsolutePath).Distinct().ToList();
        fonts.ShouldNotBeEmpty();
        foreach (var font in fonts)
        {
            (await client.GetAsync(font)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{font}, named by the theme (the icons and the text font)");
        }
    }

    [Fact]
    public void The_left_out_rules_style_only_components_the_app_does_not_use()
    {
        var removed = app.Services.GetRequiredService<RadzenTheme>().Removed;
        removed.ShouldNotBeEmpty();
        removed.ShouldAllBe(selector => ClassesOfRemovedRules.Any(c => selector.Contains("." + c, StringComparison.Ordinal)),
            "A Radzen upgrade added a :has() rule on a bare element for another component: see RadzenTheme before using it.");

        var used = Directory.EnumerateFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => ComponentsWithoutTheirGenericRules.Where(c => File.ReadAllText(file).Contains("<" + c, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        used.ShouldBeEmpty("RadzenTheme leaves out some of these components' rules (their :has() on bare elements): restore them before using one.");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]*Radzen[^\"]*)\"")]
    private static partial Regex ThemeLink();

    [GeneratedRegex("url\\(\"?([^\")]+)\"?\\)")]
    private static partial Regex FontUrl();
}
