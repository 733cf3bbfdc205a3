using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>The notification centre through the API: each person their own list, read marks and preferences; bad input changes nothing.</summary>
public sealed class NotificationApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The notification paths of the OpenAPI document.</summary>
    public static readonly IReadOnlyList<string> Paths =
        ["/api/v1/me/notifications", "/api/v1/me/notifications/{id}/read", "/api/v1/me/notifications/read-all", "/api/v1/me/notification-preferences"];

    private readonly TestData _data = new(app);

    [Fact]
    public async Task A_person_lists_their_notifications_marks_one_then_all_read()
    {
        var person = await _data.UserAsync();
        var ids = await NotifyAsync(person, 3);
        var client = await ApiClient.ForAsync(app, person);

        var listed = await (await client.GetAsync("/api/v1/me/notifications")).ShouldBeOkAsync();
        listed.GetProperty("unread").GetInt32().ShouldBe(3);
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe(ids.AsEnumerable().Reverse(), "newest first");
        listed.GetProperty("items")[0].GetProperty("link").GetString().ShouldBe("/calls/demo/funding");

        await (await client.PostAsync($"/api/v1/me/notifications/{ids[0]}/read", null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await client.PostAsync($"/api/v1/me/notifications/{ids[0]}/read", null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/api/v1/me/notifications")).ShouldBeOkAsync()).GetProperty("unread").GetInt32().ShouldBe(2);

        await (await client.PostAsync("/api/v1/me/notifications/read-all", null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        var after = await (await client.GetAsync("/api/v1/me/notifications")).ShouldBeOkAsync();
        after.GetProperty("unread").GetInt32().ShouldBe(0);
        after.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("readAt").ValueKind == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task Unknown_ids_and_another_persons_notification_are_404_and_nothing_changes()
    {
        var owner = await _data.UserAsync();
        var other = await _data.UserAsync();
        var theirs = (await NotifyAsync(owner, 1))[0];
        await NotifyAsync(other, 1);
        var client = await ApiClient.ForAsync(app, other);

        await (await client.PostAsync($"/api/v1/me/notifications/{theirs}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.PostAsync($"/api/v1/me/notifications/{Guid.NewGuid()}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await client.PostAsync("/api/v1/me/notifications/not-a-guid/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/me/notifications/read-all", null)).ShouldBeOkAsync(HttpStatusCode.NoContent);

        await using var db = await _data.DbAsync();
        (await db.Notifications.SingleAsync(n => n.Id == theirs)).ReadAt.ShouldBeNull("another person's read-all does not touch it");
        (await (await ApiClient.Anonymous(app).GetAsync("/api/v1/me/notifications")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden)).ShouldNotBe(default);
    }

    [Fact]
    public async Task Preferences_are_read_with_their_defaults_and_saved()
    {
        var person = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, person);

        var defaults = await (await client.GetAsync("/api/v1/me/notification-preferences")).ShouldBeOkAsync();
        defaults.GetProperty("language").GetString().ShouldBe("fr");
        defaults.GetProperty("digestHour").GetInt32().ShouldBe(NotificationDefaults.DigestHour);
        defaults.GetProperty("types").GetArrayLength().ShouldBe(Enum.GetValues<NotificationType>().Length);

        var saved = await (await client.PutAsJsonAsync("/api/v1/me/notification-preferences", new
        {
            language = "en", digestHour = 19, types = new[] { new { type = "Announcement", delivery = "Off" } },
        })).ShouldBeOkAsync();
        saved.GetProperty("language").GetString().ShouldBe("en");
        saved.GetProperty("digestHour").GetInt32().ShouldBe(19);
        saved.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "Announcement").GetProperty("delivery").GetString().ShouldBe("Off");
        saved.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "CommentReply").GetProperty("delivery").GetString().ShouldBe("DailyDigest");
    }

    [Theory]
    [InlineData("""{"language":"de","digestHour":8,"types":[]}""", "language")]
    [InlineData("""{"language":"fr","digestHour":24,"types":[]}""", "digestHour")]
    [InlineData("""{"language":"fr","digestHour":-1,"types":[]}""", "digestHour")]
    [InlineData("""{"language":"fr","digestHour":8,"types":[{"type":"Announcement","delivery":7}]}""", "types[0].delivery")]
    [InlineData("""{"language":"fr","digestHour":8,"types":[{"type":42,"delivery":"Off"}]}""", "types[0].type")]
    [InlineData("""{"language":"fr","digestHour":8,"types":[{"type":"Announcement","delivery":"Off"},{"type":"Announcement","delivery":"Immediately"}]}""", "types")]
    [InlineData("""{"language":"fr","digestHour":8,"types":[{"type":"Announcement","delivery":"Sometimes"}]}""", null)]
    [InlineData("""{"language":"fr","digestHour":"eight","types":[]}""", null)]
    public async Task Bad_preferences_are_400_and_change_nothing(string body, string? field)
    {
        var person = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, person);

        var problem = await (await client.PutAsync("/api/v1/me/notification-preferences", ApiClient.RawJson(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        if (field is not null)
        {
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        await using var db = await _data.DbAsync();
        (await db.NotificationSettings.AnyAsync(s => s.UserId == person.UserId)).ShouldBeFalse();
        (await db.NotificationPreferences.AnyAsync(p => p.UserId == person.UserId)).ShouldBeFalse();
    }

    private async Task<List<Guid>> NotifyAsync(Actor person, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            await using var db = await _data.DbAsync();
            var created = await app.Services.GetRequiredService<Notifier>().NotifyUsersAsync(db, [person.UserId!], NotificationType.Announcement, null, "/calls/demo/funding",
                new NotificationText(new Words("notifications.round.opened.title", $"Appel {i}")));
            await db.SaveChangesAsync();
            ids.Add(created.Single().Id);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }
}
