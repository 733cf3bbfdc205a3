using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Commons;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>Cover images of the demo commons: drawn here (no image files ship with the app), stored as an upload would be.</summary>
public static partial class DemoData
{
    /// <summary>Two colours per kind of commons, from the app's green and ochre.</summary>
    private static readonly Dictionary<CommonsKind, (SKColor From, SKColor To, string Words)> Palettes = new()
    {
        [CommonsKind.Software] = (new SKColor(0x1b, 0x5e, 0x20), new SKColor(0x66, 0xbb, 0x6a), "vert profond et vert tendre"),
        [CommonsKind.Data] = (new SKColor(0x0d, 0x47, 0xa1), new SKColor(0x4f, 0xc3, 0xf7), "bleu nuit et bleu ciel"),
        [CommonsKind.ProtocolOrStandard] = (new SKColor(0x4a, 0x14, 0x8c), new SKColor(0xba, 0x68, 0xc8), "violet et mauve"),
        [CommonsKind.Knowledge] = (new SKColor(0x8d, 0x5a, 0x00), new SKColor(0xff, 0xca, 0x28), "ocre et jaune"),
        [CommonsKind.Hardware] = (new SKColor(0x4e, 0x34, 0x2e), new SKColor(0xd7, 0xa8, 0x6e), "brun et bois clair"),
        [CommonsKind.Method] = (new SKColor(0x00, 0x4d, 0x40), new SKColor(0xc0, 0x8a, 0x2b), "vert sapin et ocre"),
        [CommonsKind.Service] = (new SKColor(0xb7, 0x1c, 0x1c), new SKColor(0xff, 0x8a, 0x65), "rouge brique et corail"),
    };

    private static async Task SeedCoversAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var commons = await db.Commons.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Title).ToListAsync(ct);
        for (var i = 0; i < commons.Count; i++)
        {
            var (image, words) = DrawCover(commons[i], i);
            var cover = CoverImages.Process(image);
            Ensure(cover);
            db.CommonsCovers.Add(new CommonsCover(commons[i].Id, cover.Value!, $"Illustration abstraite du commun « {commons[i].Title} » : des cercles qui se rejoignent, {words}.", now));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A gradient and overlapping circles (people coming together), placed differently for each commons.</summary>
    private static (byte[] Png, string Words) DrawCover(CommonsEntity commons, int seed)
    {
        const int width = 1600, height = 900;
        var (from, to, words) = Palettes[commons.Kind];
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var background = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [from, to], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, background);
            var random = new Random(seed * 7919 + commons.Title.Length);
            for (var c = 0; c < 9; c++)
            {
                using var circle = new SKPaint { Color = SKColors.White.WithAlpha((byte)random.Next(30, 90)), IsAntialias = true };
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(80, 320), circle);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return (png.ToArray(), words);
    }
}
