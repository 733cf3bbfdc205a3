using System.Security.Claims;
using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Components.Pages.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using Microsoft.Extensions.DependencyInjection;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The call form (creation and editing), rendered by bunit; the last test runs the new-call page on the real service.</summary>
public sealed class CallFormTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;
    private readonly TestData _data;
    private readonly List<CallFormModel> _saved = [];

    public CallFormTests(AppFactory app)
    {
        _app = app;
        _data = new TestData(app);
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<CallForm> RenderForm(CallFormModel model, bool isNew, Func<CallFormModel, DomainError?>? answer = null) =>
        Render<CallForm>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.IsNew, isNew)
            .Add(c => c.SubmitText, "Créer l'appel")
            .Add(c => c.Save, m =>
            {
                _saved.Add(m);
                return Task.FromResult(answer?.Invoke(m));
            }));

    [Fact]
    public void The_slug_is_suggested_from_the_title_until_the_facilitator_types_one()
    {
        var cut = RenderForm(new CallFormModel(), isNew: true);

        cut.Find("#call-title").Input("Communs de la mobilité partagée");
        cut.Find("#call-slug").GetAttribute("value").ShouldBe("communs-de-la-mobilite-partagee");
        cut.Find("#call-slug-help").TextContent.ShouldContain("/calls/communs-de-la-mobilite-partagee");

        cut.Find("#call-slug").Input("mobilite-2026");
        cut.Find("#call-title").Input("Autre titre");

        cut.Find("#call-slug").GetAttribute("value").ShouldBe("mobilite-2026");
    }

    [Fact]
    public void What_the_facilitator_types_is_what_is_saved()
    {
        var model = new CallFormModel();
        var cut = RenderForm(model, isNew: true);

        cut.Find("#call-title").Input("Communs de la logistique");
        cut.Find("#call-summary").Input("Un appel **ouvert**.");
        cut.Find("#call-ecosystem").Input("Logistique urbaine");
        cut.Find("#call-currency").Change("CHF");
        cut.Find("#call-visibility").Change("MembersOnly");
        cut.Find("#call-date-Budgeting").Change(TestClock.IsoDay(98));
        cut.Find("#call-date-Framing").Change(TestClock.IsoDay(7));
        cut.Find("[data-testid=save-call]").Click();

        cut.WaitForAssertion(() => _saved.Count.ShouldBe(1));
        _saved[0].ToCreate().ShouldBe(new CreateCall("Communs de la logistique", "communs-de-la-logistique", "Un appel **ouvert**.", "Logistique urbaine", "CHF",
            CallVisibility.MembersOnly, [new PlannedDate(CallPhase.Framing, TestClock.Today.AddDays(7)), new PlannedDate(CallPhase.Budgeting, TestClock.Today.AddDays(98))]),
            new CreateCallComparer());
        cut.Find("#call-visibility-help").TextContent.ShouldContain("Seules les organisations invitées");
    }

    [Fact]
    public void The_summary_preview_renders_markdown_without_raw_html()
    {
        var cut = RenderForm(new CallFormModel(), isNew: true);
        cut.FindAll("[data-testid=summary-preview]").ShouldBeEmpty();

        cut.Find("#call-summary").Input("**Important** <script>alert(1)</script>");

        var preview = cut.Find("[data-testid=summary-preview]");
        preview.QuerySelector("strong")!.TextContent.ShouldBe("Important");
        preview.QuerySelector("script").ShouldBeNull();
    }

    [Fact]
    public void Field_errors_are_shown_next_to_their_fields_and_other_refusals_in_words()
    {
        var fields = new Dictionary<string, string[]> { ["Slug"] = ["Slug invalide."], ["PlannedDates"] = ["Dates dans le désordre."] };
        var answers = new Queue<DomainError>([new DomainError(ErrorCodes.Validation, "x", fields), new DomainError(ErrorCodes.DuplicateSlug, "taken")]);
        var cut = RenderForm(new CallFormModel(), isNew: true, _ => answers.Dequeue());

        cut.Find("[data-testid=save-call]").Click();

        cut.WaitForAssertion(() => cut.Find("#call-slug-error").TextContent.ShouldBe("Slug invalide."));
        cut.Find("#call-slug").GetAttribute("aria-describedby")!.Split(' ').ShouldContain("call-slug-error");
        cut.Find("#call-dates-error").TextContent.ShouldBe("Dates dans le désordre.");
        cut.FindAll("[data-testid=form-error]").ShouldBeEmpty();

        cut.Find("[data-testid=save-call]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=form-error]").TextContent.ShouldBe("Cette adresse d'appel est déjà utilisée."));
        cut.Find("#call-slug-error").HasAttribute("hidden").ShouldBeTrue();
    }

    [Fact]
    public void Editing_shows_the_current_values_and_no_slug_field()
    {
        var call = new Call("Communs de la mobilité", "communs-mobilite", "Résumé", "Valmont", "XOF", CallVisibility.MembersOnly, TestClock.Start);
        call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Commons, TestClock.Today.AddDays(70))]));

        var cut = RenderForm(CallFormModel.From(call), isNew: false);

        cut.FindAll("#call-slug").ShouldBeEmpty();
        cut.Find("#call-title").GetAttribute("value").ShouldBe("Communs de la mobilité");
        cut.Find("#call-currency").GetAttribute("value").ShouldBe("XOF");
        cut.Find("#call-date-Commons").GetAttribute("value").ShouldBe(TestClock.IsoDay(70));
        cut.Find("#call-date-Framing").GetAttribute("value").ShouldBeNullOrEmpty();

        cut.Find("#call-date-Commons").Change("");
        cut.Find("[data-testid=save-call]").Click();

        cut.WaitForAssertion(() => _saved.Single().ToEdit().PlannedDates!.ShouldBeEmpty());
    }

    [Fact]
    public async Task A_facilitator_creates_a_call_from_the_new_call_page()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var slug = "bunit-" + Guid.NewGuid().ToString("N")[..8];
        var cut = Render<NewCallPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, facilitator.UserId!), new Claim(ClaimTypes.Role, Roles.Facilitator)], "test"))))));

        cut.Find("#call-title").Input("Communs du vélo");
        cut.Find("#call-slug").Input(slug);
        cut.Find("#call-summary").Input("Résumé");
        cut.Find("#call-ecosystem").Input("Valmont");
        cut.Find("[data-testid=save-call]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldEndWith($"/calls/{slug}/edit"));
        await using var db = await _data.DbAsync();
        var call = await db.Calls.Include(c => c.Facilitators).SingleAsync(c => c.Slug == slug);
        call.IsFacilitator(facilitator.UserId!).ShouldBeTrue();

        cut.Find("[data-testid=save-call]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=form-error]").GetAttribute("data-code").ShouldBe(ErrorCodes.DuplicateSlug));
    }

    /// <summary>Records compare their lists by reference: compare the planned dates by value.</summary>
    private sealed class CreateCallComparer : IEqualityComparer<CreateCall>
    {
        public bool Equals(CreateCall? x, CreateCall? y) =>
            x is not null && y is not null
            && x with { PlannedDates = null } == y with { PlannedDates = null }
            && (x.PlannedDates ?? []).SequenceEqual(y.PlannedDates ?? []);

        public int GetHashCode(CreateCall obj) => obj.Slug.GetHashCode(StringComparison.Ordinal);
    }
}
