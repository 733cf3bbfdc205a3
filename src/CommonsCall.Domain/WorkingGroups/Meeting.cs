namespace CommonsCall.Domain.WorkingGroups;

/// <summary>A meeting of a commons' working group, past or planned.</summary>
public sealed class Meeting
{
    private Meeting()
    {
    }

    public Meeting(Guid commonsId, DateOnly on, string? note, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CommonsId = commonsId;
        On = on;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CommonsId { get; private set; }

    public DateOnly On { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
