using CommonsCall.Domain.Guidance;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Guidance;
using CommonsCall.Web.Features.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Guidance;

/// <summary>
/// The seeded demo as its accounts find it (issue 14, item 4): each is told what to do now, and the tiers-lieux round's
/// pages are filled (reports, working groups, covers), not "Non renseigné".
/// </summary>
public sealed class DemoGuidanceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private async Task<Actor> AccountAsync(DemoAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(account.Email);
        return new Actor(user!.Id, false, account == DemoData.Facilitator);
    }

    private GuidanceQueries Guidance => app.Services.GetRequiredService<GuidanceQueries>();

    [Fact]
    public async Task Each_demo_account_is_told_its_next_step_in_the_round()
    {
        var lea = (await Guidance.ForCallAsync(await AccountAsync(DemoData.MemberA), DemoData.RoundCallSlug))!.Step;
        lea.Kind.ShouldBe(NextStepKind.SpreadBudget);
        lea.Amount.ShouldBe(50_000, "Covoit'Ouest has its 500 € still to spread");
        lea.Until.ShouldNotBeNull();

        var sophie = (await Guidance.ForCallAsync(await AccountAsync(DemoData.Funder), DemoData.RoundCallSlug))!.Step;
        sophie.Kind.ShouldBe(NextStepKind.WatchPledge);
        sophie.Amount.ShouldBe(50_000 * 10 + 200_000);

        (await Guidance.ForCallAsync(await AccountAsync(DemoData.Facilitator), DemoData.RoundCallSlug))!.Step.Kind.ShouldBe(NextStepKind.WatchRound);
        (await Guidance.ForCallAsync(await AccountAsync(DemoData.MemberA), DemoData.CallSlug))!.Step.Kind.ShouldBe(NextStepKind.AwaitRound);
        (await Guidance.ForCallAsync(Actor.Anonymous, DemoData.RoundCallSlug))!.Step.ShouldBe(NextStep.Nothing);

        var mine = await Guidance.ForMyCallsAsync(await AccountAsync(DemoData.MemberA));
        mine.Select(g => g.Slug).ShouldBe([DemoData.RoundCallSlug, DemoData.CallSlug], ignoreOrder: true);
    }

    [Fact]
    public async Task The_round_calls_reports_and_working_groups_are_filled_for_every_commons()
    {
        var report = (await app.Services.GetRequiredService<ReportQueries>().ForCallAsync(await AccountAsync(DemoData.MemberA), DemoData.RoundCallSlug)).Value!;

        report.Commons.Count.ShouldBe(5);
        foreach (var commons in report.Commons)
        {
            commons.WhoPays.ShouldNotBeEmpty(commons.Title);
            commons.WhoUses.ShouldNotBeEmpty(commons.Title);
            commons.WhoBenefits.ShouldNotBeEmpty(commons.Title);
            commons.Producers.ShouldNotBeEmpty(commons.Title);
            commons.Wanters.ShouldNotBeEmpty(commons.Title);
        }

        var queries = app.Services.GetRequiredService<CommonsQueries>();
        var list = (await queries.ListAsync(Actor.Anonymous, DemoData.RoundCallSlug))!;
        foreach (var card in list.Commons)
        {
            var detail = (await queries.DetailAsync(Actor.Anonymous, DemoData.RoundCallSlug, card.Id))!;
            detail.Challenges.ShouldNotBeEmpty(card.Title);
            detail.Cover.ShouldNotBeNull(card.Title);
            detail.Cover!.AltText.ShouldContain(card.Title);
            (detail.RepositoryUrl ?? detail.DocumentationUrl).ShouldNotBeNull(card.Title);
            detail.Governance.ShouldNotBeNull(card.Title);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var ids = list.Commons.Select(c => c.Id).ToList();
        (await db.Milestones.CountAsync(m => ids.Contains(m.CommonsId))).ShouldBeGreaterThanOrEqualTo(5);
        (await db.Meetings.CountAsync(m => ids.Contains(m.CommonsId))).ShouldBeGreaterThanOrEqualTo(6);
    }
}
