using Bunit;
using CommonsCall.Web.Components.Pages.Budgeting;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The co-funding page's contribution field, rendered by bunit on the real services: an amount the member did not
/// type is never submitted, zero is confirmed first, and every accepted change is announced with what is left.
/// </summary>
public sealed class FundingPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public FundingPageTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private static string Euros(long cents) => Money.Format(cents, "EUR");

    /// <summary>Two members with 500 € each, an open round, and the second member already gives 100 € to the commons.</summary>
    private async Task<(BudgetScenario S, Member Giver, IRenderedComponent<FundingPage> Page)> GivingAsync()
    {
        var s = await BudgetScenario.CreateAsync(_app, memberCount: 2, pool: 100_000, rules: null, (50_000, 200_000));
        await s.OpenRoundAsync();
        var giver = s.Members[1];
        (await s.ContributeAsync(giver, s.Commons[0], 10_000)).Error.ShouldBeNull();
        var page = Render<FundingPage>(p => p.Add(x => x.Slug, s.Call.Slug).AddCascadingValue(StateOf(giver.User)));
        page.WaitForElement($"#give-{s.Commons[0].Id}");
        return (s, giver, page);
    }

    private static void Give(IRenderedComponent<FundingPage> page, Guid commonsId, string typed)
    {
        page.Find($"#give-{commonsId}").Input(typed);
        page.Find("[data-testid=give-submit]").Click();
    }

    [Fact]
    public async Task A_negative_amount_is_refused_next_to_the_field_and_the_contribution_stays()
    {
        var (s, giver, page) = await GivingAsync();
        var id = s.Commons[0].Id;

        Give(page, id, "-50");

        page.WaitForAssertion(() => page.Find("[data-testid=form-error]").TextContent.ShouldBe("Un montant ne peut pas être négatif : tapez 0 ou plus."));
        page.Find("[data-testid=form-error]").GetAttribute("data-code").ShouldBe(Money.NegativeAmount);
        var field = page.Find($"#give-{id}");
        field.GetAttribute("aria-invalid").ShouldBe("true");
        page.Find($"#{field.GetAttribute("aria-describedby")}").TextContent.ShouldContain("ne peut pas être négatif");
        page.FindAll("[data-testid=withdraw-confirm]").ShouldBeEmpty("a refused amount asks nothing");
        page.Find("[data-testid=give-confirmation]").TextContent.ShouldBeEmpty();
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(10_000);
    }

    [Fact]
    public async Task Amounts_that_cannot_be_read_exactly_are_refused_not_rounded()
    {
        var (s, giver, page) = await GivingAsync();
        var id = s.Commons[0].Id;

        Give(page, id, "12,345");
        page.WaitForAssertion(() => page.Find("[data-testid=form-error]").GetAttribute("data-code").ShouldBe(Money.TooPreciseAmount));

        Give(page, id, "cent");
        page.WaitForAssertion(() => page.Find("[data-testid=form-error]").TextContent.ShouldBe("Le montant doit être un nombre positif ou nul."));

        Give(page, id, "");
        page.WaitForAssertion(() => page.Find("[data-testid=form-error]").GetAttribute("data-code").ShouldBe("invalid_amount"));
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(10_000);
    }

    [Fact]
    public async Task Zero_asks_first_and_keeping_the_contribution_changes_nothing()
    {
        var (s, giver, page) = await GivingAsync();
        var id = s.Commons[0].Id;

        Give(page, id, "0");

        var confirm = page.WaitForElement("[data-testid=withdraw-confirm]");
        confirm.GetAttribute("role").ShouldBe("alertdialog");
        confirm.TextContent.ShouldContain($"Retirer vos {Euros(10_000)} de Commun 1 ?");
        page.FindAll("[data-testid=give-submit]").ShouldBeEmpty("the question replaces the buttons until it is answered");

        page.Find("[data-testid=withdraw-confirm-no]").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=withdraw-confirm]").ShouldBeEmpty());
        page.Find($"#give-{id}").GetAttribute("value").ShouldBe("100");
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(10_000);
    }

    [Fact]
    public async Task Zero_confirmed_withdraws_the_contribution_and_says_what_is_left()
    {
        var (s, giver, page) = await GivingAsync();
        var id = s.Commons[0].Id;

        Give(page, id, "0");
        page.WaitForElement("[data-testid=withdraw-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=give-confirmation]").TextContent.ShouldBe($"Contribution retirée de Commun 1 : il vous reste {Euros(50_000)}."));
        page.Find("[data-testid=budget-contributed]").TextContent.ShouldBe(Euros(0));
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(0);
    }

    [Fact]
    public async Task The_withdraw_button_asks_the_same_question()
    {
        var (s, giver, page) = await GivingAsync();

        page.Find("[data-testid=give-withdraw]").Click();

        page.WaitForElement("[data-testid=withdraw-confirm]").TextContent.ShouldContain($"Retirer vos {Euros(10_000)} de Commun 1 ?");
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(10_000);
    }

    [Fact]
    public async Task An_accepted_change_is_announced_in_a_live_region_with_what_is_left()
    {
        var (s, giver, page) = await GivingAsync();
        var id = s.Commons[0].Id;

        Give(page, id, "150");

        page.WaitForAssertion(() => page.Find("[data-testid=give-confirmation]").TextContent
            .ShouldBe($"Contribution enregistrée : {Euros(15_000)} à Commun 1, il vous reste {Euros(35_000)}."));
        var region = page.Find("[data-testid=give-confirmation]");
        region.GetAttribute("role").ShouldBe("status");
        region.GetAttribute("aria-live").ShouldBe("polite");
        page.Find("[data-testid=budget-available]").TextContent.ShouldBe(Euros(35_000));
        (await s.BudgetOfAsync(giver)).Contributed.ShouldBe(15_000);

        Give(page, id, "150");
        page.WaitForAssertion(() => page.Find("[data-testid=give-confirmation]").TextContent
            .ShouldBe($"Rien n'a changé : votre contribution à Commun 1 reste de {Euros(15_000)}."));
    }

    [Fact]
    public async Task A_negative_pledge_is_refused_next_to_its_field()
    {
        var s = await BudgetScenario.CreateAsync(_app, memberCount: 1, pool: 0, rules: null, (50_000, 200_000));
        var page = Render<FundingPage>(p => p.Add(x => x.Slug, s.Call.Slug).AddCascadingValue(StateOf(s.Funder.User)));

        page.WaitForElement("#pledge-amount").Input("-3000");
        page.Find("[data-testid=pledge-submit]").Click();

        page.WaitForAssertion(() => page.Find("#pledge-error [data-testid=form-error]").GetAttribute("data-code").ShouldBe(Money.NegativeAmount));
        page.Find("#pledge-amount").GetAttribute("aria-describedby").ShouldBe("pledge-error");
    }
}
