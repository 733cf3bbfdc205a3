using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CommonsCall.Domain.Attachments;
using CommonsCall.Web.Data;

namespace CommonsCall.Web.Tests.Support;

/// <summary>Real small files made on the spot (a one-page PDF, a PNG), files that lie about their type, and upload forms.</summary>
public static class TestFiles
{
    /// <summary>A valid one-page PDF saying <paramref name="text"/>, with a correct cross-reference table.</summary>
    public static byte[] Pdf(string text = "Facture 2026-041") => OnePagePdf.Of(text);

    public static byte[] Png() => TestImages.Encode(40, 30);

    /// <summary>A Windows executable's first bytes, which a ".pdf" must not be.</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    public static UploadedFile Receipt(string name = "facture.pdf", byte[]? content = null, string type = "application/pdf") => new(name, type, content ?? Pdf());

    /// <summary>A multipart form: text fields, then the files under <paramref name="fileField"/> as a browser sends them.</summary>
    public static MultipartFormDataContent Form(string fileField, IEnumerable<(string Name, byte[] Content, string Type)> files, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, content, type) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, fileField, name);
        }

        return form;
    }
}
