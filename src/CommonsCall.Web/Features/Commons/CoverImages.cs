using CommonsCall.Domain.Commons;
using SkiaSharp;

namespace CommonsCall.Web.Features.Commons;

/// <summary>
/// Turns uploaded bytes into a cover image we are willing to serve (<see cref="CoverRules"/>): the bytes must decode as
/// JPEG, PNG or WebP whatever name or type they came with (content sniffing by decoding), within the size limits read
/// from the header before any pixel is decoded; the image is then turned upright, fitted into the stored box and
/// re-encoded as WebP, so that nothing of the upload (metadata, trailing data, a polyglot file) is ever served.
/// </summary>
public static class CoverImages
{
    public const string ContentType = "image/webp";

    /// <summary>WebP quality: photographs stay clean at a fraction of a JPEG's weight.</summary>
    private const int Quality = 82;

    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    public static Result<CoverImage> Process(byte[] upload)
    {
        var size = CoverRules.CheckUpload(upload.LongLength);
        if (!size.IsSuccess)
        {
            return size.Error!;
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            return Unreadable;
        }

        var pixels = CoverRules.CheckSource(codec.Info.Width, codec.Info.Height);
        if (!pixels.IsSuccess)
        {
            return pixels.Error!;
        }

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        if (decoded is null)
        {
            return Unreadable;
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var (width, height) = CoverRules.StoredSize(upright.Width, upright.Height);
        using var resized = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return Unreadable;
        }

        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return encoded is null ? Unreadable : new CoverImage(encoded.ToArray(), ContentType, width, height);
    }

    private static DomainError Unreadable => new(ErrorCodes.CoverUnreadable, "The cover image must be a JPEG, PNG or WebP picture.");

    /// <summary>Phones store photos sideways with an orientation tag: draw them the way they were taken.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(turned ? source.Height : source.Width, turned ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        var (w, h) = (result.Width, result.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }
}
