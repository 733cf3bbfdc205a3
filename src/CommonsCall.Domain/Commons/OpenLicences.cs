namespace CommonsCall.Domain.Commons;

/// <summary>
/// The open licences a commons may be published under, by SPDX identifier: OSI-approved software licences,
/// open data and open content licences, and open hardware licences. The one list the validators, the forms
/// and the API share; add a licence here and everything accepts it.
/// </summary>
public static class OpenLicences
{
    /// <summary>Canonical SPDX identifiers, in the order the forms offer them (most used first in each family).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        // Software (OSI approved)
        "MIT",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "ISC",
        "0BSD",
        "Zlib",
        "MPL-2.0",
        "EPL-2.0",
        "EUPL-1.2",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "CECILL-2.1",
        "CECILL-B",
        "CECILL-C",
        "Unlicense",

        // Data and content
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "CC0-1.0",
        "ODbL-1.0",
        "ODC-By-1.0",
        "PDDL-1.0",
        "etalab-2.0",
        "OFL-1.1",

        // Hardware
        "CERN-OHL-S-2.0",
        "CERN-OHL-W-2.0",
        "CERN-OHL-P-2.0",
        "TAPR-OHL-1.0",
    ];

    // SPDX identifiers match case-insensitively (SPDX specification, annex "License List").
    private static readonly Dictionary<string, string> ByIdentifier = All.ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    public static bool IsOpen(string? identifier) => Canonical(identifier) is not null;

    /// <summary>The canonical spelling of an open licence's identifier ("apache-2.0" gives "Apache-2.0"), or null when it is not in the list.</summary>
    public static string? Canonical(string? identifier) =>
        identifier is not null && ByIdentifier.TryGetValue(identifier.Trim(), out var canonical) ? canonical : null;
}
