using System.Net;
using System.Net.Http.Headers;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// A commons' cover image through the real HTTP pipeline (issue 14, item 7): decoded to know what it is, refused when it
/// is not a picture or too large, fitted and re-encoded, stored with its text alternative, served with cache validators.
/// </summary>
public sealed class CommonsCoverApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, MultipartFormDataContent form)
    {
        using (form)
        {
            return await client.PutAsync(url, form);
        }
    }

    private async Task<int> CoversAsync(Guid commonsId)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.CommonsCovers.CountAsync(c => c.CommonsId == commonsId);
    }

    [Fact]
    public async Task A_co_creator_sets_a_cover_that_is_fitted_re_encoded_and_served_with_cache_validators()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}/cover";
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);

        (await PutAsync(owner, url, TestImages.CoverForm(TestImages.Encode(3_200, 1_200, SKEncodedImageFormat.Jpeg), "  L'atelier du Bourg  ", "atelier.jpg", "image/jpeg")))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var anonymous = ApiClient.Anonymous(app);
        var served = await anonymous.GetAsync(url);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        served.Headers.CacheControl!.Public.ShouldBeTrue();
        served.Headers.CacheControl.MaxAge.ShouldNotBeNull();
        using (var codec = SKCodec.Create(new MemoryStream(await served.Content.ReadAsByteArrayAsync())))
        {
            codec.EncodedFormat.ShouldBe(SKEncodedImageFormat.Webp);
            (codec.Info.Width, codec.Info.Height).ShouldBe((1_600, 600));
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        (await anonymous.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var detail = await (await anonymous.GetAsync($"/api/v1/calls/{s.Slug}/commons/{id}")).ShouldBeOkAsync();
        detail.GetProperty("cover").GetProperty("altText").GetString().ShouldBe("L'atelier du Bourg");
        detail.GetProperty("cover").GetProperty("width").GetInt32().ShouldBe(1_600);

        (await owner.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await anonymous.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task What_is_not_a_picture_too_large_or_without_alt_text_is_refused_and_nothing_is_stored()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}/cover";
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        var picture = TestImages.Encode(400, 300);

        // Named and typed as a PNG, but a script: the bytes are decoded, not believed.
        await (await PutAsync(owner, url, TestImages.CoverForm("<svg onload=alert(1)>"u8.ToArray(), "Une image", "image.png")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CoverUnreadable);
        await (await PutAsync(owner, url, TestImages.CoverForm(TestImages.Encode(40, 40)[..20], "Tronquée")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CoverUnreadable);
        await (await PutAsync(owner, url, TestImages.CoverForm(new byte[CoverRules.MaxUploadBytes + 1], "Trop lourde")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CoverTooLarge);
        var noAlt = await (await PutAsync(owner, url, TestImages.CoverForm(picture, "   "))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        noAlt.GetProperty("errors").TryGetProperty("altText", out _).ShouldBeTrue();
        await (await PutAsync(owner, url, TestImages.CoverForm(null, "Sans image"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        // Not an editor of this commons.
        var other = await ApiClient.ForAsync(app, s.Members[1].User);
        await (await PutAsync(other, url, TestImages.CoverForm(picture, "Une image"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        (await CoversAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_members_only_calls_cover_stays_in_private_caches_and_is_hidden_from_outsiders()
    {
        var s = await CommonsScenario.CreateAsync(app, visibility: CallVisibility.MembersOnly);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}/cover";
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        (await PutAsync(owner, url, TestImages.CoverForm(TestImages.Encode(800, 600), "Le Champ Commun"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var member = await (await ApiClient.ForAsync(app, s.Members[1].User)).GetAsync(url);
        member.StatusCode.ShouldBe(HttpStatusCode.OK);
        member.Headers.CacheControl!.Private.ShouldBeTrue();
        member.Headers.CacheControl.Public.ShouldBeFalse();
        await (await ApiClient.Anonymous(app).GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await (await ApiClient.ForAsync(app, s.Outsider.User)).GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Repository_and_documentation_links_are_web_addresses()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}";
        object Edit(string repository) => new
        {
            title = "Registre de preuve de covoiturage", summary = "Certifie les trajets.", kind = "Software", licence = "AGPL-3.0-only", maturity = "Emergence",
            repositoryUrl = repository, documentationUrl = "https://docs.exemple.org/registre",
        };

        var refused = await (await owner.PutAsync(url, System.Net.Http.Json.JsonContent.Create(Edit("javascript:alert(1)")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        refused.GetProperty("errors").TryGetProperty("repositoryUrl", out _).ShouldBeTrue();
        (await owner.PutAsync(url, System.Net.Http.Json.JsonContent.Create(Edit("https://forge.exemple.org/registre")))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var detail = await (await owner.GetAsync(url)).ShouldBeOkAsync();
        detail.GetProperty("repositoryUrl").GetString().ShouldBe("https://forge.exemple.org/registre");
        detail.GetProperty("documentationUrl").GetString().ShouldBe("https://docs.exemple.org/registre");
    }
}
