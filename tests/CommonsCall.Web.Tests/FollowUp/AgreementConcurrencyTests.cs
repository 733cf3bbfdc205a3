using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>
/// Double clicks, two facilitators and a cancellation arriving together must never pay a tranche twice nor pay what
/// went back to the pool: these race real requests through the service on PostgreSQL, then check the agreement against
/// the ledger (<see cref="LedgerCheck"/>).
/// </summary>
public sealed class AgreementConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<Result[]> RaceAsync(IEnumerable<Func<Task<Result>>> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await start.Task;
            return await r();
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Fifty_acceptances_of_the_schedule_at_once_pay_the_start_tranche_once()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();

        var results = await RaceAsync(Enumerable.Range(0, 50).Select(_ =>
            (Func<Task<Result>>)(() => s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id)))));

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => !r.IsSuccess).ShouldAllBe(r => r.Error!.Code == ErrorCodes.ScheduleLocked);
        (await s.LedgerAsync(LedgerEntryKind.Payment)).Single().Amount.ShouldBe(45_000);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_hundred_acceptances_and_cancellations_at_once_pay_each_tranche_once_and_return_only_the_rest()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Associate, s.Delivery)).Error.ShouldBeNull();

        // 40 acceptances of each milestone, 10 cancellations and 10 corrections, interleaved, all at once.
        var requests = Enumerable.Range(0, 100).Select(i => (i % 10) switch
        {
            0 => (Kind: "cancel", Run: (Func<Task<Result>>)(() => s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, "Abandon")))),
            1 => ("correct", () => s.Agreements.CorrectAsync(s.Facilitator, new CorrectAward(s.CallId, s.Funded.Id, 150_000 + (i * 100), "Erreur de saisie"))),
            _ when i % 2 == 0 => ("second", () => s.AcceptAsync(s.SecondMilestone)),
            _ => ("delivery", () => s.AcceptAsync(s.Delivery)),
        }).ToList();

        var results = await RaceAsync(requests.Select(r => r.Run));

        var succeeded = requests.Zip(results).Where(x => x.Second.IsSuccess).Select(x => x.First.Kind).ToList();
        succeeded.Count(k => k == "second").ShouldBeLessThanOrEqualTo(1);
        succeeded.Count(k => k == "delivery").ShouldBeLessThanOrEqualTo(1);
        succeeded.Count(k => k == "cancel").ShouldBeLessThanOrEqualTo(1);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct()
            .ShouldAllBe(code => code == ErrorCodes.DeliverableNotPending || code == ErrorCodes.AgreementClosed);

        var agreement = await s.AgreementAsync();
        var payments = await s.LedgerAsync(LedgerEntryKind.Payment);
        payments.Count.ShouldBe(1 + succeeded.Count(k => k is "second" or "delivery"), "one payment for the start and one per accepted milestone");
        agreement.Paid.ShouldBe(payments.Sum(p => p.Amount));
        (agreement.Paid + agreement.ReturnedToPool).ShouldBe(agreement.Award, "delivered or cancelled, every unit was either paid or returned");
        agreement.Status.ShouldBe(succeeded.Contains("cancel") ? AgreementStatus.Cancelled : AgreementStatus.Delivered);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }
}
