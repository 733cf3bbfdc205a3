using CommonsCall.Domain.Attachments;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>The demo call in follow-up has expenses with real receipts: what the demo funder reads against the plan.</summary>
public sealed class DemoExpensesTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task The_demo_funder_reads_spending_per_line_with_receipts_that_are_real_pdf_and_png_files()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sophie = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoData.Funder.Email);
        var funder = new Actor(sophie!.Id, IsAdministrator: false, IsFacilitator: false);
        await using var db = await new TestData(app).DbAsync();
        var callId = await db.Calls.Where(c => c.Slug == DemoData.FollowUpCallSlug).Select(c => c.Id).SingleAsync();

        var all = (await app.Services.GetRequiredService<ExpenseQueries>().ListAsync(funder, callId)).Succeeded();

        var tripLog = all.Single(c => c.Summary.CommonsTitle == DemoData.FollowUpCommons.TripLog);
        tripLog.Summary.Spending.Lines.Select(l => l.Spent).ShouldBe([854_250L, 36_000L]);
        tripLog.Summary.Spending.Spent.ShouldBeLessThanOrEqualTo(tripLog.Summary.Spending.Paid);
        var account = all.Single(c => c.Summary.CommonsTitle == DemoData.FollowUpCommons.MobilityAccount);
        account.Expenses.Count(e => e.RemovedAt is not null).ShouldBe(1, "the duplicate its holder removed stays listed");
        account.Summary.Spending.Spent.ShouldBe(1_380_000);
        var receipts = all.SelectMany(c => c.Expenses).SelectMany(e => e.Receipts).ToList();
        receipts.Count.ShouldBe(8);
        receipts.Select(r => r.ContentType).Distinct().ShouldBe(["application/pdf", "image/png"], ignoreOrder: true);
        foreach (var receipt in receipts)
        {
            var file = (await app.Services.GetRequiredService<AttachmentQueries>().DownloadAsync(funder, callId, receipt.Id)).Succeeded();
            AttachmentPolicy.Check(new UploadedFile(file.FileName, file.ContentType, file.Content)).Error.ShouldBeNull(file.FileName);
        }
    }
}
