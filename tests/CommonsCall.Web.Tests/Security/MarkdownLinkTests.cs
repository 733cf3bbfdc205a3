using CommonsCall.Web.Components.Shared;

namespace CommonsCall.Web.Tests.Security;

public sealed class MarkdownLinkTests
{
    [Theory]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("[clic](JavaScript:alert(1))")]
    [InlineData("[clic](  javascript:alert(1))")]
    [InlineData("[clic](<java\tscript:alert(1)>)")]
    [InlineData("[clic](vbscript:msgbox(1))")]
    [InlineData("[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![image](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[clic][ref]\n\n[ref]: javascript:alert(1)")]
    public void A_link_to_a_script_becomes_inert(string markdown)
    {
        var html = Markdown.Render(markdown);

        html.ShouldNotContain("script:", Case.Insensitive);
        html.ShouldNotContain("data:", Case.Insensitive);
        html.ShouldContain("\"#\"");
    }

    [Theory]
    [InlineData("[site](https://exemple.org/a?b=c#d)", "https://exemple.org/a?b=c#d")]
    [InlineData("[page](/calls/demo)", "/calls/demo")]
    [InlineData("[ancre](#resume)", "#resume")]
    [InlineData("[écrire](mailto:contact@exemple.org)", "mailto:contact@exemple.org")]
    [InlineData("https://exemple.org", "https://exemple.org")]
    public void Web_mail_and_relative_links_are_kept(string markdown, string href)
    {
        Markdown.Render(markdown).ShouldContain($"href=\"{href}\"");
    }
}
