using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;

namespace CommonsCall.Web.Tests.Conversation;

/// <summary>The conversation through the API: every operation once, as its users would chain them, and the document's description of them.</summary>
public sealed class ConversationApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/challenges/{id}/comments"),
        ("post", "/api/v1/calls/{slug}/challenges/{id}/comments"),
        ("get", "/api/v1/calls/{slug}/commons/{id}/comments"),
        ("post", "/api/v1/calls/{slug}/commons/{id}/comments"),
        ("put", "/api/v1/calls/{slug}/comments/{commentId}"),
        ("delete", "/api/v1/calls/{slug}/comments/{commentId}"),
        ("post", "/api/v1/calls/{slug}/comments/{commentId}/hide"),
        ("post", "/api/v1/calls/{slug}/comments/{commentId}/reports"),
        ("delete", "/api/v1/calls/{slug}/comments/{commentId}/reports"),
        ("post", "/api/v1/calls/{slug}/comments/{commentId}/accept"),
        ("get", "/api/v1/calls/{slug}/moderation"),
        ("get", "/api/v1/calls/{slug}/announcements"),
        ("post", "/api/v1/calls/{slug}/announcements"),
    ];

    [Fact]
    public async Task A_question_is_asked_answered_accepted_reported_and_moderated_through_the_api()
    {
        var s = await ConversationScenario.CreateAsync(app, CallVisibility.MembersOnly);
        var asker = await ApiClient.ForAsync(app, s.Call.Author.User);
        var other = await ApiClient.ForAsync(app, s.Call.Other.User);
        var facilitator = await ApiClient.ForAsync(app, s.Call.Facilitator);
        var thread = $"/api/v1/calls/{s.Slug}/challenges/{s.Challenge}/comments";

        var question = await IdAsync(await asker.PostAsJsonAsync(thread, new { body = "Qui tient la liste ?", kind = "Question" }));
        var answer = await IdAsync(await other.PostAsJsonAsync(thread, new { body = "La métropole.", replyTo = question }));
        (await asker.PutAsJsonAsync($"/api/v1/calls/{s.Slug}/comments/{question}", new { body = "Qui tient la liste des aires ?" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await asker.PostAsync($"/api/v1/calls/{s.Slug}/comments/{answer}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await asker.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/comments/{answer}/reports", new { reason = "Source ?" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await other.GetAsync($"/api/v1/calls/{s.Slug}/moderation")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var moderation = await (await facilitator.GetAsync($"/api/v1/calls/{s.Slug}/moderation")).JsonAsync();
        moderation.GetProperty("reported").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(answer);
        (await facilitator.DeleteAsync($"/api/v1/calls/{s.Slug}/comments/{answer}/reports")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var discussion = await (await asker.GetAsync(thread)).JsonAsync();
        var only = discussion.GetProperty("threads").EnumerateArray().Single();
        only.GetProperty("root").GetProperty("body").GetString().ShouldBe("Qui tient la liste des aires ?");
        only.GetProperty("root").GetProperty("kind").GetString().ShouldBe("Question");
        only.GetProperty("replies")[0].GetProperty("isAccepted").GetBoolean().ShouldBeTrue();

        (await facilitator.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/comments/{answer}/hide", new { reason = "Hors sujet" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await other.DeleteAsync($"/api/v1/calls/{s.Slug}/comments/{answer}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = (await (await asker.GetAsync(thread)).JsonAsync()).GetProperty("threads")[0].GetProperty("replies")[0];
        after.GetProperty("state").GetString().ShouldBe("Deleted");
        after.GetProperty("body").ValueKind.ShouldBe(JsonValueKind.Null);

        (await facilitator.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/announcements", new { title = "Atelier", body = "Jeudi." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var announcements = await (await asker.GetAsync($"/api/v1/calls/{s.Slug}/announcements")).JsonAsync();
        announcements.GetProperty("announcements")[0].GetProperty("title").GetString().ShouldBe("Atelier");

        // A members-only call's conversation does not exist for outsiders.
        await (await ApiClient.Anonymous(app).GetAsync(thread)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await ApiClient.Anonymous(app).GetAsync($"/api/v1/calls/{s.Slug}/announcements")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_document_describes_every_conversation_operation()
    {
        var paths = (await (await ApiClient.Anonymous(app).GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");
        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Conversation"]);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("404", path);
            if (method != "get")
            {
                responses.ShouldContain("401", path);
                responses.ShouldContain("403", path);
            }
        }

        paths.GetProperty("/api/v1/calls/{slug}/challenges/{id}/comments").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _).ShouldBeTrue();
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
