using CommonsCall.EndToEnd.Tests.Budgeting;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Infrastructure;

/// <summary>What people do again and again on a call's pages, in French, as they do it: by names and labels.</summary>
public static class CallPages
{
    /// <summary>A section link of the call's sub-navigation.</summary>
    public static ILocator CallNav(this IPage page, string section, string navigation = "Sections de l'appel") =>
        page.GetByRole(AriaRole.Navigation, new() { Name = navigation }).GetByRole(AriaRole.Link, new() { Name = section, Exact = true });

    /// <summary>
    /// Opens a section of the call's sub-navigation as a person does: on a wide screen the facilitators' own sections sit
    /// in the "Animation" menu, which is opened first, and opened again if the page renders afresh meanwhile (the circuit
    /// starting, or a change reloading it, closes it).
    /// </summary>
    public static async Task OpenSectionAsync(this IPage page, string section, string navigation = "Sections de l'appel")
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = navigation });
        var link = page.CallNav(section, navigation);
        var menu = nav.Locator("details.call-nav-more", new() { Has = page.Locator("a", new() { HasText = section }) });
        var summary = menu.Locator(":scope > summary");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await link.IsVisibleAsync())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the section \"{section}\" never showed");
            if (await menu.CountAsync() == 1 && await summary.IsVisibleAsync() && await menu.GetAttributeAsync("open") is null)
            {
                await summary.ClickAsync();
            }

            await Task.Delay(100);
        }

        await link.ClickAsync();
    }

    /// <summary>A commons' card on the co-funding page.</summary>
    public static ILocator CommonsCard(this IPage page, CommonsCall.Domain.Commons.Commons commons) =>
        page.Locator($"[data-testid=commons-card][data-commons='{commons.Id}']");

    /// <summary>From any page of the call, the facilitator opens its steering page and moves it to <paramref name="phase"/>.</summary>
    public static async Task MoveToNextPhaseAsync(this IPage page, string phase)
    {
        await page.OpenSectionAsync("Pilotage");
        await page.WaitForURLAsync("**/manage");
        var next = page.GetByRole(AriaRole.Button, new() { Name = $"Passer à l'étape : {phase}" });
        try
        {
            await Expect(next).ToBeEnabledAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            // Seen once under CI load: the address said /manage while the previous page stayed on screen (Blazor's
            // navigation raced the circuit). A person reloads; the run says so, so that it stays visible.
            Console.WriteLine($"The steering page did not come after the click ({page.Url}); reloading it.");
            await page.ReloadAsync();
        }

        await next.ClickAsync();
        await Expect(page.GetByTestId("manage-message")).ToHaveTextAsync("L'appel est passé à l'étape suivante.");
        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync(phase);
    }

    /// <summary>On the participants page, the facilitator invites an organisation as <paramref name="role"/> ("Membre", "Financeur").</summary>
    public static async Task InviteAsync(this IPage page, Representative organisation, string role)
    {
        await page.GetByLabel("Organisation", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = organisation.Name });
        await page.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        await Expect(page.GetByTestId("participants-message")).ToHaveTextAsync($"{organisation.Name} est invitée comme {role}.");
    }
}
