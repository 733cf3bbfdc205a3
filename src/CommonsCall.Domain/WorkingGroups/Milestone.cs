namespace CommonsCall.Domain.WorkingGroups;

/// <summary>An intermediate step of a commons' roadmap (jalon), owned by one organisation of its working group.</summary>
public sealed class Milestone
{
    private Milestone()
    {
        Title = string.Empty;
    }

    public Milestone(Guid commonsId, string title, DateOnly dueOn, Guid ownerOrganisationId, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CommonsId = commonsId;
        Title = title.Trim();
        DueOn = dueOn;
        OwnerOrganisationId = ownerOrganisationId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CommonsId { get; private set; }

    public string Title { get; private set; }

    public DateOnly DueOn { get; private set; }

    public Guid OwnerOrganisationId { get; private set; }

    public bool IsDone { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsLate(DateOnly today) => !IsDone && DueOn < today;

    public void Update(string title, DateOnly dueOn, Guid ownerOrganisationId, bool done, DateTimeOffset at)
    {
        Title = title.Trim();
        DueOn = dueOn;
        OwnerOrganisationId = ownerOrganisationId;
        if (done != IsDone)
        {
            IsDone = done;
            DoneAt = done ? at : null;
        }
    }
}
