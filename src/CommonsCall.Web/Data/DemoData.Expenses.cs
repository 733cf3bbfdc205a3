using System.Globalization;
using System.Text;
using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.FollowUp;
using SkiaSharp;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>The expenses of the follow-up call's commons, with receipts drawn here (a one-page PDF invoice, a photo of a till receipt).</summary>
public static partial class DemoData
{
    /// <summary>An expense of the demo: who records it, on which commons and line, when (days from today), and its receipt.</summary>
    private sealed record DemoExpense(
        (Organisation Organisation, AppUser User) Holder, CommonsEntity Commons, int Line, int Day, long Amount, string Label, string Supplier, bool Photo = false);

    /// <summary>
    /// Records each expense through the real service on the past clock, with its receipt; the last one is a duplicate
    /// its holder removes, as happens (it stays listed, marked, and no longer counts).
    /// </summary>
    private static async Task SeedExpensesAsync(IServiceProvider services, CallChanges changes, PastClock clock, Guid callId, IReadOnlyList<DemoExpense> expenses,
        Func<int, int, DateTimeOffset> day, CancellationToken ct)
    {
        var service = ActivatorUtilities.CreateInstance<ExpenseService>(services, changes, (TimeProvider)clock);
        Guid last = default;
        DemoExpense? previous = null;
        foreach (var e in expenses)
        {
            clock.Now = day(e.Day, 17);
            var receipt = e.Photo
                ? new UploadedFile("ticket-de-caisse.png", "image/png", TillReceiptPhoto())
                : new UploadedFile($"facture-{e.Supplier.ToLowerInvariant().Replace(' ', '-').Replace('\'', '-')}.pdf", "application/pdf", InvoicePdf(e));
            var terms = new ExpenseTerms(e.Line, e.Amount, DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays(-1), e.Label, e.Supplier);
            var actor = new Actor(e.Holder.User.Id, IsAdministrator: false, IsFacilitator: false);
            var recorded = await service.RecordAsync(actor, new RecordExpense(callId, e.Commons.Id, e.Holder.Organisation.Id, terms, [receipt]), ct);
            Ensure(recorded);
            last = recorded.Value;
            previous = e;
        }

        if (previous is not null)
        {
            clock.Now = day(previous.Day + 1, 9);
            var actor = new Actor(previous.Holder.User.Id, IsAdministrator: false, IsFacilitator: false);
            Ensure(await service.RemoveAsync(actor, new RemoveExpense(callId, last, "Saisie en double : la facture était déjà enregistrée."), ct));
        }
    }

    /// <summary>A one-page PDF invoice of the expense.</summary>
    private static byte[] InvoicePdf(DemoExpense e)
    {
        var amount = (e.Amount / 100m).ToString("N2", CultureInfo.InvariantCulture);
        return OnePagePdf.Of("FACTURE", Ascii(e.Supplier), $"Objet : {Ascii(e.Label)}", $"Montant TTC : {amount} EUR", "Document de demonstration CommonsCall");
    }

    /// <summary>A small picture of a till receipt: a paper strip with printed lines and a total.</summary>
    private static byte[] TillReceiptPhoto()
    {
        using var bitmap = new SKBitmap(160, 240);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x8d, 0x6e, 0x63));
            using var paper = new SKPaint { Color = new SKColor(0xfa, 0xfa, 0xf5) };
            using var ink = new SKPaint { Color = new SKColor(0x42, 0x42, 0x42), StrokeWidth = 3 };
            canvas.DrawRect(30, 10, 100, 220, paper);
            for (var y = 30; y < 180; y += 14)
            {
                canvas.DrawLine(40, y, 40 + (y * 7 % 50) + 30, y, ink);
            }

            canvas.DrawRect(40, 195, 80, 8, ink);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    /// <summary>French words in the PDF's standard font without an encoding table: accents dropped.</summary>
    private static string Ascii(string text) =>
        new([.. text.Normalize(NormalizationForm.FormD).Where(c => c < 128)]);
}
