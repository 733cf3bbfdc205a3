using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using FluentValidation;

namespace CommonsCall.Web.Features.FollowUp;

// What changes the expenses of a funded commons. Each names its call; an expense or a commons of another call is not found.

/// <summary>A holder (a co-creator the actor represents) records an expense against a budget line, with its receipts.</summary>
public sealed record RecordExpense(Guid CallId, Guid CommonsId, Guid OrganisationId, ExpenseTerms Terms, IReadOnlyList<UploadedFile> Receipts);

/// <summary>The organisation that recorded the expense corrects it.</summary>
public sealed record CorrectExpense(Guid CallId, Guid ExpenseId, ExpenseTerms Terms);

/// <summary>The organisation that recorded the expense removes it, with a reason; it stays in the records.</summary>
public sealed record RemoveExpense(Guid CallId, Guid ExpenseId, string Reason);

/// <summary>The organisation that recorded the expense attaches more receipts to it.</summary>
public sealed record AddReceipts(Guid CallId, Guid ExpenseId, IReadOnlyList<UploadedFile> Receipts);

public sealed class ExpenseTermsValidator : AbstractValidator<ExpenseTerms>
{
    public ExpenseTermsValidator()
    {
        RuleFor(x => x.BudgetLine).InclusiveBetween(0, BudgetPlan.MaxLines - 1);
        RuleFor(x => x.Amount).InclusiveBetween(1, Amounts.Maximum).WithMessage("An expense is an amount above zero.");
        RuleFor(x => x.Label).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.Supplier).MaximumLength(SchemaConstants.NameLength);
    }
}

/// <summary>The files of one request: at most <see cref="AttachmentPolicy.MaxFilesPerOwner"/>, none missing; their content is the policy's.</summary>
public static class UploadRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<UploadedFile>?> AreAFewFiles<T>(this IRuleBuilder<T, IReadOnlyList<UploadedFile>?> rule) =>
        rule.Must(f => f is null || (f.Count <= AttachmentPolicy.MaxFilesPerOwner && f.All(x => x is not null)))
            .WithMessage($"Attach at most {AttachmentPolicy.MaxFilesPerOwner} files.");
}

public sealed class RecordExpenseValidator : AbstractValidator<RecordExpense>
{
    public RecordExpenseValidator()
    {
        RuleFor(x => x.Terms).NotNull().SetValidator(new ExpenseTermsValidator());
        RuleFor(x => x.Receipts).NotNull().AreAFewFiles();
    }
}

public sealed class CorrectExpenseValidator : AbstractValidator<CorrectExpense>
{
    public CorrectExpenseValidator() => RuleFor(x => x.Terms).NotNull().SetValidator(new ExpenseTermsValidator());
}

public sealed class RemoveExpenseValidator : AbstractValidator<RemoveExpense>
{
    public RemoveExpenseValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(SchemaConstants.NoteLength);
}

public sealed class AddReceiptsValidator : AbstractValidator<AddReceipts>
{
    public AddReceiptsValidator() => RuleFor(x => x.Receipts).NotNull().Must(r => r is { Count: > 0 }).WithMessage("Choose at least one file.").AreAFewFiles();
}
