using System.Text;
using CommonsCall.Domain.Common;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.FollowUp;

/// <summary>
/// The funders' follow-up dashboard (issue 15), in French: the funder keeps it open while the facilitator proposes a
/// schedule, the holder accepts it and declares a milestone done with a link and a file, and the facilitator downloads it and accepts it; each
/// payment appears without a reload, and the funder exports the payments and reads the file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpDashboardJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    [Fact]
    public Task The_funder_watches_the_payments_arrive_on_the_follow_up_dashboard_and_exports_them() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await SettledCallStory.ArrangeAsync(browser.App);
        var commonsUrl = $"/calls/{s.Call.Slug}/commons/{s.Commons.Id}/follow-up";

        // The funder opens the follow-up from the call's sections: the commons is funded, nothing paid, the beta is late.
        var funder = await people.OpenPageAsync("funder");
        await funder.SignInAsync(s.Funder.Person.Account, $"/calls/{s.Call.Slug}/dashboard");
        await funder.WaitForInteractiveAsync();
        await funder.GetByTestId("nav-followup").ClickAsync();
        await Expect(funder.GetByRole(AriaRole.Heading, new() { Name = "Suivi des communs financés", Level = 1 })).ToBeVisibleAsync();
        await funder.WaitForInteractiveAsync();
        var row = funder.GetByTestId("followdash-commons-row");
        await Expect(row.GetByTestId("followdash-status")).ToHaveTextAsync("Financé");
        await Expect(row.GetByTestId("followdash-progress")).ToHaveTextAsync("0 sur 2 jalons");
        await Expect(row.GetByTestId("followdash-paid")).ToHaveTextAsync("0,00 € sur 1 000,00 €");
        await Expect(row.GetByTestId("followdash-late-milestone")).ToHaveTextAsync($"Prototype bêta testé · le {s.BetaDue:dd/MM/yyyy}");
        await Expect(funder.GetByTestId("followdash-payments-empty")).ToBeVisibleAsync();
        await funder.EvaluateAsync("window.stillTheSamePage = true");

        // The facilitator proposes the usual 30/40/30 schedule; the lead holder accepts it, which pays the first tranche.
        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(s.Facilitator.Account, commonsUrl);
        await facilitator.WaitForInteractiveAsync();
        await facilitator.GetByTestId("propose").ClickAsync();
        await Expect(facilitator.GetByTestId("followup-message")).ToHaveTextAsync("Échéancier proposé au porteur pilote.");

        var holder = await people.OpenPageAsync("holder");
        await holder.SignInAsync(s.Holder.Person.Account, commonsUrl);
        await holder.WaitForInteractiveAsync();
        await holder.GetByTestId("accept-schedule").ClickAsync();
        await Expect(holder.GetByTestId("followup-message")).ToHaveTextAsync("Échéancier accepté : la première tranche est versée.");
        await Expect(row.GetByTestId("followdash-paid")).ToHaveTextAsync("300,00 € sur 1 000,00 €", LiveUpdate.Wait);
        await Expect(row.GetByTestId("followdash-status")).ToHaveTextAsync("En cours");

        // The holder declares the beta done with a link and its test report, the facilitator downloads the report and accepts it.
        var beta = holder.Locator($"[data-testid=followup-milestone][data-milestone='{s.Beta}']");
        await beta.GetByLabel("Lien vers ce qui a été livré").FillAsync("https://forge.example/cadenas/releases/beta");
        var report = "%PDF-1.4\n% Rapport de tests de la bêta\n%%EOF\n"u8.ToArray();
        await beta.GetByTestId("declare-files").ChooseFileAsync(new FilePayload { Name = "rapport-beta.pdf", MimeType = "application/pdf", Buffer = report });
        await Expect(beta.GetByTestId("declare-files-chosen")).ToHaveTextAsync("rapport-beta.pdf");
        await beta.GetByTestId("declare").ClickAsync();
        await Expect(holder.GetByTestId("followup-message")).ToHaveTextAsync("Jalon déclaré réalisé : l'animation va l'examiner.");
        await facilitator.GotoInteractiveAsync(commonsUrl);
        var declared = facilitator.Locator($"[data-testid=followup-milestone][data-milestone='{s.Beta}']");
        var evidence = await facilitator.RunAndWaitForDownloadAsync(() => declared.GetByTestId("attachment-link").Filter(new() { HasText = "rapport-beta.pdf" }).ClickAsync());
        (await File.ReadAllBytesAsync(await evidence.PathAsync())).ShouldBe(report);
        await declared.GetByTestId("accept-milestone").ClickAsync();
        await Expect(facilitator.GetByTestId("followup-message")).ToHaveTextAsync("Jalon validé : la tranche est versée.");

        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Expect(row.GetByTestId("followdash-paid")).ToHaveTextAsync("700,00 € sur 1 000,00 €", LiveUpdate.Wait);
        output.WriteLine($"The follow-up dashboard showed the payment {waited.ElapsedMilliseconds} ms after the facilitator's page confirmed it.");
        await Expect(row.GetByTestId("followdash-progress")).ToHaveTextAsync("1 sur 2 jalons");
        await Expect(row.GetByTestId("followdash-late-milestone")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("followdash-next")).ToHaveTextAsync($"Plans publiés · le {s.PlansDue:dd/MM/yyyy}");
        await Expect(funder.GetByTestId("followdash-payment-amount")).ToHaveTextAsync(["400,00 €", "300,00 €"]);
        await Expect(funder.GetByTestId("followdash-funder-paid")).ToHaveTextAsync("700,00 €");
        (await funder.EvaluateAsync<bool>("window.stillTheSamePage === true")).ShouldBeTrue("the follow-up dashboard was reloaded");
        await funder.AssertAccessibleAsync();
        await funder.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followdash-funder-1280.png"), FullPage = true });

        // The funder exports the payments and reads the file: ids, tranche, euros with two decimals, ledger numbers.
        var download = await funder.RunAndWaitForDownloadAsync(() => funder.GetByTestId("export-payments").ClickAsync());
        download.SuggestedFilename.ShouldBe($"{s.Call.Slug}-versements.csv");
        var rows = CsvRecords.Read(await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).Where(r => !r.IsBlank).Select(r => r.Fields.ToArray()).ToList();
        rows[0].ShouldBe(["Date (UTC)", "Identifiant du commun", "Commun", "Identifiant du porteur pilote", "Porteur pilote", "Tranche", "Jalon", "Montant (EUR)", "N° d'écriture au journal"]);
        rows.Skip(1).Select(r => (r[1], r[2], r[3], r[4], r[5], r[6], r[7])).ShouldBe(
        [
            (s.Commons.Id.ToString(), s.Commons.Title, s.Holder.Organisation.Id.ToString(), s.Holder.Organisation.Name, "1", "Au démarrage", "300,00"),
            (s.Commons.Id.ToString(), s.Commons.Title, s.Holder.Organisation.Id.ToString(), s.Holder.Organisation.Name, "2", "Prototype bêta testé", "400,00"),
        ]);
        var numbers = rows.Skip(1).Select(r => int.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers[1].ShouldBeGreaterThan(numbers[0]);
        await Expect(funder.GetByTestId("followdash-payment").First.Locator("td").First).ToHaveTextAsync(numbers[1].ToString(System.Globalization.CultureInfo.InvariantCulture));

        // On a phone the tables scroll inside their boxes, never the page.
        await funder.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Expect(row.GetByTestId("followdash-paid")).ToBeVisibleAsync();
        (await funder.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        await funder.AssertAccessibleAsync();
        await funder.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followdash-funder-360.png"), FullPage = true });
        (await new CallArranger(browser.App).LedgerProblemsAsync(s.Call)).ShouldBeEmpty();
    });

    [Fact]
    public Task The_demo_follow_up_shows_every_funder_to_the_facilitator_and_its_own_to_a_funder() => browser.RunWithPeopleAsync(async people =>
    {
        var url = $"/calls/{DemoData.FollowUpCallSlug}/follow-up";

        // The demo call in Follow-up: commons in progress, one delivered, one cancelled, one late milestone, two funders.
        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(DemoData.Facilitator, url);
        await facilitator.WaitForInteractiveAsync();
        await Expect(facilitator.GetByTestId("followdash-status").Filter(new() { HasText = "Livré" })).ToHaveCountAsync(1);
        await Expect(facilitator.GetByTestId("followdash-status").Filter(new() { HasText = "Annulé" })).ToHaveCountAsync(1);
        await Expect(facilitator.GetByTestId("followdash-late-milestone")).ToHaveCountAsync(1);
        await Expect(facilitator.GetByTestId("followdash-total-late")).ToHaveTextAsync("1");
        await Expect(facilitator.GetByTestId("followdash-total-returned")).ToBeVisibleAsync();
        await Expect(facilitator.GetByTestId("followdash-funder")).ToHaveCountAsync(2);
        await facilitator.AssertAccessibleAsync();
        await facilitator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followdash-demo-facilitator-1280.png"), FullPage = true });

        var funder = await people.OpenPageAsync("funder", Phone);
        await funder.SignInAsync(DemoData.Funder, url);
        await funder.WaitForInteractiveAsync();
        await Expect(funder.GetByRole(AriaRole.Heading, new() { Name = "Où va votre argent", Level = 2 })).ToBeVisibleAsync();
        await Expect(funder.GetByTestId("followdash-funder")).ToHaveCountAsync(1);
        (await funder.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        await funder.AssertAccessibleAsync();
        await funder.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followdash-demo-funder-360.png"), FullPage = true });
    });
}
