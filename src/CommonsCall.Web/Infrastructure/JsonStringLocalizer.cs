using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Every user-visible string of the app, in <c>Resources/fr.json</c> (the default) and <c>Resources/en.json</c>:
/// one flat dictionary per language, so a translator edits one file and a test checks both have the same keys.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public static readonly CultureInfo[] SupportedCultures = [new("fr"), new("en")];

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _languages = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    public IReadOnlyDictionary<string, string> Strings(string language) => _languages.GetOrAdd(language, Load);

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        using var stream = assembly.GetManifestResourceStream($"CommonsCall.Web.Resources.{language}.json");
        return stream is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}

public sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, value ?? name, arguments), resourceNotFound: value is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        factory.Strings(Language).Select(kv => new LocalizedString(kv.Key, kv.Value));

    private static string Language =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";

    private string? Find(string name) =>
        factory.Strings(Language).TryGetValue(name, out var value) ? value
        : factory.Strings("fr").TryGetValue(name, out var fallback) ? fallback
        : null;
}

/// <summary>The marker type pages inject as <c>IStringLocalizer&lt;App&gt;</c>.</summary>
public sealed class SharedResource;
