using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Radzen's material theme as every page loads it, without the rules whose <c>:has()</c> sits on a bare element
/// (<c>:root:has(.rz-layout)</c>, <c>td:has(…)</c>, <c>svg:has(…)</c>, <c>li:has(…)</c>, <c>div:…:has(…)</c>). Chromium
/// evaluates those on every html, td, svg, li and div of our pages, and then any node a live update inserts makes it
/// restyle hundreds of elements: 311 per dashboard update instead of 74 (issue 17, bench/README.md). They style only
/// RadzenLayout, the calendar's date ranges, chart hovering, RadzenAccordion and RadzenMarkdown, which the app does not
/// use; <c>RadzenThemeTests</c> names them and fails if one of those components or a new such rule appears.
/// The result is served compressed, beside the package's file, under a name that changes with its content.
/// </summary>
public sealed class RadzenTheme
{
    /// <summary>Where the package's theme is served from (and what pages link when it cannot be read).</summary>
    public const string PackagePath = "_content/Radzen.Blazor/css/material.css";

    /// <summary>Beside the package's file, so that the theme's relative links (its icon and text fonts, "../fonts/...") still resolve.</summary>
    private const string Route = "/_content/Radzen.Blazor/css/material.{version}.css";

    private static readonly Lock Gate = new();
    private static Served? _served;

    private readonly Served? _theme;

    public RadzenTheme(IWebHostEnvironment environment, ILogger<RadzenTheme> logger)
    {
        lock (Gate)
        {
            // The package's file does not change while the process runs: one filtered copy serves every host in it.
            _served ??= Load(environment, logger);
            _theme = _served;
        }
    }

    /// <summary>What App.razor links.</summary>
    public string Href => _theme is { } t ? Route.Replace("{version}", t.Version, StringComparison.Ordinal) : PackagePath;

    /// <summary>The selectors this theme leaves out, as the package writes them.</summary>
    public IReadOnlyList<string> Removed => _theme?.Removed ?? [];

    /// <summary>The package's stylesheet without the generic <c>:has()</c> selectors (a rule left with none is dropped).</summary>
    public static string WithoutGenericHas(string css, List<string>? removed = null)
    {
        var output = new StringBuilder(css.Length);
        CopyRules(css, 0, css.Length, output, removed);
        return output.ToString();
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Route, (string version, HttpContext context, RadzenTheme theme) => theme.Serve(version, context))
            .ExcludeFromDescription();

    private IResult Serve(string version, HttpContext context)
    {
        if (_theme is not { } t || version != t.Version)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.Vary = HeaderNames.AcceptEncoding;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = accepted.Contains("br", StringComparison.OrdinalIgnoreCase) ? (t.Brotli.Value, "br")
            : accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? (t.Gzip.Value, "gzip")
            : (t.Plain, null);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        return Results.Bytes(body, "text/css; charset=utf-8");
    }

    private static Served? Load(IWebHostEnvironment environment, ILogger logger)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(PackagePath);
        if (!file.Exists)
        {
            logger.LogWarning("Radzen's theme was not found at {Path}: pages link the package's own stylesheet", PackagePath);
            return null;
        }

