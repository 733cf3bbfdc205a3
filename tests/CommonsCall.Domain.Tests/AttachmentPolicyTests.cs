using System.IO.Compression;
using System.Text;
using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 15: attached files are checked by name, size, type and content (magic bytes), in that order.</summary>
public class AttachmentPolicyTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];
    private static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("\uFEFFdate;libellé;montant\n2026-12-01;Hébergement;120,00\n");
    private static readonly byte[] Latin1Csv = Encoding.Latin1.GetBytes("libellé;montant\r\nFrais d'hébergement;120,00\r\n");

    private static Result<CheckedFile> Check(string? name, byte[] content, string? type = null) => AttachmentPolicy.Check(new UploadedFile(name, type, content));

    [Fact]
    public void A_real_pdf_is_accepted_with_its_type_size_and_sha256()
    {
        var file = Check("facture.pdf", Pdf, "application/pdf").ShouldSucceed();

        (file.FileName, file.ContentType, file.Content.Length).ShouldBe(("facture.pdf", "application/pdf", Pdf.Length));
        file.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)));
    }

    [Theory]
    [InlineData("recu.png", "image/png")]
    [InlineData("recu.jpg", "image/jpeg")]
    [InlineData("recu.JPEG", "image/jpeg")]
    [InlineData("recu.webp", "image/webp")]
    public void Real_images_are_accepted_with_the_extension_s_type(string name, string type) =>
        Check(name, type == "image/png" ? Png : type == "image/webp" ? WebP : Jpeg).ShouldSucceed().ContentType.ShouldBe(type);

    [Fact]
    public void A_csv_in_utf8_is_accepted_as_text_csv() => Check("depenses.csv", Csv, "text/csv").ShouldSucceed().ContentType.ShouldBe("text/csv");

    [Fact]
    public void A_csv_from_a_french_spreadsheet_in_latin1_is_accepted() => Check("depenses.csv", Latin1Csv, "application/vnd.ms-excel").ShouldSucceed();

    [Fact]
    public void A_real_docx_is_accepted() => Check("rapport.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))).ShouldSucceed();

    [Fact]
    public void A_real_xlsx_is_accepted() => Check("budget.xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))).ShouldSucceed();

    [Fact]
    public void A_real_odt_is_accepted() =>
        Check("rapport.odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"))).ShouldSucceed();

    [Fact]
    public void The_directories_of_the_sender_are_stripped_from_the_name() =>
        Check(@"C:\Users\lea\..\factures/2026/facture.pdf", Pdf).ShouldSucceed().FileName.ShouldBe("facture.pdf");

    // Rule 1: a name.

    [Fact]
    public void A_file_without_a_name_is_refused_with_file_name_invalid() => Check("  ", Pdf).ShouldBeRefusedWith("file_name_invalid");

    [Fact]
    public void A_name_longer_than_the_limit_is_refused_with_file_name_invalid() => Check(new string('a', 300) + ".pdf", Pdf).ShouldBeRefusedWith("file_name_invalid");

    // Rules 2 and 3: some content, not too much.

    [Fact]
    public void An_empty_file_is_refused_with_file_empty() => Check("facture.pdf", []).ShouldBeRefusedWith("file_empty");

    [Fact]
    public void A_file_one_byte_over_10_mb_is_refused_with_file_too_large() =>
        Check("facture.pdf", [.. Pdf, .. new byte[FieldLimits.MaxAttachmentBytes - Pdf.Length + 1]]).ShouldBeRefusedWith("file_too_large");

    [Fact]
    public void A_file_of_exactly_10_mb_is_accepted() => Check("facture.pdf", [.. Pdf, .. new byte[FieldLimits.MaxAttachmentBytes - Pdf.Length]]).ShouldSucceed();

    // Rule 4: an allowed extension.

    [Theory]
    [InlineData("outil.exe")]
    [InlineData("page.html")]
    [InlineData("image.svg")]
    [InlineData("sans-extension")]
    [InlineData("facture.pdf.exe")]
    public void Other_extensions_are_refused_with_file_type_not_allowed(string name) => Check(name, Pdf).ShouldBeRefusedWith("file_type_not_allowed");

    // Rule 5: the declared type is the extension's.

    [Fact]
    public void A_pdf_declared_as_html_is_refused_with_file_content_mismatch() => Check("facture.pdf", Pdf, "text/html").ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_generic_declared_type_says_nothing_and_is_accepted() => Check("facture.pdf", Pdf, "application/octet-stream").ShouldSucceed();

    // Rule 6: the content is what the extension says (magic bytes).

    [Fact]
    public void An_executable_named_pdf_is_refused_with_file_content_mismatch() => Check("facture.pdf", Exe, "application/pdf").ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_web_page_named_pdf_is_refused_with_file_content_mismatch() => Check("facture.pdf", Html, "application/pdf").ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_web_page_named_txt_is_refused_with_file_content_mismatch() => Check("notes.txt", Html).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_pdf_named_png_is_refused_with_file_content_mismatch() => Check("recu.png", Pdf).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_png_named_jpg_is_refused_with_file_content_mismatch() => Check("recu.jpg", Png).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_binary_named_csv_is_refused_with_file_content_mismatch() => Check("depenses.csv", Exe).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_zip_that_is_no_word_document_named_docx_is_refused_with_file_content_mismatch() =>
        Check("rapport.docx", Zip(("payload.exe", "MZ"))).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_spreadsheet_named_odt_is_refused_with_file_content_mismatch() =>
        Check("rapport.odt", Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))).ShouldBeRefusedWith("file_content_mismatch");

    [Fact]
    public void A_truncated_zip_named_xlsx_is_refused_with_file_content_mismatch() =>
        Check("budget.xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))[..40]).ShouldBeRefusedWith("file_content_mismatch");

    /// <summary>A zip whose first entry is stored, as OpenDocument files keep their mimetype.</summary>
    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries.Length; i++)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entries[i].Name, i == 0 ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open());
                writer.Write(entries[i].Text);
            }
        }

        return buffer.ToArray();
    }
}
