namespace CommonsCall.Domain.Objections;

/// <summary>
/// Why an objection window, an objection, its answer or an approval under objection is refused: stable codes, shown
/// as sentences by the pages (<c>error.{code}</c>) and returned as they are by the API.
/// </summary>
public static class ObjectionCodes
{
    /// <summary>The objection window of this commons is still open: approving now would cut the participants' time short.</summary>
    public const string WindowOpen = "objection_window_open";

    /// <summary>No objection window is open on this commons (never opened, or ended).</summary>
    public const string WindowClosed = "objection_window_closed";

    /// <summary>An objection is still waiting for a facilitator's answer: the commons cannot be approved.</summary>
    public const string ObjectionOpen = "objection_open";

    /// <summary>Objections are about approving a proposed commons: this one is approved already, or past the vote.</summary>
    public const string CommonsNotProposed = "objection_commons_not_proposed";

    /// <summary>This organisation already has an objection waiting for an answer on this commons.</summary>
    public const string AlreadyObjecting = "objection_already_raised";

    /// <summary>The objection was answered already (resolved or overridden).</summary>
    public const string NotOpen = "objection_not_open";
}
