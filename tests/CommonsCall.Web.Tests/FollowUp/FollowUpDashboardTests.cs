using System.Globalization;
using System.Net;
using System.Text;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>
/// The funders' follow-up dashboard (issue 15) on the real PostgreSQL: its figures per commons and per funder as the
/// agreement moves (payments, a cancellation half paid, a correction), who sees what, the payments CSV, and the live
/// announcements its page follows.
/// </summary>
public sealed class FollowUpDashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/follow-up"),
        ("get", "/api/v1/calls/{slug}/exports/payments.csv"),
    ];

    private FollowUpDashboard Dashboard => app.Services.GetRequiredService<FollowUpDashboard>();

    [Fact]
    public async Task A_commons_is_followed_from_funded_to_half_paid_with_its_progress_next_and_late_milestones()
    {
        var s = await FollowUpScenario.CreateAsync(app);

        var funded = (await SummaryAsync(s, s.Facilitator)).Commons.ShouldHaveSingleItem();
        (funded.Title, funded.Status, funded.MilestonesDone, funded.Milestones, funded.Award, funded.Paid).ShouldBe((s.Funded.Title, AgreementStatus.Funded, 0, 2, 150_000L, 0L));
        funded.Lead.Id.ShouldBe(s.Lead.Id);
        funded.Next.ShouldBe(new FollowUpMilestone(s.SecondMilestone.Id, "Version bêta publiée", s.SecondMilestone.DueOn));
        funded.Late.Select(m => m.Id).ShouldBe([s.SecondMilestone.Id]);

        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();

        var summary = await SummaryAsync(s, s.Funder.User);
        var row = summary.Commons.ShouldHaveSingleItem();
        (row.Status, row.MilestonesDone, row.Milestones, row.Paid, row.Remaining, row.Late.Count).ShouldBe((AgreementStatus.InProgress, 1, 2, 105_000L, 45_000L, 0));
        row.Next!.Id.ShouldBe(s.Delivery.Id);
        (summary.Award, summary.Paid, summary.LateMilestones).ShouldBe((150_000L, 105_000L, 0));

        // The one funder pledged the whole pool and the members gave only their grants: the commons is all its money.
        var funder = summary.Funders.ShouldHaveSingleItem();
        (funder.Funder.Id, funder.Pledged, funder.Part, funder.Paid, funder.ReturnedToPool).ShouldBe((s.Funder.Id, 400_000L, 150_000L, 105_000L, 0L));
        funder.Unspent.ShouldBe(250_000, "the pool the members did not spend: 100,000 of the lead's grant and 50,000 of each giver's");
        funder.Commons.ShouldHaveSingleItem().StillToPay.ShouldBe(45_000);
        row.Spent.ShouldBe(0);

        // What the holders spent: expenses count, a removed one does not.
        var expenses = app.Services.GetRequiredService<ExpenseService>();
        ExpenseTerms Hosting(long amount) => new(0, amount, TestClock.Today.AddDays(-1), "Hébergement du registre", null);
        (await expenses.RecordAsync(s.Lead.User, new RecordExpense(s.CallId, s.Funded.Id, s.Lead.Id, Hosting(12_000), []))).Error.ShouldBeNull();
        var twice = await expenses.RecordAsync(s.Lead.User, new RecordExpense(s.CallId, s.Funded.Id, s.Lead.Id, Hosting(9_000), []));
        (await expenses.RemoveAsync(s.Lead.User, new RemoveExpense(s.CallId, twice.Value, "Saisie en double"))).Error.ShouldBeNull();
        (await SummaryAsync(s, s.Funder.User)).Commons.ShouldHaveSingleItem().Spent.ShouldBe(12_000);
    }

    [Fact]
    public async Task After_a_cancellation_half_paid_the_unpaid_tranche_shows_as_returned_to_the_pool_and_nothing_is_late()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, "Le porteur s'est retiré."))).Error.ShouldBeNull();

        var summary = await SummaryAsync(s, s.Facilitator);
        var row = summary.Commons.ShouldHaveSingleItem();
        (row.Status, row.Paid, row.ReturnedToPool, row.Remaining, row.Next, row.Late.Count).ShouldBe((AgreementStatus.Cancelled, 45_000L, 105_000L, 0L, (FollowUpMilestone?)null, 0));
        (summary.ReturnedToPool, summary.LateMilestones).ShouldBe((105_000L, 0));
        var part = summary.Funders.ShouldHaveSingleItem().Commons.ShouldHaveSingleItem();
        (part.Part, part.Paid, part.ReturnedToPool, part.StillToPay, part.Status).ShouldBe((150_000L, 45_000L, 105_000L, 0L, AgreementStatus.Cancelled));
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_correction_the_award_and_each_funders_part_follow_it()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.Agreements.CorrectAsync(s.Facilitator, new CorrectAward(s.CallId, s.Funded.Id, 160_000, "Abondement oublié à la clôture"))).Error.ShouldBeNull();

        var summary = await SummaryAsync(s, s.Funder.User);
        var row = summary.Commons.ShouldHaveSingleItem();
        (row.Award, row.Paid, row.Remaining).ShouldBe((160_000L, 45_000L, 115_000L));
        var part = summary.Funders.ShouldHaveSingleItem().Commons.ShouldHaveSingleItem();
        (part.Part, part.Paid, part.StillToPay).ShouldBe((160_000L, 45_000L, 115_000L));
    }

    [Fact]
    public async Task Members_see_the_commons_but_not_the_funders_nor_the_payments_and_outsiders_see_nothing()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        var outsider = await new TestData(app).UserAsync();

        var member = await SummaryAsync(s, s.Contributor.User);
        member.Commons.ShouldHaveSingleItem().Paid.ShouldBe(45_000);
        (member.Funders.Count, member.SeesPayments).ShouldBe((0, false));
        (await Dashboard.PaymentsAsync(s.Contributor.User, s.CallId)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Dashboard.SummaryAsync(outsider, s.Budget.Call.Slug)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Dashboard.SummaryAsync(s.Funder.User, "no-such-call")).Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_payments_carry_their_tranche_and_the_number_the_ledger_gives_them()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();

        var payments = (await Dashboard.PaymentsAsync(s.Funder.User, s.CallId)).Value.ShouldNotBeNull();

        payments.Select(p => (p.TranchePosition, p.MilestoneTitle, p.Amount, p.Lead.Id, p.CommonsId))
            .ShouldBe([(1, null, 45_000L, s.Lead.Id, s.Funded.Id), (2, "Version bêta publiée", 60_000L, s.Lead.Id, s.Funded.Id)]);
        var ledger = (await app.Services.GetRequiredService<BudgetQueries>().LedgerAsync(s.Funder.User, s.CallId)).ShouldNotBeNull();
        var paymentNumbers = ledger.Where(l => l.Kind == Domain.Budgeting.LedgerEntryKind.Payment).Select(l => l.Number).Order();
        payments.Select(p => p.LedgerNumber).ShouldBe(paymentNumbers);
    }

    [Fact]
    public async Task The_payments_csv_opens_in_a_French_spreadsheet_with_ids_amounts_and_ledger_numbers_and_is_refused_to_members()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        using var funder = await ApiClient.ForAsync(app, s.Funder.User);
        using var member = await ApiClient.ForAsync(app, s.Contributor.User);
        var url = $"/api/v1/calls/{s.Budget.Call.Slug}/exports/payments.csv";

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c=fr|uic=fr");
        using var response = await funder.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe([0xEF, 0xBB, 0xBF]);
        var rows = CsvRecords.Read(Encoding.UTF8.GetString(bytes.AsSpan(3))).Select(r => r.Fields).ToList();
        rows[0].ShouldBe(["Date (UTC)", "Identifiant du commun", "Commun", "Identifiant du porteur pilote", "Porteur pilote", "Tranche", "Jalon", "Montant (EUR)", "N° d'écriture au journal"]);
        var payment = rows.Skip(1).ShouldHaveSingleItem();
        payment.Skip(1).Take(6).ShouldBe([s.Funded.Id.ToString(), s.Funded.Title, s.Lead.Id.ToString(), s.Lead.Organisation.Name, "1", "Au démarrage"]);
        payment[7].ShouldBe("450,00");
        long.Parse(payment[8], CultureInfo.InvariantCulture).ShouldBe((await Dashboard.PaymentsAsync(s.Funder.User, s.CallId)).Value!.Single().LedgerNumber);
        DateTimeOffset.Parse(payment[0] + "Z", CultureInfo.InvariantCulture).ShouldBe(app.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));

        await (await member.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task The_summary_api_gives_the_figures_and_hides_the_funders_from_members()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        using var funder = await ApiClient.ForAsync(app, s.Funder.User);
        using var member = await ApiClient.ForAsync(app, s.Contributor.User);
        var url = $"/api/v1/calls/{s.Budget.Call.Slug}/follow-up";

        var body = await (await funder.GetAsync(url)).ShouldBeOkAsync();
        (body.GetProperty("award").GetInt64(), body.GetProperty("paid").GetInt64(), body.GetProperty("lateMilestones").GetInt32()).ShouldBe((150_000L, 45_000L, 1));
        var commons = body.GetProperty("commons")[0];
        (commons.GetProperty("status").GetString(), commons.GetProperty("milestonesDone").GetInt32(), commons.GetProperty("milestones").GetInt32()).ShouldBe(("InProgress", 0, 2));
        body.GetProperty("funders")[0].GetProperty("commons")[0].GetProperty("paid").GetInt64().ShouldBe(45_000);

        (await (await member.GetAsync(url)).ShouldBeOkAsync()).GetProperty("funders").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_declaration_is_announced_to_the_follow_up_pages_and_a_payment_to_every_page_of_the_call()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var events = app.Services.GetRequiredService<ContributionEvents>();
        var followUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource? call = null;
        void OnFollowUp(Guid id)
        {
            if (id == s.CallId)
            {
                followUp.TrySetResult();
            }
        }

        void OnCall(Guid id)
        {
            if (id == s.CallId)
            {
                call?.TrySetResult();
            }
        }

        events.FollowUpChanged += OnFollowUp;
        events.CallChanged += OnCall;
        try
        {
            (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();
            await followUp.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // Announcements arrive in commit order: the settlement's came before the proposal's, so from here on only the payment's.
            call = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (await s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error.ShouldBeNull();
            await call.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            events.FollowUpChanged -= OnFollowUp;
            events.CallChanged -= OnCall;
        }
    }

    private async Task<FollowUpSummary> SummaryAsync(FollowUpScenario s, Actor actor) =>
        (await Dashboard.SummaryAsync(actor, s.Budget.Call.Slug)).Value.ShouldNotBeNull();
}
