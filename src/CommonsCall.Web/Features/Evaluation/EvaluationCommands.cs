using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using FluentValidation;

namespace CommonsCall.Web.Features.Evaluation;

// What can change a call's evaluation (issue 16 §1-3). Each names its call; a commons, an evaluator or a session of
// another call is not found.

/// <summary>Facilitators: replaces the call's grid (until the first score locks it).</summary>
public sealed record SaveGrid(Guid CallId, IReadOnlyList<CriterionTerms> Criteria);

/// <summary>Facilitators: names the person with this email evaluator of the call, inviting them when they have no account.</summary>
public sealed record AppointEvaluator(Guid CallId, string Email);

/// <summary>Facilitators: removes an evaluator who has not scored yet, with their assignments.</summary>
public sealed record RemoveEvaluator(Guid CallId, string EvaluatorId);

/// <summary>Facilitators: gives a commons to an evaluator to score.</summary>
public sealed record AssignCommons(Guid CallId, Guid CommonsId, string EvaluatorId);

/// <summary>Facilitators: takes a commons back from an evaluator who has not scored it.</summary>
public sealed record UnassignCommons(Guid CallId, Guid CommonsId, string EvaluatorId);

/// <summary>An evaluator scores a commons assigned to them: one mark per criterion of the grid, and a private note.</summary>
public sealed record ScoreCommons(Guid CallId, Guid CommonsId, IReadOnlyList<Mark> Marks, string? Note);

/// <summary>Facilitators: plans a dated evaluation session.</summary>
public sealed record OpenSession(Guid CallId, string Title, DateOnly HeldOn);

/// <summary>Facilitators: closes a session by publishing its decisions, with their reasons, to the applicants.</summary>
public sealed record PublishSession(Guid CallId, Guid SessionId, IReadOnlyList<DecisionTerms> Decisions);

public sealed class SaveGridValidator : AbstractValidator<SaveGrid>
{
    public SaveGridValidator()
    {
        RuleFor(x => x.Criteria).NotNull().Must(c => c is { Count: > 0 and <= EvaluationGrid.MaxCriteria })
            .WithMessage($"A grid has 1 to {EvaluationGrid.MaxCriteria} criteria.");
        RuleForEach(x => x.Criteria).NotNull().WithMessage("A criterion cannot be null.").ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).IsInEnum();
            c.RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
            c.RuleFor(x => x.Description).MaximumLength(SchemaConstants.NoteLength);
            c.RuleFor(x => x.Weight).InclusiveBetween(0, EvaluationGrid.MaxWeight);
            c.RuleFor(x => x.Scale).InclusiveBetween(0, EvaluationGrid.MaxScale);
        });
    }
}

public sealed class AppointEvaluatorValidator : AbstractValidator<AppointEvaluator>
{
    public AppointEvaluatorValidator() => RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(SchemaConstants.EmailLength);
}

public sealed class AssignCommonsValidator : AbstractValidator<AssignCommons>
{
    public AssignCommonsValidator() => RuleFor(x => x.EvaluatorId).NotEmpty().MaximumLength(SchemaConstants.UserIdLength);
}

public sealed class ScoreCommonsValidator : AbstractValidator<ScoreCommons>
{
    public ScoreCommonsValidator()
    {
        RuleFor(x => x.Marks).NotNull().Must(m => m is { Count: > 0 and <= EvaluationGrid.MaxCriteria })
            .WithMessage($"Give 1 to {EvaluationGrid.MaxCriteria} marks.");
        RuleForEach(x => x.Marks).NotNull().WithMessage("A mark cannot be null.")
            .ChildRules(m => m.RuleFor(x => x.Value).InclusiveBetween(0, EvaluationGrid.MaxScale));
        RuleFor(x => x.Note).MaximumLength(SchemaConstants.NoteLength);
    }
}

public sealed class OpenSessionValidator : AbstractValidator<OpenSession>
{
    public OpenSessionValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.HeldOn).NotEqual(default(DateOnly)).WithMessage("Give the session's date.");
    }
}

public sealed class PublishSessionValidator : AbstractValidator<PublishSession>
{
    public const int MaxDecisions = 500;

    public PublishSessionValidator()
    {
        RuleFor(x => x.Decisions).NotNull().Must(d => d is { Count: > 0 and <= MaxDecisions })
            .WithMessage($"Decide 1 to {MaxDecisions} commons.");
        RuleForEach(x => x.Decisions).NotNull().WithMessage("A decision cannot be null.").ChildRules(d =>
        {
            d.RuleFor(x => x.Outcome).IsInEnum();
            d.RuleFor(x => x.Reason).NotEmpty().MaximumLength(SchemaConstants.NoteLength);
        });
    }
}
