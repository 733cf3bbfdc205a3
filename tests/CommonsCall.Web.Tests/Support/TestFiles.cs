using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CommonsCall.Domain.Attachments;

namespace CommonsCall.Web.Tests.Support;

/// <summary>Real small files made on the spot (a one-page PDF, a PNG), files that lie about their type, and upload forms.</summary>
public static class TestFiles
{
    /// <summary>A valid one-page PDF saying <paramref name="text"/>, with a correct cross-reference table.</summary>
    public static byte[] Pdf(string text = "Facture 2026-041")
    {
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

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
