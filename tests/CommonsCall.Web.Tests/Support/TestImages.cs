using System.Net.Http.Headers;
using SkiaSharp;

namespace CommonsCall.Web.Tests.Support;

/// <summary>Real pictures made on the spot (no binary fixtures), and the multipart form the cover endpoint reads.</summary>
public static class TestImages
{
    /// <summary>A picture of <paramref name="width"/> x <paramref name="height"/>: a green field with an ochre band.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x2e, 0x7d, 0x32));
            using var band = new SKPaint { Color = new SKColor(0xc0, 0x8a, 0x2b) };
            canvas.DrawRect(0, height / 3f, width, height / 3f, band);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>The form of PUT .../cover: <c>image</c> (with the file name and type a browser would send) and <c>altText</c>.</summary>
    public static MultipartFormDataContent CoverForm(byte[]? image, string? altText, string fileName = "couverture.png", string contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        if (image is not null)
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "image", fileName);
        }

        if (altText is not null)
        {
            form.Add(new StringContent(altText), "altText");
        }

        return form;
    }
}
