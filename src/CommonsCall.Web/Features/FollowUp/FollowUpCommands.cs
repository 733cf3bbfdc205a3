using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using FluentValidation;

namespace CommonsCall.Web.Features.FollowUp;

// What can change a funded commons' agreement. Each names its call and its commons (one agreement per funded commons);
// a commons of another call is not found.

/// <summary>Facilitators: proposes the schedule (again, until accepted) and names the lead holder among the co-creators.</summary>
public sealed record ProposeSchedule(Guid CallId, Guid CommonsId, Guid LeadOrganisationId, IReadOnlyList<TrancheTerms> Tranches);

/// <summary>The lead holder accepts the proposed schedule; the tranche due at the start is paid.</summary>
public sealed record AcceptSchedule(Guid CallId, Guid CommonsId);

/// <summary>
/// A holder (a co-creator the actor represents) declares a milestone of the schedule done, with the evidence: links,
/// files (stored as attachments of the declaration), or both.
/// </summary>
public sealed record DeclareMilestoneDone(Guid CallId, Guid CommonsId, Guid MilestoneId, Guid OrganisationId, IReadOnlyList<string> Evidence, IReadOnlyList<UploadedFile>? Files = null);

/// <summary>Facilitators: accepts a declared milestone, which pays its tranche.</summary>
public sealed record AcceptMilestone(Guid CallId, Guid CommonsId, Guid MilestoneId);

/// <summary>Facilitators: sends a declared milestone back to the holders with a comment.</summary>
public sealed record AskMilestoneChanges(Guid CallId, Guid CommonsId, Guid MilestoneId, string Comment);

/// <summary>Facilitators: cancels the commons' agreement, with a reason; unpaid tranches go back to the pool.</summary>
public sealed record CancelAgreement(Guid CallId, Guid CommonsId, string Reason);

/// <summary>Facilitators: corrects the commons' settled award, with a reason.</summary>
public sealed record CorrectAward(Guid CallId, Guid CommonsId, long Award, string Reason);

public sealed class ProposeScheduleValidator : AbstractValidator<ProposeSchedule>
{
    public ProposeScheduleValidator()
    {
        RuleFor(x => x.Tranches).NotNull().Must(t => t is { Count: > 0 and <= PaymentSchedule.MaxTranches })
            .WithMessage($"A schedule has between 1 and {PaymentSchedule.MaxTranches} tranches.");
        RuleForEach(x => x.Tranches).NotNull().WithMessage("A tranche cannot be null.")
            .ChildRules(t => t.RuleFor(x => x.Percent).InclusiveBetween(1, 100).WithMessage("Each tranche is a whole percentage from 1 to 100."));
    }
}

public sealed class DeclareMilestoneDoneValidator : AbstractValidator<DeclareMilestoneDone>
{
    public const int MaxLinks = 10;

    public DeclareMilestoneDoneValidator()
    {
        RuleFor(x => x.Evidence).NotNull().Must((x, e) => e is { Count: <= MaxLinks } && (e.Count > 0 || x.Files is { Count: > 0 }))
            .WithMessage($"Give between 1 and {MaxLinks} links to what was delivered, or attach files.");
        RuleFor(x => x.Files).AreAFewFiles();
        RuleForEach(x => x.Evidence)
            .NotEmpty().MaximumLength(SchemaConstants.UrlLength)
            .Must(SaveOrganisationValidator.BeAWebAddress).WithMessage("Each link must be a full http:// or https:// address.");
    }
}

public sealed class AskMilestoneChangesValidator : AbstractValidator<AskMilestoneChanges>
{
    public AskMilestoneChangesValidator() => RuleFor(x => x.Comment).NotEmpty().MaximumLength(SchemaConstants.NoteLength);
}

public sealed class CancelAgreementValidator : AbstractValidator<CancelAgreement>
{
    public CancelAgreementValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(SchemaConstants.NoteLength);
}

public sealed class CorrectAwardValidator : AbstractValidator<CorrectAward>
{
    public CorrectAwardValidator()
    {
        RuleFor(x => x.Award).InclusiveBetween(0, Amounts.Maximum);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(SchemaConstants.NoteLength);
    }
}
