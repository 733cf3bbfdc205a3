using System.Text.Json;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Accountability;

namespace CommonsCall.Web.Tests.Accountability;

/// <summary>
/// The audit trail shows sentences, never raw codes: every kind the application writes is listed in
/// <see cref="AuditKinds"/>, and every listed kind has its sentence and its filter label in French and English.
/// </summary>
public sealed partial class AuditKindsTests
{
    private static readonly string WebProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CommonsCall.Web"));

    private static Dictionary<string, string> Resources(string language) =>
        Directory.EnumerateFiles(Path.Combine(WebProject, "Resources"), "*.json")
            .Where(f => Path.GetFileName(f) == language + ".json" || Path.GetFileName(f).EndsWith("." + language + ".json", StringComparison.Ordinal))
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Every_kind_has_a_sentence_naming_who_did_it(string language)
    {
        var resources = Resources(language);

        AuditKinds.All.Where(k => !resources.TryGetValue($"audit.kind.{k}", out var sentence) || !sentence.Contains("{0}", StringComparison.Ordinal))
            .ShouldBeEmpty($"kinds without an audit.kind.* sentence in {language}");
        resources["audit.kind.other"].ShouldContain("{1}");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Every_kind_has_a_short_label_under_a_named_family_for_the_filter(string language)
    {
        var resources = Resources(language);

        AuditKinds.All.Where(k => !resources.TryGetValue(AuditKinds.LabelKey(k), out var label) || label.Contains('{') || label.EndsWith('.'))
            .ShouldBeEmpty($"kinds without a short audit.label.* (no placeholder, no full stop) in {language}");
        AuditKinds.All.Select(AuditKinds.FamilyOf).Except(AuditKinds.Families).ShouldBeEmpty("kinds of a family AuditKinds.Families does not list");
        AuditKinds.Families.Where(f => !resources.ContainsKey(AuditKinds.FamilyKey(f))).ShouldBeEmpty($"families without an audit.family.* name in {language}");
        AuditKinds.All.Select(k => resources[AuditKinds.LabelKey(k)]).GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key)
            .ShouldBeEmpty($"two kinds share a label in {language}: the filter could not tell them apart");
    }

    [Fact]
    public void Every_kind_the_features_write_is_listed()
    {
        var keys = Resources("fr").Keys.ToHashSet();
        var written = Directory.EnumerateFiles(Path.Combine(WebProject, "Features"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Kind().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => AuditKinds.Families.Contains(AuditKinds.FamilyOf(k)) && !keys.Contains(k))
            .Distinct()
            .ToList();

        written.ShouldContain("call.phase_changed");
        written.Except(AuditKinds.All).ShouldBeEmpty("audit kinds written by a feature but missing from AuditKinds (add them with their sentences)");
    }

    [GeneratedRegex("\"([a-z]+\\.[a-z_]+)\"")]
    private static partial Regex Kind();
}
