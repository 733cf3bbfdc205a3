using CommonsCall.Domain.Attachments;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Attachments;

/// <summary>A file to send: its bytes, the type the policy recognised, its name and hash.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, byte[] Content, string Sha256, DateTimeOffset UploadedAt);

/// <summary>Reads an attached file for someone allowed to see it (<see cref="AttachmentFiles.SeesFollowUpFiles"/>).</summary>
public sealed class AttachmentQueries(IDbContextFactory<AppDbContext> factory)
{
    public static DomainError Unknown => new(ErrorCodes.NotFound, "No such file in this call.");

    /// <summary>The file, or not_found when it is not one of the call's; forbidden when the reader may see the call but not the file.</summary>
    public async Task<Result<AttachmentDownload>> DownloadAsync(Actor actor, Guid callId, Guid attachmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { } scope)
        {
            return Unknown;
        }

        var file = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && a.CallId == callId)
            .Select(a => new { a.Owner, a.OwnerId }).SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return Unknown;
        }

        var commonsId = file.Owner == AttachmentOwner.Receipt
            ? await db.Expenses.Where(e => e.Id == file.OwnerId).Select(e => (Guid?)e.CommonsId).SingleOrDefaultAsync(ct)
            : await db.Deliverables.Where(d => d.Id == file.OwnerId)
                .Join(db.FundingAgreements, d => d.AgreementId, a => a.Id, (d, a) => (Guid?)a.CommonsId).SingleOrDefaultAsync(ct);
        var holders = await db.Set<Domain.Commons.CommonsCoCreator>().Where(c => c.CommonsId == commonsId).Select(c => c.OrganisationId).ToListAsync(ct);
        if (!AttachmentFiles.SeesFollowUpFiles(scope.Access, holders))
        {
            return new DomainError(ErrorCodes.Forbidden, "Evidence and receipts are for the commons' holders, the call's facilitators and its funders.");
        }

        return await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Select(a => new AttachmentDownload(a.FileName, a.ContentType, a.Content, a.Sha256, a.UploadedAt)).SingleAsync(ct);
    }
}
