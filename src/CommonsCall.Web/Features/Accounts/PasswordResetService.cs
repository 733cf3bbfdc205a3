using System.Text;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accounts;

public sealed record RequestPasswordReset(string Email);

public sealed record ChooseNewPassword(string UserId, string Token, string Password);

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() =>
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(SchemaConstants.EmailLength);
}

public sealed class ChooseNewPasswordValidator : AbstractValidator<ChooseNewPassword>
{
    public ChooseNewPasswordValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().MaximumLength(SchemaConstants.UserIdLength);
        RuleFor(x => x.Token).NotEmpty();
        RuleFor(x => x.Password).NotEmpty().MinimumLength(10);
    }
}

/// <summary>
/// "Mot de passe oublié": a mailed link carrying an Identity reset token. The token is bound to the account's
/// security stamp, which a reset changes: a link works once.
/// </summary>
public sealed class PasswordResetService(
    UserManager<AppUser> users,
    IDbContextFactory<AppDbContext> factory,
    AccountMails mails,
    IValidator<RequestPasswordReset> forgotValidator,
    IValidator<ChooseNewPassword> resetValidator,
    ActionRateLimits limits)
{
    /// <summary>
    /// Queues a reset mail when the address has an account. The answer is the same either way: nobody learns who has an
    /// account here. Limited per address (nobody floods someone's mailbox) and per client address (nor sprays many),
    /// whether or not the address has an account, so that the limit tells nothing either.
    /// </summary>
    public async Task<Result> RequestAsync(RequestPasswordReset command, string? clientAddress = null, CancellationToken ct = default)
    {
        var validation = await forgotValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        if (!await limits.TryAcquireAsync(ActionRateLimits.PasswordResetPerClient, clientAddress ?? "unknown", ct: ct))
        {
            return limits.Refusal(ActionRateLimits.PasswordResetPerClient, "password reset requests from this address");
        }

        if (!await limits.TryAcquireAsync(ActionRateLimits.PasswordResetPerAddress, command.Email.Trim().ToUpperInvariant(), ct: ct))
        {
            return limits.Refusal(ActionRateLimits.PasswordResetPerAddress, "password reset requests for this email");
        }

        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user?.Email is null)
        {
            return Result.Ok();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        mails.EnqueuePasswordReset(db, user, token);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> ResetAsync(ChooseNewPassword command, CancellationToken ct = default)
    {
        var validation = await resetValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var invalidLink = new DomainError(ErrorCodes.NotFound, "This password reset link is unknown, already used or expired.");
        var user = await users.FindByIdAsync(command.UserId);
        if (user is null || !TryDecode(command.Token, out var token))
        {
            return invalidLink;
        }

        var reset = await users.ResetPasswordAsync(user, token, command.Password);
        if (reset.Succeeded)
        {
            return Result.Ok();
        }

        return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? invalidLink
            : new DomainError(ErrorCodes.Validation, string.Join(" ", reset.Errors.Select(e => e.Description)),
                new Dictionary<string, string[]> { [nameof(ChooseNewPassword.Password)] = [.. reset.Errors.Select(e => e.Description)] });
    }

    private static bool TryDecode(string encoded, out string token)
    {
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
            return true;
        }
        catch (FormatException)
        {
            token = string.Empty;
            return false;
        }
    }
}
