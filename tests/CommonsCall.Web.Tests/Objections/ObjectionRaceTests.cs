using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Objections;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Objections;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommonsCall.Web.Tests.Objections;

/// <summary>
/// A clock that moves one millisecond each time the app reads it, from where the test sets it: requests racing at the
/// end of an objection window read times on both sides of it, as real requests would.
/// </summary>
public sealed class TickingClock : TimeProvider
{
    private DateTimeOffset _from = TestClock.Start;
    private long _reads;

    public void Set(DateTimeOffset from)
    {
        _from = from;
        Interlocked.Exchange(ref _reads, 0);
    }

    public override DateTimeOffset GetUtcNow() => _from.AddMilliseconds(Interlocked.Increment(ref _reads));
}

/// <summary>The app with <see cref="TickingClock"/> in place of the test clock.</summary>
public sealed class TickingApp : AppFactory
{
    public TickingClock Ticking { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Ticking);
        });
    }
}

/// <summary>Issue 16: approval and objections submitted at once, across the end of the window.</summary>
public sealed class ObjectionRaceTests(TickingApp app) : IClassFixture<TickingApp>
{
    [Fact]
    public async Task Approval_racing_objections_at_the_end_of_the_window_never_leaves_an_approved_commons_with_an_open_objection_raised_inside_it()
    {
        var s = await CommonsScenario.CreateAsync(app, memberCount: 24);
        var objections = app.Services.GetRequiredService<ObjectionService>();
        var review = app.Services.GetRequiredService<CommonsReviewService>();
        var outcomes = new List<(bool Approved, int Accepted)>();
        for (var round = 0; round < 3; round++)
        {
            var commons = await s.ProposeAsync(s.Members[0], $"Registre {round}");
            (await objections.OpenWindowAsync(s.Facilitator, new OpenObjectionWindow(1) { CallId = s.Call.Id, CommonsId = commons })).Error.ShouldBeNull();
            var window = (await app.Services.GetRequiredService<ObjectionQueries>().ForCommonsAsync(s.Facilitator, s.Slug, commons))!.Window!;

            // 23 members object while the facilitator clicks "approve" 23 times; the clock crosses the window's end meanwhile.
            app.Ticking.Set(window.ClosesAt.AddMilliseconds(-25));
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var raises = s.Members.Skip(1).Select(m => Task.Run(async () =>
            {
                await start.Task;
                return await objections.RaiseAsync(m.User, new RaiseObjection(m.Id, "Le registre n'a pas de plan de maintenance au-delà d'un an.") { CallId = s.Call.Id, CommonsId = commons });
            })).ToList();
            var approvals = s.Members.Skip(1).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await review.ApproveAsync(s.Facilitator, new ApproveCommons(s.Call.Id, commons));
            })).ToList();
            start.SetResult();
            var raised = await Task.WhenAll(raises);
            var approved = await Task.WhenAll(approvals);

            raised.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).ShouldAllBe(c => c == ObjectionCodes.WindowClosed || c == ObjectionCodes.CommonsNotProposed);
            approved.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).ShouldAllBe(c => c == ObjectionCodes.WindowOpen || c == ObjectionCodes.ObjectionOpen);
            await using var db = await new TestData(app).DbAsync();
            var status = await db.Commons.Where(c => c.Id == commons).Select(c => c.Status).SingleAsync();
            var stored = await db.Set<Objection>().Where(o => o.CommonsId == commons).ToListAsync();
            stored.Count.ShouldBe(raised.Count(r => r.IsSuccess));
            stored.ShouldAllBe(o => o.RaisedAt < window.ClosesAt);
            if (status == CommonsStatus.ApprovedForFunding)
            {
                stored.ShouldBeEmpty("an approved commons has no open objection raised inside its window");
            }
            else
            {
                approved.ShouldAllBe(r => !r.IsSuccess);
            }

            outcomes.Add((status == CommonsStatus.ApprovedForFunding, stored.Count));
        }

        // The race really crossed the window's end: objections got in, or the approval did.
        outcomes.ShouldAllBe(o => o.Approved || o.Accepted > 0);
    }
}
