namespace CommonsCall.Domain.FollowUp;

/// <summary>What a holder spent and on which budget line of its commons: the terms it records and may correct.</summary>
/// <param name="BudgetLine">The line's position in the commons' budget plan, from 0 (lines are locked once the round opens).</param>
public sealed record ExpenseTerms(int BudgetLine, long Amount, DateOnly SpentOn, string Label, string? Supplier);

/// <summary>
/// Money a holder of a funded commons spent against one of its budget lines, with its receipts (attachments). Only
/// the organisation that recorded it corrects or removes it, and a removal keeps the row (and its receipts): nothing
/// is deleted. <see cref="ExpensePolicy"/> holds the rules.
/// </summary>
public sealed class Expense
{
    private Expense()
    {
        Label = RecordedByUserId = string.Empty;
    }

    internal Expense(Guid callId, Guid commonsId, Guid agreementId, Guid organisationId, string userId, ExpenseTerms terms, DateTimeOffset at)
        : this()
    {
        Id = Guid.CreateVersion7(at);
        CallId = callId;
        CommonsId = commonsId;
        AgreementId = agreementId;
        RecordedByOrganisationId = organisationId;
        RecordedByUserId = userId;
        RecordedAt = at;
        Apply(terms);
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public Guid AgreementId { get; private set; }

    /// <summary>The budget line's position in the commons' plan, from 0.</summary>
    public int BudgetLine { get; private set; }

    public long Amount { get; private set; }

    public DateOnly SpentOn { get; private set; }

    public string Label { get; private set; }

    public string? Supplier { get; private set; }

    public Guid RecordedByOrganisationId { get; private set; }

    public string RecordedByUserId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? CorrectedAt { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public string? RemovedReason { get; private set; }

    public bool IsRemoved => RemovedAt is not null;

    public ExpenseTerms Terms => new(BudgetLine, Amount, SpentOn, Label, Supplier);

    internal void Correct(ExpenseTerms terms, DateTimeOffset at)
    {
        Apply(terms);
        CorrectedAt = at;
    }

    internal void Remove(string reason, DateTimeOffset at)
    {
        RemovedAt = at;
        RemovedReason = reason.Trim();
    }

    private void Apply(ExpenseTerms terms)
    {
        BudgetLine = terms.BudgetLine;
        Amount = terms.Amount;
        SpentOn = terms.SpentOn;
        Label = terms.Label.Trim();
        Supplier = string.IsNullOrWhiteSpace(terms.Supplier) ? null : terms.Supplier.Trim();
    }
}
