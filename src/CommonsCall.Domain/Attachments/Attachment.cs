namespace CommonsCall.Domain.Attachments;

/// <summary>What a file is attached to; the owner's id is a deliverable's or an expense's.</summary>
public enum AttachmentOwner
{
    /// <summary>Evidence of a milestone declared done (owner: the deliverable).</summary>
    Evidence = 1,

    /// <summary>A receipt of an expense (owner: the expense).</summary>
    Receipt = 2,
}

/// <summary>
/// A file stored in the database beside what it proves, so that one backup holds everything. Its bytes are those
/// uploaded, checked by <see cref="AttachmentPolicy"/>; its type is the one the policy recognised, never the one the
/// uploader declared. Nothing removes an attachment: a removed expense keeps its receipts.
/// </summary>
public sealed class Attachment
{
    private Attachment()
    {
        FileName = ContentType = Sha256 = UploadedByUserId = string.Empty;
        Content = [];
    }

    public Attachment(Guid callId, AttachmentOwner owner, Guid ownerId, CheckedFile file, string uploadedByUserId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CallId = callId;
        Owner = owner;
        OwnerId = ownerId;
        FileName = file.FileName;
        ContentType = file.ContentType;
        Size = file.Content.Length;
        Sha256 = file.Sha256;
        Content = file.Content;
        UploadedByUserId = uploadedByUserId;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The call the owner belongs to: every read checks the reader's rights in this call.</summary>
    public Guid CallId { get; private set; }

    public AttachmentOwner Owner { get; private set; }

    public Guid OwnerId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    /// <summary>The SHA-256 of <see cref="Content"/>, lower-case hex: what a reader compares with their own copy.</summary>
    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }

    public string UploadedByUserId { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}
