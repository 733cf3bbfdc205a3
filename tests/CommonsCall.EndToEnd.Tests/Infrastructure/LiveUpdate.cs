namespace CommonsCall.EndToEnd.Tests.Infrastructure;

/// <summary>
/// How long a browser test waits for a live update pushed by another person's action. The product promises
/// about a second; the bench measures it across many open pages. A test only waits for the outcome, with room
/// for a machine busy with other work (CI may run beside a build).
/// </summary>
public static class LiveUpdate
{
    public static LocatorAssertionsToHaveTextOptions Wait { get; } = new() { Timeout = 30_000 };
}
