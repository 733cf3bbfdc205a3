namespace CommonsCall.Domain.Recognition;

/// <summary>Why a change of a badge is refused: stable codes, shown as sentences by the pages (<c>error.{code}</c>) and returned as they are by the API.</summary>
public static class BadgeCodes
{
    /// <summary>The badge is revoked already: its published reason stays as it was.</summary>
    public const string AlreadyRevoked = "badge_already_revoked";
}
