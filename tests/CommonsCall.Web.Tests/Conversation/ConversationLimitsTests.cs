using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CommonsCall.Web.Tests.Conversation;

/// <summary>The app with the conversation's rate limit at three messages a minute.</summary>
public sealed class LimitedConversationApp : AppFactory
{
    public const int PerMinute = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Conversation:CommentsPerWindow", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Conversation:RateWindow", "00:01:00");
    }
}

/// <summary>The conversation's limits as its users meet them: the rate limit (service and API), and payloads shown as text.</summary>
public sealed class ConversationLimitsTests(LimitedConversationApp app) : IClassFixture<LimitedConversationApp>
{
    [Fact]
    public async Task A_person_posting_too_fast_is_told_to_wait_and_may_post_again_a_minute_later()
    {
        var s = await ConversationScenario.CreateAsync(app);
        var author = s.Call.Author.User;
        for (var i = 0; i < LimitedConversationApp.PerMinute; i++)
        {
            await s.PostAsync(author, $"Message {i}");
        }

        var before = await s.StateAsync();
        var limited = await s.Comments.PostAsync(author, s.On(body: "Un de trop"));

        limited.Error!.Code.ShouldBe(ErrorCodes.RateLimited);
        (await s.StateAsync()).ShouldBe(before);

        // Others are not held back by one person's haste.
        await s.PostAsync(s.Call.Other.User, "Je peux encore parler");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await s.PostAsync(author, "Après une minute");
    }

    [Fact]
    public async Task The_api_answers_429_rate_limited_and_nothing_is_stored()
    {
        var s = await ConversationScenario.CreateAsync(app);
        var client = await ApiClient.ForAsync(app, s.Call.Other.User);
        var url = $"/api/v1/calls/{s.Slug}/challenges/{s.Challenge}/comments";
        for (var i = 0; i < LimitedConversationApp.PerMinute; i++)
        {
            (await client.PostAsJsonAsync(url, new { body = $"Message {i}" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var before = await s.StateAsync();
        var response = await client.PostAsJsonAsync(url, new { body = "Un de trop" });

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(1), "every message was posted at the same instant: the oldest leaves the window in a minute");
        (await s.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Markup_and_scripts_in_messages_and_announcements_are_shown_as_text_on_the_pages()
    {
        const string Payload = "**gras** <script>alert('xss')</script> <img src=x onerror=alert(1)> [clic](javascript:alert(1)) <iframe src=\"https://evil.example\"></iframe>";
        var s = await ConversationScenario.CreateAsync(app);
        var question = await s.PostAsync(s.Call.Author.User, Payload, CommentKind.Question);
        await s.PostAsync(s.Call.Other.User, Payload, replyTo: question);
        (await s.Announcements.PublishAsync(s.Call.Facilitator, new Features.Conversation.PublishAnnouncement("<script>alert(2)</script>", Payload) { CallId = s.CallId })).Error.ShouldBeNull();

        var browser = (await Browser.SignedInAsync(app, s.Call.Third.User)).Client;
        var parser = new HtmlParser();
        foreach (var (url, section) in new[] { ($"/calls/{s.Slug}/challenges/{s.Challenge}", "[data-testid=discussion]"), ($"/calls/{s.Slug}", "[data-testid=announcements]") })
        {
            var document = await parser.ParseDocumentAsync(await browser.GetStringAsync(url));
            var shown = document.QuerySelector(section).ShouldNotBeNull(url);
            shown.TextContent.ShouldContain("alert(1)", Case.Sensitive, url);
            shown.QuerySelectorAll("script, iframe, [onerror], img[src='x']").ShouldBeEmpty(url);
            shown.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!).ShouldNotContain(h => h.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), url);
            shown.QuerySelectorAll("strong").ShouldNotBeEmpty(url);
        }
    }
}
