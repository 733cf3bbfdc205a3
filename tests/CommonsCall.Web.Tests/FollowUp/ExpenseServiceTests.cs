using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>
/// Issue 15: the holders of a funded commons record what they spend per budget line with receipts stored in
/// PostgreSQL; funders and facilitators read the plan against the spending; nothing is deleted.
/// </summary>
public sealed class ExpenseServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private ExpenseService Expenses => app.Services.GetRequiredService<ExpenseService>();

    private ExpenseQueries Queries => app.Services.GetRequiredService<ExpenseQueries>();

    private AttachmentQueries Files => app.Services.GetRequiredService<AttachmentQueries>();

    private static ExpenseTerms Hosting(long amount = 12_000) => new(0, amount, TestClock.Today.AddDays(-2), "Hébergement du registre", "Hébergeur coopératif");

    private static RecordExpense Record(FollowUpScenario s, Member by, ExpenseTerms terms, params UploadedFile[] receipts) =>
        new(s.CallId, s.Funded.Id, by.Id, terms, receipts);

    [Fact]
    public async Task A_holder_records_an_expense_with_its_receipt_and_the_funder_sees_planned_against_actual()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var pdf = TestFiles.Pdf();

        var id = (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(), TestFiles.Receipt("facture-041.pdf", pdf)))).Succeeded();
        (await Expenses.RecordAsync(s.Associate.User, Record(s, s.Associate, Hosting(30_000) with { Label = "Atelier utilisateurs" }))).Succeeded();

        var spending = (await Queries.PlannedVsActualAsync(s.Funder.User, s.CallId, s.Funded.Id)).Succeeded().Spending;
        spending.Lines.Select(l => (l.Description, l.Minimum, l.Maximum, l.Spent, l.Expenses)).ShouldBe([("Développement", 100_000L, 1_000_000L, 42_000L, 2)]);
        (spending.Spent, spending.Award, spending.Paid).ShouldBe((42_000L, FollowUpScenario.Award, 0L));
        var listed = (await Queries.ListAsync(s.Facilitator, s.CallId, s.Funded.Id)).Succeeded();
        var receipt = listed.Expenses.Single(e => e.Id == id).Receipts.ShouldHaveSingleItem();
        (receipt.FileName, receipt.ContentType, receipt.Size).ShouldBe(("facture-041.pdf", "application/pdf", (long)pdf.Length));
        var download = (await Files.DownloadAsync(s.Funder.User, s.CallId, receipt.Id)).Succeeded();
        download.Content.ShouldBe(pdf);
        download.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
    }

    [Fact]
    public async Task Correcting_and_removing_keep_the_expense_listed_and_audit_each_change()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var id = (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting()))).Succeeded();

        (await Expenses.CorrectAsync(s.Lead.User, new CorrectExpense(s.CallId, id, Hosting(11_500)))).Error.ShouldBeNull();
        (await Expenses.RemoveAsync(s.Lead.User, new RemoveExpense(s.CallId, id, "Saisie en double"))).Error.ShouldBeNull();
        (await Expenses.CorrectAsync(s.Lead.User, new CorrectExpense(s.CallId, id, Hosting(9_000)))).Error!.Code.ShouldBe(ErrorCodes.ExpenseRemoved);

        var listed = (await Queries.ListAsync(s.Funder.User, s.CallId, s.Funded.Id)).Succeeded();
        listed.Expenses.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => (e.Amount, e.RemovedReason).ShouldBe((11_500L, "Saisie en double")),
            e => e.CorrectedAt.ShouldNotBeNull());
        listed.Summary.Spending.Spent.ShouldBe(0);
        await using var db = await new TestData(app).DbAsync();
        (await db.Audit.Where(a => a.CallId == s.CallId && a.Action.StartsWith("expense.")).OrderBy(a => a.At).Select(a => a.Action).ToListAsync())
            .ShouldBe(["expense.recorded", "expense.corrected", "expense.removed"]);
    }

    [Fact]
    public async Task Only_holders_record_and_only_the_recording_organisation_changes_its_expense()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var id = (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting()))).Succeeded();

        (await Expenses.RecordAsync(s.Contributor.User, Record(s, s.Contributor, Hosting()))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Expenses.RecordAsync(s.Funder.User, Record(s, s.Lead, Hosting()))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Expenses.RecordAsync(s.Facilitator, Record(s, s.Lead, Hosting()))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Expenses.CorrectAsync(s.Associate.User, new CorrectExpense(s.CallId, id, Hosting(1)))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Expenses.RemoveAsync(s.Associate.User, new RemoveExpense(s.CallId, id, "Pas à nous"))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Expenses.AddReceiptsAsync(s.Contributor.User, new AddReceipts(s.CallId, id, [TestFiles.Receipt()]))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        (await Queries.ListAsync(s.Lead.User, s.CallId, s.Funded.Id)).Succeeded().Expenses.ShouldHaveSingleItem().Amount.ShouldBe(12_000);
    }

    [Fact]
    public async Task A_receipt_that_is_not_what_its_name_says_refuses_the_whole_expense()
    {
        var s = await FollowUpScenario.CreateAsync(app);

        (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(), TestFiles.Receipt(), TestFiles.Receipt("facture.pdf", TestFiles.Executable()))))
            .Error!.Code.ShouldBe(ErrorCodes.FileContentMismatch);
        (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(), TestFiles.Receipt("facture.pdf", new byte[FieldLimits.MaxAttachmentBytes + 1]))))
            .Error!.Code.ShouldBe(ErrorCodes.FileTooLarge);
        (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(-5)))).Error!.Code.ShouldBe(ErrorCodes.Validation);

        await using var db = await new TestData(app).DbAsync();
        (await db.Expenses.CountAsync(e => e.CallId == s.CallId)).ShouldBe(0);
        (await db.Attachments.CountAsync(a => a.CallId == s.CallId)).ShouldBe(0);
    }

    [Fact]
    public async Task Expenses_need_a_funded_commons_and_a_cancelled_one_takes_no_new_expense_but_keeps_its_own()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var id = (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting()))).Succeeded();
        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, "Le porteur s'est retiré."))).Error.ShouldBeNull();

        (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting()))).Error!.Code.ShouldBe(ErrorCodes.AgreementClosed);
        (await Expenses.RecordAsync(s.Lead.User, new RecordExpense(s.CallId, s.NotFunded.Id, s.Lead.Id, Hosting(), []))).Error!.Code.ShouldBe(ErrorCodes.NoAgreement);
        (await Expenses.CorrectAsync(s.Lead.User, new CorrectExpense(s.CallId, id, Hosting(10_000)))).Error.ShouldBeNull();
        (await Queries.PlannedVsActualAsync(s.Facilitator, s.CallId, s.NotFunded.Id)).Error!.Code.ShouldBe(ErrorCodes.NoAgreement);
        (await Queries.ListAsync(s.Lead.User, s.CallId, s.Funded.Id)).Succeeded().RecordFor.ShouldBeEmpty();
    }

    [Fact]
    public async Task Members_who_hold_nothing_see_no_expense_or_receipt_and_another_call_s_ids_are_not_found()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var other = await FollowUpScenario.CreateAsync(app);
        var id = (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(), TestFiles.Receipt()))).Succeeded();
        var receipt = (await Queries.ListAsync(s.Lead.User, s.CallId, s.Funded.Id)).Succeeded().Expenses.Single().Receipts.Single();

        (await Queries.ListAsync(s.Contributor.User, s.CallId, s.Funded.Id)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Queries.PlannedVsActualAsync(s.Contributor.User, s.CallId)).Succeeded().ShouldBeEmpty();
        (await Queries.PlannedVsActualAsync(s.Funder.User, s.CallId)).Succeeded().Select(c => c.CommonsId).ShouldBe([s.Funded.Id]);
        (await Files.DownloadAsync(s.Contributor.User, s.CallId, receipt.Id)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Files.DownloadAsync(other.Facilitator, other.CallId, receipt.Id)).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Expenses.CorrectAsync(other.Lead.User, new CorrectExpense(other.CallId, id, Hosting(1)))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Expenses.RecordAsync(s.Lead.User, new RecordExpense(other.CallId, s.Funded.Id, s.Lead.Id, Hosting(), []))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_holder_declares_a_milestone_done_with_a_file_only_and_the_facilitator_downloads_it()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        var png = TestFiles.Png();

        (await s.Agreements.DeclareDoneAsync(s.Associate.User, new DeclareMilestoneDone(
            s.CallId, s.Funded.Id, s.SecondMilestone.Id, s.Associate.Id, [], [new("capture-beta.png", "image/png", png)]))).Error.ShouldBeNull();

        var milestone = (await s.Queries.GetAsync(s.Facilitator, s.CallId, s.Funded.Id))!.Milestones.Single(m => m.MilestoneId == s.SecondMilestone.Id);
        milestone.State.ShouldBe(DeliverableState.Declared);
        var file = milestone.Files.ShouldHaveSingleItem();
        file.FileName.ShouldBe("capture-beta.png");
        (await Files.DownloadAsync(s.Facilitator, s.CallId, file.Id)).Succeeded().Content.ShouldBe(png);
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();
    }

    [Fact]
    public async Task A_declaration_with_an_executable_named_pdf_is_refused_and_stays_undeclared()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();

        (await s.Agreements.DeclareDoneAsync(s.Lead.User, new DeclareMilestoneDone(
            s.CallId, s.Funded.Id, s.SecondMilestone.Id, s.Lead.Id, ["https://git.example/v1"], [TestFiles.Receipt("rapport.pdf", TestFiles.Executable())]))).Error!.Code.ShouldBe(ErrorCodes.FileContentMismatch);

        (await s.Queries.GetAsync(s.Facilitator, s.CallId, s.Funded.Id))!.Milestones.Single(m => m.MilestoneId == s.SecondMilestone.Id).State.ShouldBeNull();
    }

    [Fact]
    public async Task The_csv_of_the_expenses_is_for_facilitators_and_funders()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        (await Expenses.RecordAsync(s.Lead.User, Record(s, s.Lead, Hosting(), TestFiles.Receipt("facture-041.pdf")))).Succeeded();
        var exports = app.Services.GetRequiredService<ExpenseExports>();
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");

        var csv = System.Text.Encoding.UTF8.GetString((await exports.CsvAsync(s.Funder.User, s.CallId)).Succeeded().Content);
        csv.ShouldContain("Hébergement du registre");
        csv.ShouldContain("facture-041.pdf");
        csv.ShouldContain("120,00");
        (await exports.CsvAsync(s.Lead.User, s.CallId)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }
}
