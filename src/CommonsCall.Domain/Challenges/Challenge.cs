namespace CommonsCall.Domain.Challenges;

public enum ChallengeStatus
{
    Draft = 0,
    Published = 1,
    Archived = 2,
}

/// <summary>A micro-challenge: a concrete pain phrased as a question.</summary>
public sealed class Challenge
{
    public const int DefaultTargetCommunitySize = 20;

    private Challenge()
    {
        Question = Context = string.Empty;
    }

    public Challenge(Guid callId, Guid authorOrganisationId, string question, string context, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CallId = callId;
        AuthorOrganisationId = authorOrganisationId;
        Question = question;
        Context = context;
        Status = ChallengeStatus.Draft;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid AuthorOrganisationId { get; private set; }

    /// <summary>Always ends with a question mark.</summary>
    public string Question { get; private set; }

    public string Context { get; private set; }

    public ChallengeStatus Status { get; private set; }

    public int TargetCommunitySize { get; private set; } = DefaultTargetCommunitySize;

    public DateTimeOffset CreatedAt { get; private set; }

    public static bool IsQuestion(string text) => text.TrimEnd().EndsWith('?');

    public void Publish() => Status = ChallengeStatus.Published;
}
