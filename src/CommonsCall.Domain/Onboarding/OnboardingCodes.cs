namespace CommonsCall.Domain.Onboarding;

/// <summary>
/// Why an onboarding file, or one of its lines, cannot be applied: stable codes, shown as sentences by the pages
/// (<c>error.{code}</c>) and returned as they are by the API.
/// </summary>
public static class OnboardingCodes
{
    // The file as a whole.
    public const string FileTooLarge = "import_file_too_large";
    public const string FileNotUtf8 = "import_file_not_utf8";
    public const string FileEmpty = "import_file_empty";
    public const string TooManyLines = "import_too_many_lines";
    public const string HeaderMissingColumn = "import_header_missing_column";
    public const string HeaderUnknownColumn = "import_header_unknown_column";

    // One line.
    public const string NameMissing = "import_name_missing";
    public const string NameTooLong = "import_name_too_long";
    public const string UnknownKind = "import_unknown_kind";
    public const string UnknownRole = "import_unknown_role";
    public const string TerritoryTooLong = "import_territory_too_long";
    public const string InvalidEmail = "import_invalid_email";
    public const string TooManyEmails = "import_too_many_emails";
    public const string TooManyColumns = "import_too_many_columns";
    public const string UnclosedQuote = "import_unclosed_quote";
    public const string DuplicateLine = "import_duplicate_line";
    public const string EmailsRequired = "import_emails_required";
    public const string RepresentedOrganisation = "import_represented_organisation";

    // The status list.
    public const string AlreadyJoined = "onboarding_already_joined";
}
