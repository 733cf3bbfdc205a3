using System.Text.Json.Serialization;
using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommonsCall.Web.Api;

/// <summary>An expense as a holder records it: the organisation it speaks for (a co-creator), then the terms.</summary>
public sealed record RecordExpenseRequest(
    [property: JsonRequired] Guid OrganisationId, [property: JsonRequired] int BudgetLine, [property: JsonRequired] long Amount,
    [property: JsonRequired] DateOnly SpentOn, [property: JsonRequired] string Label, string? Supplier);

public sealed record RemoveExpenseRequest([property: JsonRequired] string Reason);

/// <summary>
/// Attachments, expenses and the plan against the spending of funded commons (issue 15). Files travel as
/// multipart/form-data (each at most 10 MB, checked by name, type and content); amounts are integers in minor units.
/// </summary>
public static class ExpenseEndpoints
{
    private const string Forms = "multipart/form-data";

    public static RouteGroupBuilder MapExpenseEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Follow-up")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        call.MapGet("/attachments/{attachmentId:guid}", DownloadAsync)
            .WithName("DownloadAttachment")
            .WithSummary("An evidence file or a receipt, as uploaded, for the commons' holders, the call's facilitators and its funders: sent as an attachment (never displayed inline), with its SHA-256 in the ETag.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        call.MapGet("/spending", SpendingOfCallAsync)
            .WithName("GetCallSpending")
            .WithSummary("Planned against actual for every funded commons the caller follows (all for facilitators and funders, the ones it holds for a member): per budget line its minimum, maximum and what was spent, and the totals spent, awarded and paid.")
            .Produces<IReadOnlyList<CommonsSpending>>();
        call.MapGet("/commons/{commonsId:guid}/spending", SpendingOfCommonsAsync)
            .WithName("GetCommonsSpending")
            .WithSummary("Planned against actual for one funded commons, per budget line; no_agreement (422) when it was not funded.")
            .Produces<CommonsSpending>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        call.MapGet("/commons/{commonsId:guid}/expenses", ListAsync)
            .WithName("ListExpenses")
            .WithSummary("A funded commons' expenses, newest first, removed ones included (marked, with why), each with its receipts' download addresses.")
            .Produces<CommonsExpenses>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        call.MapGet("/exports/expenses.csv", CsvAsync)
            .WithName("ExportExpensesCsv")
            .WithSummary("Facilitators and funders: every expense of the call as CSV (UTF-8 with BOM; ';' and decimal commas for French readers), removed ones marked.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        var signedIn = call.MapGroup("").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();
        signedIn.MapPost("/commons/{commonsId:guid}/expenses", RecordAsync)
            .WithName("RecordExpense")
            .WithSummary("A holder records an expense against a budget line of a funded commons (not cancelled): amount above zero, a day not after today, a label; attach receipts with POST .../expenses/{expenseId}/receipts.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created);
        signedIn.MapPut("/expenses/{expenseId:guid}", CorrectAsync)
            .WithName("CorrectExpense")
            .WithSummary("The organisation that recorded the expense corrects it (audited).")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/expenses/{expenseId:guid}/removal", RemoveAsync)
            .WithName("RemoveExpense")
            .WithSummary("The organisation that recorded the expense removes it with a reason: it stays listed, marked, and no longer counts.")
            .Produces(StatusCodes.Status204NoContent);

        // Form posts, so the framework would ask for an antiforgery token: the API's own cross-site check
        // (Api/CrossSiteRequests) and bearer tokens protect them, as every other API change.
        signedIn.MapPost("/expenses/{expenseId:guid}/receipts", AddReceiptsAsync)
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>(Forms)
            .WithName("AddExpenseReceipts")
            .WithSummary($"The organisation that recorded the expense attaches receipts: form files `receipts` (PDF, PNG, JPEG, WebP, ODT, ODS, DOCX, XLSX, CSV or TXT, each at most 10 MB, content checked against the name: else file_type_not_allowed, file_content_mismatch or file_too_large; at most {AttachmentPolicy.MaxFilesPerOwner} per expense).")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/commons/{commonsId:guid}/agreement/milestones/{milestoneId:guid}/evidence", DeclareWithFilesAsync)
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>(Forms)
            .WithName("DeclareMilestoneDoneWithFiles")
            .WithSummary("A holder declares a milestone done with evidence files: form fields `organisationId`, `evidence` (links, repeated, optional) and files `files` (same types and limits as receipts); a link or a file at least.")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static Task<IResult> DownloadAsync(string slug, Guid attachmentId, Actor actor, CallQueries calls, AttachmentQueries files, HttpContext http, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await files.DownloadAsync(actor, call.Call.Id, attachmentId, ct)).ToApiResult(file =>
        {
            // Whatever a file holds, the browser saves it and never runs it on our origin.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "private, no-cache";
            return TypedResults.File(file.Content, file.ContentType, file.FileName, lastModified: file.UploadedAt, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
        }), ct);

    private static Task<IResult> SpendingOfCallAsync(string slug, Actor actor, CallQueries calls, ExpenseQueries expenses, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await expenses.PlannedVsActualAsync(actor, call.Call.Id, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> SpendingOfCommonsAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, ExpenseQueries expenses, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await expenses.PlannedVsActualAsync(actor, call.Call.Id, commonsId, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> ListAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, ExpenseQueries expenses, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await expenses.ListAsync(actor, call.Call.Id, commonsId, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> CsvAsync(string slug, Actor actor, CallQueries calls, ExpenseExports exports, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await exports.CsvAsync(actor, call.Call.Id, ct))
            .ToApiResult((CsvFile file) => TypedResults.File(file.Content, Csv.ContentType, file.FileName)), ct);

    private static Task<IResult> RecordAsync(string slug, Guid commonsId, RecordExpenseRequest body, Actor actor, CallQueries calls, ExpenseService expenses, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await expenses.RecordAsync(actor, new RecordExpense(call.Call.Id, commonsId, body.OrganisationId, Terms(body), []), ct))
                .ToApiResult(id => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/commons/{commonsId}/expenses", new CreatedResponse(id))), ct);

    private static Task<IResult> CorrectAsync(string slug, Guid expenseId, ExpenseTermsRequest body, Actor actor, CallQueries calls, ExpenseService expenses, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => expenses.CorrectAsync(actor, new CorrectExpense(callId, expenseId,
            new ExpenseTerms(body.BudgetLine, body.Amount, body.SpentOn, body.Label, body.Supplier)), ct), ct);

    private static Task<IResult> RemoveAsync(string slug, Guid expenseId, RemoveExpenseRequest body, Actor actor, CallQueries calls, ExpenseService expenses, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => expenses.RemoveAsync(actor, new RemoveExpense(callId, expenseId, body.Reason), ct), ct);

    private static async Task<IResult> AddReceiptsAsync(string slug, Guid expenseId, HttpRequest request, Actor actor, CallQueries calls, ExpenseService expenses, CancellationToken ct)
    {
        var files = await ReadFilesAsync(request, "receipts", ct);
        return files.Value is { } receipts
            ? await CallRoute.ChangeInCallAsync(slug, actor, calls, callId => expenses.AddReceiptsAsync(actor, new AddReceipts(callId, expenseId, receipts), ct), ct)
            : files.Error!.ToProblem();
    }

    private static async Task<IResult> DeclareWithFilesAsync(
        string slug, Guid commonsId, Guid milestoneId, HttpRequest request, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct)
    {
        var files = await ReadFilesAsync(request, "files", ct);
        if (files.Value is not { } evidenceFiles)
        {
            return files.Error!.ToProblem();
        }

        var form = request.Form;
        if (!Guid.TryParse(form["organisationId"].ToString(), out var organisationId))
        {
            return Invalid("organisationId", "Name the co-creator you declare for (organisationId).");
        }

        IReadOnlyList<string> links = [.. form["evidence"].Select(l => l ?? string.Empty)];
        return await CallRoute.ChangeInCallAsync(slug, actor, calls, callId =>
            agreements.DeclareDoneAsync(actor, new DeclareMilestoneDone(callId, commonsId, milestoneId, organisationId, links, evidenceFiles), ct), ct);
    }

    /// <summary>The files of a form field, refused before they are read when the request is no form or a file is too large.</summary>
    private static async Task<Result<IReadOnlyList<UploadedFile>>> ReadFilesAsync(HttpRequest request, string field, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Validation(field, "Send a multipart/form-data form.");
        }

        var form = await request.ReadFormAsync(ct);
        var files = form.Files.GetFiles(field);
        if (files.Count > AttachmentPolicy.MaxFilesPerOwner)
        {
            return new DomainError(ErrorCodes.TooManyFiles, $"At most {AttachmentPolicy.MaxFilesPerOwner} files at once.");
        }

        var read = new List<UploadedFile>();
        foreach (var file in files)
        {
            if (file.Length > FieldLimits.MaxAttachmentBytes)
            {
                return new DomainError(ErrorCodes.FileTooLarge, $"A file is at most {FieldLimits.MaxAttachmentBytes / (1024 * 1024)} MB.");
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            read.Add(new UploadedFile(file.FileName, file.ContentType, buffer.ToArray()));
        }

        return read;
    }

    private static DomainError Validation(string field, string message) =>
        new(ErrorCodes.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    private static IResult Invalid(string field, string message) => Validation(field, message).ToProblem();

    private static ExpenseTerms Terms(RecordExpenseRequest body) => new(body.BudgetLine, body.Amount, body.SpentOn, body.Label, body.Supplier);
}

/// <summary>An expense's corrected terms.</summary>
public sealed record ExpenseTermsRequest(
    [property: JsonRequired] int BudgetLine, [property: JsonRequired] long Amount, [property: JsonRequired] DateOnly SpentOn, [property: JsonRequired] string Label, string? Supplier);
