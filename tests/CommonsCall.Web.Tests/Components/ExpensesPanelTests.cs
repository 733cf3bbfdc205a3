using Bunit;
using CommonsCall.Web.Components.Pages.FollowUp;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Components;

/// <summary>Issue 15: the expenses panel of the follow-up page, rendered by bunit on the real services and PostgreSQL.</summary>
public sealed class ExpensesPanelTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public ExpensesPanelTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<FollowUpPage> RenderFollowUp(Actor user, FollowUpScenario s) =>
        Render<FollowUpPage>(p => p.Add(x => x.Slug, s.Budget.Call.Slug).Add(x => x.CommonsId, s.Funded.Id).AddCascadingValue(StateOf(user)));

    [Fact]
    public async Task A_holder_records_an_expense_with_a_receipt_and_the_funder_reads_it_against_the_plan()
    {
        var s = await FollowUpScenario.CreateAsync(_app);
        var cut = RenderFollowUp(s.Lead.User, s);
        cut.WaitForElement("[data-testid=expense-form]");
        cut.Find("[data-testid=expenses-empty]").TextContent.ShouldBe("Aucune dépense enregistrée pour l'instant.");

        cut.Find("#expense-new-amount").Input("120,50");
        cut.Find("#expense-new-label").Change("Hébergement du registre");
        cut.Find("#expense-new-supplier").Change("Hébergeur coopératif");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFiles.Pdf(), "facture-041.pdf", contentType: "application/pdf"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=expense-receipts-chosen]").TextContent.ShouldContain("facture-041.pdf"));
        cut.Find("[data-testid=expense-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=followup-message]").TextContent.ShouldBe("Dépense enregistrée."));
        // The message comes with the change; the list is read again just after it, so it is awaited too.
        cut.WaitForAssertion(() => cut.Find("[data-testid=expense-title]").TextContent.ShouldBe("Hébergement du registre"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=attachment-link]").TextContent.ShouldBe("facture-041.pdf"));
        cut.WaitForAssertion(() => Normalise(cut.Find("[data-testid=plan-line-spent]").TextContent).ShouldBe("120,50 €"));

        var funder = RenderFollowUp(s.Funder.User, s);
        funder.WaitForAssertion(() => Normalise(funder.Find("[data-testid=expenses-spent]").TextContent).ShouldBe("120,50 €"));
        funder.FindAll("[data-testid=expense-form]").ShouldBeEmpty();
        funder.FindAll("[data-testid=expense-correct]").ShouldBeEmpty();
        await using var db = await new TestData(_app).DbAsync();
        (await db.Attachments.Where(a => a.CallId == s.CallId).Select(a => a.Content).SingleAsync()).ShouldBe(TestFiles.Pdf());
    }

    [Fact]
    public async Task A_receipt_that_is_not_a_pdf_is_refused_in_words_and_nothing_is_recorded()
    {
        var s = await FollowUpScenario.CreateAsync(_app);
        var cut = RenderFollowUp(s.Lead.User, s);
        cut.WaitForElement("[data-testid=expense-form]");

        cut.Find("#expense-new-amount").Input("40");
        cut.Find("#expense-new-label").Change("Atelier");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFiles.Executable(), "facture.pdf", contentType: "application/pdf"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=expense-receipts-chosen]").TextContent.ShouldContain("facture.pdf"));
        cut.Find("[data-testid=expense-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=form-error]").GetAttribute("data-code").ShouldBe("file_content_mismatch"));
        cut.Find("[data-testid=expenses-empty]").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_member_who_holds_nothing_sees_no_expenses_panel()
    {
        var s = await FollowUpScenario.CreateAsync(_app);
        var cut = RenderFollowUp(s.Contributor.User, s);

        cut.WaitForElement("[data-testid=deliverables]");
        cut.FindAll("[data-testid=expenses]").ShouldBeEmpty();
    }

    private static string Normalise(string text) => text.Replace('\u202f', ' ').Replace('\u00a0', ' ').Trim();
}
