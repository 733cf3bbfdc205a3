using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommonsCall.Web.Api;

/// <summary>A commons' cover image: read by anyone who may read the call, set and removed by its editors.</summary>
public static class CommonsCoverEndpoints
{
    /// <summary>An hour in caches; the pages' image addresses carry the cover's version, so a new cover is a new address.</summary>
    private const int CacheSeconds = 3600;

    public static RouteGroupBuilder MapCommonsCoverEndpoints(this RouteGroupBuilder api)
    {
        var cover = api.MapGroup("/calls/{slug}/commons/{id:guid}/cover").WithTags("Commons");
        cover.MapGet("", GetAsync)
            .WithName("GetCommonsCover")
            .WithSummary("The commons' cover image (WebP), with ETag and Last-Modified for conditional requests; 404 when it has none.")
            .Produces(StatusCodes.Status200OK, contentType: CoverImages.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound);

        // A form post, so the framework would ask for an antiforgery token: the API's own cross-site check
        // (Api/CrossSiteRequests) and bearer tokens protect it, as every other API change.
        cover.MapPut("", SetAsync)
            .RequireAuthorization()
            .DisableAntiforgery()
            .WithName("SetCommonsCover")
            .WithSummary($"Sets the cover from a multipart form: `image` (JPEG, PNG or WebP, at most {CoverRules.MaxUploadBytes / (1024 * 1024)} MB, checked by decoding it: else cover_unreadable or cover_too_large) and `altText` (required: what the picture shows). The picture is fitted into {CoverRules.StoredWidth}x{CoverRules.StoredHeight} and re-encoded. Same editors as the description.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();
        cover.MapDelete("", RemoveAsync)
            .RequireAuthorization()
            .WithName("RemoveCommonsCover")
            .WithSummary("Removes the cover image; removing none changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(string slug, Guid id, Actor actor, CommonsQueries queries, HttpContext http, CancellationToken ct)
    {
        if (await queries.CoverAsync(actor, slug, id, ct) is not { } cover)
        {
            return ApiResults.NotFound("This commons has no cover image, or is in no call visible to you.");
        }

        // A members-only call's cover stays in the reader's own cache, never in a shared one.
        http.Response.Headers.CacheControl = $"{(cover.Public ? "public" : "private")}, max-age={CacheSeconds}";
        return TypedResults.File(cover.Bytes, cover.ContentType, lastModified: cover.UpdatedAt, entityTag: new EntityTagHeaderValue($"\"{cover.Version}\""));
    }

    private static async Task<IResult> SetAsync(
        string slug, Guid id, IFormFile? image, [FromForm] string? altText, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct)
    {
        if (image is null)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.Validation, "Send the picture as the form field image.",
                new Dictionary<string, string[]> { ["image"] = ["Choose a picture."] });
        }

        // Too large is refused before it is read into memory.
        if (CoverRules.CheckUpload(image.Length) is { IsSuccess: false } size)
        {
            return size.Error!.ToProblem();
        }

        using var buffer = new MemoryStream((int)image.Length);
        await image.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return await CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.SetCoverAsync(actor, new SetCommonsCover(callId, id, bytes, altText ?? string.Empty), ct), ct);
    }

    private static Task<IResult> RemoveAsync(string slug, Guid id, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.RemoveCoverAsync(actor, new RemoveCommonsCover(callId, id), ct), ct);
}
