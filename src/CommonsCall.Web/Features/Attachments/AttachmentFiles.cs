using CommonsCall.Domain.Attachments;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Attachments;

/// <summary>An attached file as lists show it (never its bytes): <see cref="Url"/> is its stable download address.</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string Url);

/// <summary>
/// Stores the files of a change (evidence, receipts) in its unit of work, after <see cref="AttachmentPolicy"/> has
/// checked each one: the first refused file refuses the whole change, so nothing is half attached.
/// </summary>
public static class AttachmentFiles
{
    /// <summary>The download address of an attachment of the call: the API's, which checks the reader's rights in the call.</summary>
    public static string Url(string callSlug, Guid attachmentId) => $"/api/v1/calls/{callSlug}/attachments/{attachmentId}";

    public static async Task<Result> AttachAsync(CallChange x, AttachmentOwner owner, Guid ownerId, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return Result.Ok();
        }

        var existing = await x.Db.Attachments.CountAsync(a => a.Owner == owner && a.OwnerId == ownerId, ct);
        if (existing + files.Count > AttachmentPolicy.MaxFilesPerOwner)
        {
            return Result.Fail(ErrorCodes.TooManyFiles, $"At most {AttachmentPolicy.MaxFilesPerOwner} files are attached to one declaration or expense.");
        }

        var accepted = new List<Attachment>();
        foreach (var file in files)
        {
            var checkedFile = AttachmentPolicy.Check(file);
            if (checkedFile.Value is not { } ok)
            {
                return checkedFile.Error!;
            }

            accepted.Add(new Attachment(x.Call.Id, owner, ownerId, ok, x.Actor.UserId ?? "system", x.Now));
        }

        x.Db.Attachments.AddRange(accepted);
        return Result.Ok();
    }

    /// <summary>The files of some owners, by owner, without their bytes.</summary>
    public static async Task<ILookup<Guid, AttachmentView>> ListAsync(AppDbContext db, string callSlug, AttachmentOwner owner, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct)
    {
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.Owner == owner && ownerIds.Contains(a.OwnerId))
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.FileName)
            .Select(a => new { a.OwnerId, a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt })
            .ToListAsync(ct);
        return rows.ToLookup(a => a.OwnerId, a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt, Url(callSlug, a.Id)));
    }

    /// <summary>Who sees a funded commons' evidence files, expenses and receipts: its facilitators, the call's funders, its holders.</summary>
    public static bool SeesFollowUpFiles(CallAccess access, IEnumerable<Guid> holders) =>
        access.IsFacilitator || access.IsFunder || holders.Any(access.Represents);
}
