using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>Expenses, receipts and evidence files through the HTTP API: JSON for the terms, multipart for the files, downloads as attachments.</summary>
public sealed class ExpenseApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The paths of attachments and expenses in the OpenAPI document.</summary>
    public static readonly string[] Paths =
    [
        "/api/v1/calls/{slug}/attachments/{attachmentId}", "/api/v1/calls/{slug}/spending", "/api/v1/calls/{slug}/commons/{commonsId}/spending",
        "/api/v1/calls/{slug}/commons/{commonsId}/expenses", "/api/v1/calls/{slug}/exports/expenses.csv", "/api/v1/calls/{slug}/expenses/{expenseId}",
        "/api/v1/calls/{slug}/expenses/{expenseId}/removal", "/api/v1/calls/{slug}/expenses/{expenseId}/receipts",
        "/api/v1/calls/{slug}/commons/{commonsId}/agreement/milestones/{milestoneId}/evidence",
    ];

    [Fact]
    public async Task A_holder_records_an_expense_uploads_a_receipt_and_the_funder_downloads_it_as_an_attachment_never_sniffed()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var call = $"/api/v1/calls/{s.Budget.Call.Slug}";
        using var lead = await ApiClient.ForAsync(app, s.Lead.User);
        using var funder = await ApiClient.ForAsync(app, s.Funder.User);

        var created = await lead.PostAsJsonAsync($"{call}/commons/{s.Funded.Id}/expenses", new
        {
            organisationId = s.Lead.Id, budgetLine = 0, amount = 12_000L, spentOn = TestClock.IsoDay(-1), label = "Hébergement du registre",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var pdf = TestFiles.Pdf();
        (await lead.PostAsync($"{call}/expenses/{id}/receipts", TestFiles.Form("receipts", [("facture été.pdf", pdf, "application/pdf")]))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var spending = await (await funder.GetAsync($"{call}/commons/{s.Funded.Id}/spending")).JsonAsync();
        spending.GetProperty("spending").GetProperty("lines")[0].GetProperty("spent").GetInt64().ShouldBe(12_000);
        var listed = await (await funder.GetAsync($"{call}/commons/{s.Funded.Id}/expenses")).JsonAsync();
        var url = listed.GetProperty("expenses")[0].GetProperty("receipts")[0].GetProperty("url").GetString()!;
        var download = await funder.GetAsync(url);

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("facture été.pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await (await lead.GetAsync($"{call}/exports/expenses.csv")).Content.ReadAsStringAsync()).ShouldContain("forbidden");
        (await funder.GetStringAsync($"{call}/exports/expenses.csv")).ShouldContain("Hébergement du registre");
    }

    [Fact]
    public async Task Uploads_over_10_mb_or_lying_about_their_type_are_refused_with_their_code_and_attach_nothing()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        var call = $"/api/v1/calls/{s.Budget.Call.Slug}";
        using var lead = await ApiClient.ForAsync(app, s.Lead.User);
        var evidence = $"{call}/commons/{s.Funded.Id}/agreement/milestones/{s.SecondMilestone.Id}/evidence";
        (string, string) org = ("organisationId", s.Lead.Id.ToString());

        await (await lead.PostAsync(evidence, TestFiles.Form("files", [("rapport.pdf", [.. TestFiles.Pdf(), .. new byte[FieldLimits.MaxAttachmentBytes]], "application/pdf")], org)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.FileTooLarge);
        await (await lead.PostAsync(evidence, TestFiles.Form("files", [("rapport.pdf", TestFiles.Executable(), "application/pdf")], org)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.FileContentMismatch);
        await (await lead.PostAsync(evidence, TestFiles.Form("files", [("page.html", "<html></html>"u8.ToArray(), "text/html")], org)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.FileTypeNotAllowed);
        await (await lead.PostAsJsonAsync($"{call}/commons/{s.Funded.Id}/expenses", new
        {
            organisationId = s.Lead.Id, budgetLine = 0, amount = -100L, spentOn = TestClock.IsoDay(-1), label = "Remboursement",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        (await lead.PostAsync(evidence, TestFiles.Form("files", [("capture.png", TestFiles.Png(), "image/png")], org))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var milestone = (await s.Queries.GetAsync(s.Facilitator, s.CallId, s.Funded.Id))!.Milestones.Single(m => m.MilestoneId == s.SecondMilestone.Id);
        milestone.Files.Select(f => f.FileName).ShouldBe(["capture.png"]);
    }
}