        string css;
        using (var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8))
        {
            css = reader.ReadToEnd();
        }

        var removed = new List<string>();
        var plain = Encoding.UTF8.GetBytes(WithoutGenericHas(css, removed));
        return new Served(
            Convert.ToHexStringLower(SHA256.HashData(plain))[..16], plain,
            new Lazy<byte[]>(() => Compress(plain, s => new GZipStream(s, CompressionLevel.SmallestSize))),
            // Brotli's smallest size takes a second or more on 800 KB: the first page after a start would wait for it.
            new Lazy<byte[]>(() => Compress(plain, s => new BrotliStream(s, CompressionLevel.Optimal))),
            removed);
    }

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            stream.Write(plain);
        }

        return buffer.ToArray();
    }

    /// <summary>Copies the rules of css[start..end), recursing into conditional groups (@media, @supports, @layer, @container).</summary>
    private static void CopyRules(string css, int start, int end, StringBuilder output, List<string>? removed)
    {
        var i = start;
        while (i < end)
        {
            // Whitespace and comments between rules (a licence header) are copied, not read as part of a selector.
            if (char.IsWhiteSpace(css[i]) || string.CompareOrdinal(css, i, "/*", 0, 2) == 0)
            {
                var next = char.IsWhiteSpace(css[i]) ? i + 1 : css.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 2 : end;
                output.Append(css, i, Math.Min(next, end) - i);
                i = Math.Min(next, end);
                continue;
            }

            var preludeEnd = Scan(css, i, end, stopAtBrace: true);
            if (preludeEnd >= end || css[preludeEnd] == ';')
            {
                // A statement (@charset, @import) or trailing text: kept as it is.
                var stop = Math.Min(end, preludeEnd + 1);
                output.Append(css, i, stop - i);
                i = stop;
                continue;
            }

            var bodyEnd = Scan(css, preludeEnd + 1, end, stopAtBrace: false);
            if (bodyEnd >= end)
            {
                // A block that never closes: the rest is kept as it is.
                output.Append(css, i, end - i);
                return;
            }

            var prelude = css[i..preludeEnd];
            var trimmed = prelude.TrimStart();
            if (trimmed.StartsWith("@media", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("@supports", StringComparison.OrdinalIgnoreCase)
                || trimmed.StartsWith("@layer", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("@container", StringComparison.OrdinalIgnoreCase))
            {
                output.Append(prelude).Append('{');
                CopyRules(css, preludeEnd + 1, bodyEnd, output, removed);
                output.Append('}');
            }
            else if (trimmed.StartsWith('@'))
            {
                output.Append(css, i, bodyEnd + 1 - i);
            }
            else
            {
                var selectors = SplitSelectors(prelude);
                var kept = selectors.Where(s => !IsGenericHas(s)).ToList();
                removed?.AddRange(selectors.Where(IsGenericHas).Select(s => s.Trim()));
                if (kept.Count > 0)
                {
                    output.Append(string.Join(',', kept)).Append(css, preludeEnd, bodyEnd + 1 - preludeEnd);
                }
            }

            i = bodyEnd + 1;
        }
    }

    /// <summary>
    /// The index of the first '{' or ';' (or, with <paramref name="stopAtBrace"/> false, of the '}' closing the block
    /// that starts at <paramref name="i"/>) outside strings, comments and parentheses; <paramref name="end"/> if none.
    /// </summary>
    private static int Scan(string css, int i, int end, bool stopAtBrace)
    {
        var depth = 0;
        var parentheses = 0;
        for (; i < end; i++)
        {
            var c = css[i];
            if (c is '"' or '\'')
            {
                i = StringEnd(css, i, end);
            }
            else if (c == '/' && i + 1 < end && css[i + 1] == '*')
            {
                i = css.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 1 : end;
            }
            else if (c == '(')
            {
                parentheses++;
            }
            else if (c == ')')
            {
                parentheses--;
            }
            else if (parentheses == 0 && stopAtBrace && c is '{' or ';')
            {
                return i;
            }
            else if (parentheses == 0 && !stopAtBrace && c == '{')
            {
                depth++;
            }
            else if (parentheses == 0 && !stopAtBrace && c == '}' && depth-- == 0)
            {
                return i;
            }
        }

        return end;
    }

    /// <summary>The index of the quote closing the string that opens at <paramref name="i"/> (escaped quotes skipped).</summary>
    private static int StringEnd(string css, int i, int end)
    {
        var quote = css[i];
        for (i++; i < end; i++)
        {
            if (css[i] == '\\')
            {
                i++;
            }
            else if (css[i] == quote)
            {
                return i;
            }
        }

        return end;
    }

    /// <summary>A selector list split at its top-level commas.</summary>
    private static List<string> SplitSelectors(string prelude)
    {
        var selectors = new List<string>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i < prelude.Length; i++)
        {
            depth += Nesting(prelude[i]);
            if (prelude[i] == ',' && depth == 0)
            {
                selectors.Add(prelude[from..i]);
                from = i + 1;
            }
        }

        selectors.Add(prelude[from..]);
        return selectors;
    }

    /// <summary>Whether a <c>:has(</c> of the selector belongs to a compound with no class and no id (a bare element or :root).</summary>
    internal static bool IsGenericHas(string selector)
    {
        var depth = 0;
        var specific = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (depth == 0 && string.CompareOrdinal(selector, i, ":has(", 0, 5) == 0 && !specific)
            {
                return true;
            }

            depth += Nesting(c);
            if (depth == 0 && c is ' ' or '>' or '+' or '~')
            {
                specific = false;
            }
            else if (depth == 0 && c is '.' or '#')
            {
                specific = true;
            }
        }

        return false;
    }

    /// <summary>How a selector's character changes its depth in parentheses (functional pseudo-classes) and brackets (attributes).</summary>
    private static int Nesting(char c) => c switch
    {
        '(' or '[' => 1,
        ')' or ']' => -1,
        _ => 0,
    };

    /// <summary>The filtered theme; each compressed form is made when first asked for, once per process.</summary>
    private sealed record Served(string Version, byte[] Plain, Lazy<byte[]> Gzip, Lazy<byte[]> Brotli, IReadOnlyList<string> Removed);
}
