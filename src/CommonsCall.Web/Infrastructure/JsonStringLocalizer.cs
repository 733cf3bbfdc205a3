using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Every user-visible string of the app, in <c>Resources/fr.json</c> (the default) and <c>Resources/en.json</c>,
/// plus one pair per larger feature (<c>Resources/Notifications.fr.json</c>, <c>Resources/Notifications.en.json</c>):
/// one flat dictionary per language. A key lives in exactly one file (a duplicate fails at load), and a test
/// checks both languages have the same keys.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public static readonly CultureInfo[] SupportedCultures = [new("fr"), new("en")];

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _languages = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    public IReadOnlyDictionary<string, string> Strings(string language) => _languages.GetOrAdd(language, Load);

    private const string Prefix = "CommonsCall.Web.Resources.";

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var strings = new Dictionary<string, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => IsFileOf(n, language)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!strings.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"The key {key} is in two resource files of language {language} (one is {name}).");
                }
            }
        }
        return strings;
    }

    /// <summary>Resources/fr.json, or Resources/&lt;Area&gt;.fr.json.</summary>
    private static bool IsFileOf(string resourceName, string language) =>
        resourceName == $"{Prefix}{language}.json"
        || (resourceName.StartsWith(Prefix, StringComparison.Ordinal) && resourceName.EndsWith($".{language}.json", StringComparison.Ordinal));
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
