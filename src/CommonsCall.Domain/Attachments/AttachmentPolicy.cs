using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Attachments;

/// <summary>A file as it arrives: the name and type its sender gave (neither trusted) and its bytes.</summary>
public sealed record UploadedFile(string? FileName, string? DeclaredType, byte[] Content);

/// <summary>A file the policy accepted: a clean name, the type its extension and content agree on, its hash.</summary>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// The rules of an attached file, in their numbered order; the first that fails names the refusal:
/// 1. a file name (directories stripped) of at most <see cref="FieldLimits.FileNameLength"/> characters;
/// 2. some content; 3. at most <see cref="FieldLimits.MaxAttachmentBytes"/> bytes;
/// 4. an allowed extension (PDF, PNG, JPEG, WebP, ODT, ODS, DOCX, XLSX, CSV, TXT);
/// 5. a declared type, if any, that is the extension's (a generic <c>application/octet-stream</c> says nothing);
/// 6. content whose first bytes are what the extension promises (content sniffing): a ".pdf" that is an
///    executable or a web page is refused, and so is a ".txt" that a browser would run as HTML.
/// The stored type is the extension's, never the declared one.
/// </summary>
public static class AttachmentPolicy
{
    /// <summary>The most files one declaration or one expense holds.</summary>
    public const int MaxFilesPerOwner = 10;

    private const string OctetStream = "application/octet-stream";

    private static readonly IReadOnlyDictionary<string, FileKind> Kinds = new Dictionary<string, FileKind>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", IsPdf),
        [".png"] = new("image/png", c => StartsWith(c, 0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = new("image/jpeg", IsJpeg, "image/jpg", "image/pjpeg"),
        [".jpeg"] = new("image/jpeg", IsJpeg, "image/jpg", "image/pjpeg"),
        [".webp"] = new("image/webp", c => StartsWith(c, 0, "RIFF"u8) && StartsWith(c, 8, "WEBP"u8)),
        [".odt"] = new("application/vnd.oasis.opendocument.text", c => IsOpenDocument(c, "application/vnd.oasis.opendocument.text")),
        [".ods"] = new("application/vnd.oasis.opendocument.spreadsheet", c => IsOpenDocument(c, "application/vnd.oasis.opendocument.spreadsheet")),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", c => IsOfficeOpenXml(c, "word/document.xml")),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", c => IsOfficeOpenXml(c, "xl/workbook.xml")),
        [".csv"] = new("text/csv", IsPlainText, "text/plain", "application/vnd.ms-excel"),
        [".txt"] = new("text/plain", IsPlainText),
    };

    /// <summary>The extensions accepted, for the pages' <c>accept</c> attribute and the messages.</summary>
    public static string Accept { get; } = string.Join(',', Kinds.Keys);

    public static Result<CheckedFile> Check(UploadedFile file)
    {
        // 1. a name, without the sender's directories
        var name = CleanName(file.FileName);
        if (name.Length == 0 || name.Length > FieldLimits.FileNameLength)
        {
            return new DomainError(ErrorCodes.FileNameInvalid, $"A file needs a name of at most {FieldLimits.FileNameLength} characters.");
        }

        // 2. some content; 3. not too large
        if (file.Content.Length == 0)
        {
            return new DomainError(ErrorCodes.FileEmpty, "The file is empty.");
        }

        if (file.Content.Length > FieldLimits.MaxAttachmentBytes)
        {
            return new DomainError(ErrorCodes.FileTooLarge, $"A file is at most {FieldLimits.MaxAttachmentBytes / (1024 * 1024)} MB.");
        }

        // 4. an allowed extension
        if (!Kinds.TryGetValue(Path.GetExtension(name), out var kind))
        {
            return new DomainError(ErrorCodes.FileTypeNotAllowed, $"Attach PDF, images (PNG, JPEG, WebP), documents (ODT, ODS, DOCX, XLSX) or text (CSV, TXT): {Accept}.");
        }

        // 5. the declared type, if it says anything, is the extension's
        var declared = file.DeclaredType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(declared) && !declared.Equals(OctetStream, StringComparison.OrdinalIgnoreCase) && !kind.Accepts(declared))
        {
            return new DomainError(ErrorCodes.FileContentMismatch, $"The file is named {name} but declared as {declared}.");
        }

        // 6. the content is what the extension says
        if (!kind.Sniff(file.Content))
        {
            return new DomainError(ErrorCodes.FileContentMismatch, $"The content of {name} is not a {kind.ContentType} file.");
        }

        return new CheckedFile(name, kind.ContentType, file.Content, Convert.ToHexStringLower(SHA256.HashData(file.Content)));
    }

    /// <summary>The last segment of a path sent by any system, without control characters.</summary>
    public static string CleanName(string? fileName)
    {
        var last = (fileName ?? string.Empty).Split('/', '\\')[^1];
        return new string([.. last.Where(c => !char.IsControl(c))]).Trim();
    }

    private static bool IsPdf(byte[] c) => StartsWith(c, 0, "%PDF-"u8);

    private static bool IsJpeg(byte[] c) => StartsWith(c, 0, [0xFF, 0xD8, 0xFF]);

    private static bool StartsWith(byte[] content, int offset, ReadOnlySpan<byte> magic) =>
        content.Length >= offset + magic.Length && content.AsSpan(offset, magic.Length).SequenceEqual(magic);

    /// <summary>
    /// Text a spreadsheet or editor opens: no NUL or control characters other than tabs and line ends (any 8-bit
    /// encoding passes, as French spreadsheets write Windows-1252), and no markup a browser would render.
    /// </summary>
    private static bool IsPlainText(byte[] c)
    {
        if (c.Any(b => b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D) || b == 0x7F))
        {
            return false;
        }

        var start = Encoding.Latin1.GetString(c, 0, Math.Min(c.Length, 512)).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        return !new[] { "<!doctype", "<html", "<script", "<svg", "<?xml", "<head", "<body", "<iframe" }
            .Any(tag => start.StartsWith(tag, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An OpenDocument file: a zip whose first entry, <c>mimetype</c>, names its type (ODF 1.2 §3.3).</summary>
    private static bool IsOpenDocument(byte[] c, string mimeType) =>
        ReadZip(c, zip => zip.Entries.Count > 0 && zip.Entries[0].FullName == "mimetype" && zip.Entries[0].Length == mimeType.Length
            && ReadSmall(zip.Entries[0]) == mimeType);

    /// <summary>An Office Open XML file: a zip with its content types and its main part.</summary>
    private static bool IsOfficeOpenXml(byte[] c, string mainPart) =>
        ReadZip(c, zip => zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(mainPart) is not null);

    /// <summary>Reads a zip's directory only (entries are not inflated, so a zip bomb costs nothing); false when it is no zip.</summary>
    private static bool ReadZip(byte[] c, Func<ZipArchive, bool> test)
    {
        if (!StartsWith(c, 0, [0x50, 0x4B, 0x03, 0x04]))
        {
            return false;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(c, writable: false), ZipArchiveMode.Read);
            return test(zip);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static string ReadSmall(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
        var buffer = new char[128];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private sealed record FileKind(string ContentType, Func<byte[], bool> Sniff, params string[] AlsoDeclaredAs)
    {
        public bool Accepts(string declared) =>
            declared.Equals(ContentType, StringComparison.OrdinalIgnoreCase) || AlsoDeclaredAs.Any(a => a.Equals(declared, StringComparison.OrdinalIgnoreCase));
    }
}
