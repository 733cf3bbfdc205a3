using CommonsCall.Domain.Challenges;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.EndToEnd.Tests.Layout;

/// <summary>A page of a journey, as one demo account (null: a visitor) opens it.</summary>
public sealed record JourneyPage(DemoAccount? Who, string Path, string Name);

/// <summary>
/// Every page the journeys go through, on the demo calls, as the demo accounts that use them: the visitor reading a
/// call, the member giving and proposing, the co-creator running its working group, the facilitator steering, the
/// funder watching, the administrator. The phone layout test and the screenshots walk this one list.
/// </summary>
public static class JourneyPages
{
    private const string Mobility = $"/calls/{DemoData.CallSlug}";
    private const string Round = $"/calls/{DemoData.RoundCallSlug}";

    public static async Task<IReadOnlyList<JourneyPage>> AllAsync(KestrelDemoApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var mobility = await db.Calls.AsNoTracking().SingleAsync(c => c.Slug == DemoData.CallSlug);
        var challenge = await db.Challenges.AsNoTracking().Where(c => c.CallId == mobility.Id && c.Status == ChallengeStatus.Published).OrderBy(c => c.Question).FirstAsync();
        var registre = await db.Commons.AsNoTracking().SingleAsync(c => c.CallId == mobility.Id && c.Title == "Registre de preuve de covoiturage");
        var covoitOuest = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Covoit'Ouest");
        var commons = $"{Mobility}/commons/{registre.Id}";

        JourneyPage[] visitor =
        [
            new(null, "/", "home"), new(null, "/calls", "calls"), new(null, "/account/login", "sign-in"),
            new(null, "/account/forgot-password", "forgotten-password"), new(null, Mobility, "call"),
            new(null, $"{Mobility}/challenges", "challenges"), new(null, $"{Mobility}/challenges/{challenge.Id}", "challenge"),
            new(null, $"{Mobility}/commons", "commons-list"), new(null, commons, "commons"), new(null, $"{Mobility}/map", "map"),
        ];
        JourneyPage[] member =
        [
            new(DemoData.MemberA, "/", "member-home"), new(DemoData.MemberA, Round, "member-call"),
            new(DemoData.MemberA, $"{Round}/funding", "co-funding"), new(DemoData.MemberA, $"{Round}/dashboard", "member-dashboard"),
            new(DemoData.MemberA, $"{Round}/reports", "reports"), new(DemoData.MemberA, $"{Mobility}/challenges/new", "new-challenge"),
            new(DemoData.MemberA, $"{Mobility}/commons/new", "propose-commons"), new(DemoData.MemberA, commons, "working-group"),
            new(DemoData.MemberA, "/organisations", "organisations"), new(DemoData.MemberA, $"/organisations/{covoitOuest.Id}", "organisation"),
            new(DemoData.MemberA, "/organisations/new", "new-organisation"), new(DemoData.MemberA, "/account/password", "password"),
            new(DemoData.MemberA, "/account/tokens", "access-tokens"),
        ];
        JourneyPage[] coCreator = [new(DemoData.MemberB, commons, "co-creator-commons")];
        JourneyPage[] facilitator =
        [
            new(DemoData.Facilitator, "/calls/new", "new-call"), new(DemoData.Facilitator, Round, "facilitator-call"),
            new(DemoData.Facilitator, $"{Round}/manage", "manage-round"), new(DemoData.Facilitator, $"{Round}/participants", "participants"),
            new(DemoData.Facilitator, $"{Round}/edit", "framing"), new(DemoData.Facilitator, $"{Round}/ledger", "ledger"),
            new(DemoData.Facilitator, $"{Round}/dashboard", "dashboard"), new(DemoData.Facilitator, $"{Mobility}/manage", "manage-commons"),
            new(DemoData.Facilitator, $"{Mobility}/map", "facilitator-map"), new(DemoData.Facilitator, $"{commons}/edit", "edit-commons"),
        ];
        JourneyPage[] funder =
        [
            new(DemoData.Funder, $"{Round}/funding", "funder-co-funding"), new(DemoData.Funder, $"{Round}/dashboard", "funder-dashboard"),
            new(DemoData.Funder, $"{Round}/ledger", "funder-ledger"),
        ];
        JourneyPage[] administrator =
        [
            new(DemoData.Administrator, "/admin/invitations", "invitations"), new(DemoData.Administrator, "/admin/mailbox", "mailbox"),
        ];
        return [.. visitor, .. member, .. coCreator, .. facilitator, .. funder, .. administrator];
    }

    /// <summary>
    /// Opens each page as its account (one browser context per account, signed in once), waits until it shows its
    /// content, and hands it to <paramref name="check"/>.
    /// </summary>
    public static async Task VisitAsync(BrowserPeople people, IEnumerable<JourneyPage> pages, ViewportSize viewport, Func<IPage, JourneyPage, Task> check)
    {
        foreach (var group in pages.GroupBy(p => p.Who))
        {
            var page = await people.OpenPageAsync(group.Key?.Email ?? "visitor", viewport);
            if (group.Key is { } account)
            {
                await page.SignInAsync(account);
            }

            foreach (var journeyPage in group)
            {
                await page.GotoAsync(journeyPage.Path);
                await page.WaitForInteractiveOrStaticAsync();
                await Assertions.Expect(page.Locator("[aria-busy=true]")).ToHaveCountAsync(0);

                // Sections drawn only once scrolled to (the dashboard's tables) are drawn now: the width check, the
                // accessibility check and the full-page picture then see the whole page, as a reader scrolling does.
                await page.AddStyleTagAsync(new() { Content = "* { content-visibility: visible !important; }" });
                await check(page, journeyPage);
            }
        }
    }

    /// <summary>Account pages render statically (no circuit): they are ready once loaded; the others once their circuit is up.</summary>
    private static async Task WaitForInteractiveOrStaticAsync(this IPage page)
    {
        if (new Uri(page.Url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal))
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            return;
        }

        await page.WaitForInteractiveAsync();
    }
}
