using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Commons;

/// <summary>
/// A commons' cover image, as the app re-encoded it (never the uploaded bytes), with the text alternative that says
/// what it shows. Kept in its own row beside the commons so that loading a commons never drags its image along.
/// </summary>
public sealed class CommonsCover
{
    private CommonsCover()
    {
        Image = [];
        ContentType = AltText = string.Empty;
    }

    public CommonsCover(Guid commonsId, CoverImage image, string altText, DateTimeOffset at)
        : this()
    {
        CommonsId = commonsId;
        Replace(image, altText, at);
    }

    public Guid CommonsId { get; private set; }

    public byte[] Image { get; private set; }

    public string ContentType { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public string AltText { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Replace(CoverImage image, string altText, DateTimeOffset at)
    {
        Image = image.Bytes;
        ContentType = image.ContentType;
        Width = image.Width;
        Height = image.Height;
        AltText = altText.Trim();
        UpdatedAt = at;
    }
}

/// <summary>An image ready to store: re-encoded bytes, their type and size in pixels.</summary>
public sealed record CoverImage(byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>
/// The limits of a cover image, in the order they are checked: 1. what is uploaded (bytes); 2. what it would decode
/// to (pixels, read from its header before decoding, so that a small file cannot claim a huge canvas); 3. the size it
/// is stored at (fitted inside <see cref="StoredWidth"/> x <see cref="StoredHeight"/>, never enlarged).
/// </summary>
public static class CoverRules
{
    public const int MaxUploadBytes = 5 * 1024 * 1024;

    public const int MaxSourceSide = 10_000;

    public const long MaxSourcePixels = 40_000_000;

    public const int StoredWidth = 1600;

    public const int StoredHeight = 900;

    public static Result CheckUpload(long bytes) =>
        bytes is > 0 and <= MaxUploadBytes ? Result.Ok()
        : bytes <= 0 ? Result.Fail(ErrorCodes.CoverUnreadable, "The cover image is empty.")
        : Result.Fail(ErrorCodes.CoverTooLarge, $"A cover image is at most {MaxUploadBytes / (1024 * 1024)} MB.");

    public static Result CheckSource(int width, int height) =>
        width <= 0 || height <= 0 ? Result.Fail(ErrorCodes.CoverUnreadable, "The cover image has no pixels.")
        : width > MaxSourceSide || height > MaxSourceSide || (long)width * height > MaxSourcePixels
            ? Result.Fail(ErrorCodes.CoverTooLarge, $"A cover image is at most {MaxSourceSide} pixels a side and {MaxSourcePixels / 1_000_000} million pixels.")
            : Result.Ok();

    /// <summary>The stored size: the source fitted inside the stored box, proportions kept, at least one pixel a side.</summary>
    public static (int Width, int Height) StoredSize(int width, int height)
    {
        var scale = Math.Min(1d, Math.Min((double)StoredWidth / width, (double)StoredHeight / height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
