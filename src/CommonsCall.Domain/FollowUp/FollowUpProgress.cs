namespace CommonsCall.Domain.FollowUp;

/// <summary>A milestone of a commons' roadmap as the follow-up counts it: done once its deliverable is accepted or its working group marked it done.</summary>
public sealed record MilestoneMark(Guid Id, string Title, DateOnly DueOn, bool Done);

/// <summary>How far a funded commons is: milestones done out of all, the next one to deliver, and the late ones.</summary>
public sealed record MilestoneProgress(int Done, int Total, MilestoneMark? Next, IReadOnlyList<MilestoneMark> Late);

/// <summary>The follow-up's reading of a roadmap, the same on the commons' follow-up page and on the funders' dashboard.</summary>
public static class FollowUpProgress
{
    /// <summary>A milestone is late when it is not done, its date is past, and its commons is still followed (neither delivered nor cancelled).</summary>
    public static bool IsLate(bool done, DateOnly dueOn, DateOnly today, bool agreementClosed) => !done && !agreementClosed && dueOn < today;

    /// <summary>The progress of a roadmap: the next milestone is the earliest not done (by date, then title), late or not.</summary>
    public static MilestoneProgress Of(IEnumerable<MilestoneMark> milestones, DateOnly today, bool agreementClosed)
    {
        var ordered = milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Title, StringComparer.Ordinal).ToList();
        var open = ordered.Where(m => !m.Done).ToList();
        return new MilestoneProgress(
            ordered.Count - open.Count,
            ordered.Count,
            agreementClosed ? null : open.FirstOrDefault(),
            [.. open.Where(m => IsLate(m.Done, m.DueOn, today, agreementClosed))]);
    }
}
