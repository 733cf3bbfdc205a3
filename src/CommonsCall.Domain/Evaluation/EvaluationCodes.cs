namespace CommonsCall.Domain.Evaluation;

/// <summary>
/// Why an evaluation grid, a score, an evaluator or a selection session is refused: stable codes, shown as sentences by
/// the pages (<c>error.{code}</c>) and returned as they are by the API.
/// </summary>
public static class EvaluationCodes
{
    public const string GridLocked = "grid_locked";
    public const string GridInvalid = "grid_invalid";
    public const string GridMissing = "grid_missing";
    public const string GridChanged = "grid_changed";
    public const string ScoreOutOfScale = "score_out_of_scale";
    public const string AlreadyEvaluator = "already_evaluator";
    public const string EvaluatorAlreadyInvited = "evaluator_already_invited";
    public const string ConflictOfInterest = "conflict_of_interest";
    public const string EvaluatorHasScores = "evaluator_has_scores";
    public const string SessionPublished = "session_published";
    public const string DecisionsRequired = "decisions_required";
    public const string DuplicateDecision = "duplicate_decision";
    public const string CommonsAlreadyDecided = "commons_already_decided";
    public const string UnknownTemplate = "unknown_template";
}
