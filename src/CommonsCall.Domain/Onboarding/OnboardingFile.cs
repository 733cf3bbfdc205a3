using System.Text;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;

namespace CommonsCall.Domain.Onboarding;

/// <summary>
/// One line of an onboarding file: an organisation, its role in the call, its territory and its representatives'
/// emails, or the reasons (<see cref="OnboardingCodes"/>) it cannot be applied. <paramref name="Line"/> is the line
/// of the file where it starts (the header is line 1).
/// </summary>
public sealed record OnboardingRow(
    int Line, string Name, OrganisationKind? Kind, ParticipantRole Role, string? Territory, IReadOnlyList<string> Emails, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the file a facilitator uploads to bring an ecosystem into a call. UTF-8 with or without a BOM; a header row
/// naming the columns (French or English, any order): <c>nom</c> (required), <c>type</c>, <c>rôle</c>,
/// <c>territoire</c>, <c>emails</c> (required); fields separated by ';' (French spreadsheets) or ',', detected on the
/// header; RFC 4180 quotes (a quoted field may hold the separator, doubled quotes, line breaks). The emails of one
/// organisation are separated by ';', ',' or spaces inside their field (quote it when the file uses the same separator).
/// </summary>
public static class OnboardingFile
{
    public const int MaxBytes = 1_000_000;
    public const int MaxRows = 2_000;
    public const int MaxEmailsPerRow = 10;

    private static readonly string[] NameHeaders = ["nom", "name", "organisation", "organization"];
    private static readonly string[] KindHeaders = ["type", "kind"];
    private static readonly string[] RoleHeaders = ["role"];
    private static readonly string[] TerritoryHeaders = ["territoire", "territory"];
    private static readonly string[] EmailHeaders = ["emails", "email", "e-mails", "e-mail", "courriels", "courriel"];

    private static readonly Dictionary<string, OrganisationKind> Kinds = new(StringComparer.Ordinal)
    {
        ["startup"] = OrganisationKind.Startup, ["start-up"] = OrganisationKind.Startup, ["jeune pousse"] = OrganisationKind.Startup,
        ["pme"] = OrganisationKind.Sme, ["sme"] = OrganisationKind.Sme,
        ["grande entreprise"] = OrganisationKind.LargeCompany, ["large company"] = OrganisationKind.LargeCompany, ["largecompany"] = OrganisationKind.LargeCompany,
        ["acteur public"] = OrganisationKind.PublicBody, ["organisme public"] = OrganisationKind.PublicBody, ["collectivite"] = OrganisationKind.PublicBody,
        ["public body"] = OrganisationKind.PublicBody, ["publicbody"] = OrganisationKind.PublicBody,
        ["association"] = OrganisationKind.Association,
        ["recherche"] = OrganisationKind.Research, ["laboratoire"] = OrganisationKind.Research, ["research"] = OrganisationKind.Research,
        ["autre"] = OrganisationKind.Other, ["other"] = OrganisationKind.Other,
    };

    private static readonly Dictionary<string, ParticipantRole> RoleNames = new(StringComparer.Ordinal)
    {
        ["membre"] = ParticipantRole.Member, ["member"] = ParticipantRole.Member,
        ["financeur"] = ParticipantRole.Funder, ["cofinanceur"] = ParticipantRole.Funder, ["funder"] = ParticipantRole.Funder,
    };

    /// <summary>The rows of <paramref name="content"/>, or why the file as a whole cannot be read.</summary>
    public static Result<IReadOnlyList<OnboardingRow>> Read(byte[] content)
    {
        var text = Decode(content);
        return text.IsSuccess ? Read(text.Value!) : text.Error!;
    }

    /// <summary>The text of an uploaded file: strict UTF-8 (a BOM is dropped later), within the size limit.</summary>
    public static Result<string> Decode(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return new DomainError(OnboardingCodes.FileTooLarge, $"The file is larger than {MaxBytes / 1_000_000} MB.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new DomainError(OnboardingCodes.FileNotUtf8, "The file is not UTF-8 text: save it as \"CSV UTF-8\".");
        }
    }

    /// <summary>The rows of a file already decoded (the API's JSON carries it as text).</summary>
    public static Result<IReadOnlyList<OnboardingRow>> Read(string text)
    {
        text = text.TrimStart('\uFEFF');
        if (text.Length > MaxBytes)
        {
            return new DomainError(OnboardingCodes.FileTooLarge, $"The file is larger than {MaxBytes / 1_000_000} MB.");
        }

        var records = CsvRecords.Read(text).Where(r => !r.IsBlank).ToList();
        if (records.Count == 0)
        {
            return new DomainError(OnboardingCodes.FileEmpty, "The file has no header row and no line.");
        }

        if (records.Count - 1 > MaxRows)
        {
            return new DomainError(OnboardingCodes.TooManyLines, $"The file has more than {MaxRows} lines: split it.");
        }

        var header = Header.Of(records[0].Fields);
        if (!header.IsSuccess)
        {
            return header.Error!;
        }

        var columns = header.Value!;
        var rows = new List<OnboardingRow>();
        var seen = new HashSet<(string, ParticipantRole)>();
        foreach (var record in records.Skip(1))
        {
            var row = RowOf(record, columns);
            if (row.Name.Length > 0 && !seen.Add((OrganisationNames.Normalise(row.Name), row.Role)))
            {
                row = row with { Errors = [.. row.Errors, OnboardingCodes.DuplicateLine] };
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Whether <paramref name="email"/> is one address (one '@', a dotted domain, no spaces), as a mail server takes it.</summary>
    public static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= FieldLimits.EmailLength && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
               && email[(at + 1)..] is var domain && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
               && !domain.Contains("..", StringComparison.Ordinal)
               && email.All(c => c > ' ' && c != '<' && c != '>' && c != '(' && c != ')' && c != '"' && c != '[' && c != ']' && c != '\\' && c < 0x7F);
    }

    private static OnboardingRow RowOf(CsvRecord record, Header columns)
    {
        var errors = new List<string>();
        if (record.Unclosed)
        {
            errors.Add(OnboardingCodes.UnclosedQuote);
        }

        if (record.Fields.Count > columns.Count)
        {
            errors.Add(OnboardingCodes.TooManyColumns);
        }

        string Field(int? index) => index is { } i && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;
        var name = Spaces(Field(columns.Name));
        if (name.Length == 0)
        {
            errors.Add(OnboardingCodes.NameMissing);
        }
        else if (name.Length > FieldLimits.NameLength)
        {
            errors.Add(OnboardingCodes.NameTooLong);
        }

        OrganisationKind? kind = null;
        if (Field(columns.Kind) is { Length: > 0 } kindText)
        {
            if (Kinds.TryGetValue(OrganisationNames.Normalise(kindText), out var k))
            {
                kind = k;
            }
            else
            {
                errors.Add(OnboardingCodes.UnknownKind);
            }
        }

        var role = ParticipantRole.Member;
        if (Field(columns.Role) is { Length: > 0 } roleText)
        {
            if (RoleNames.TryGetValue(OrganisationNames.Normalise(roleText), out var r))
            {
                role = r;
            }
            else
            {
                errors.Add(OnboardingCodes.UnknownRole);
            }
        }

        var territory = Spaces(Field(columns.Territory));
        if (territory.Length > FieldLimits.NameLength)
        {
            errors.Add(OnboardingCodes.TerritoryTooLong);
        }

        var emails = Field(columns.Emails).Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.Any(e => !IsEmail(e)))
        {
            errors.Add(OnboardingCodes.InvalidEmail);
        }

        if (emails.Count > MaxEmailsPerRow)
        {
            errors.Add(OnboardingCodes.TooManyEmails);
        }

        return new OnboardingRow(record.Line, name, kind, role, territory.Length == 0 ? null : territory, emails, errors);
    }

    private static string Spaces(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Which field holds what, from the header row.</summary>
    private sealed record Header(int Name, int? Kind, int? Role, int? Territory, int Emails, int Count)
    {
        public static Result<Header> Of(IReadOnlyList<string> fields)
        {
            var names = fields.Select(f => OrganisationNames.Normalise(f)).ToList();
            if (names.FirstOrDefault(n => n.Length > 0 && !new[] { NameHeaders, KindHeaders, RoleHeaders, TerritoryHeaders, EmailHeaders }.Any(h => h.Contains(n))) is { } unknown)
            {
                return new DomainError(OnboardingCodes.HeaderUnknownColumn, $"Unknown column \"{unknown}\" in the header row: the columns are nom, type, rôle, territoire, emails.");
            }

            int? IndexOf(string[] accepted) => names.FindIndex(accepted.Contains) is var i and >= 0 ? i : null;
            return IndexOf(NameHeaders) is { } name && IndexOf(EmailHeaders) is { } emails
                ? new Header(name, IndexOf(KindHeaders), IndexOf(RoleHeaders), IndexOf(TerritoryHeaders), emails, fields.Count)
                : new DomainError(OnboardingCodes.HeaderMissingColumn, "The first row must name the columns, among them nom and emails.");
        }
    }
}
