using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calendars;

/// <summary>Whether the person has a feed, since when, when a calendar application last read it, and in which language.</summary>
public sealed record CalendarFeedStatus(bool Active, DateTimeOffset? CreatedAt, DateTimeOffset? LastUsedAt, string? Language);

/// <summary>A new feed: <paramref name="Url"/> holds the secret, shown this once and never again.</summary>
public sealed record CreatedCalendarFeed(string Url, string Token, DateTimeOffset CreatedAt);

/// <summary>Makes or remakes the caller's feed, its entries written in <paramref name="Language"/> (fr or en).</summary>
public sealed record RegenerateCalendarFeed(string Language);

public sealed class RegenerateCalendarFeedValidator : AbstractValidator<RegenerateCalendarFeed>
{
    public RegenerateCalendarFeedValidator() =>
        RuleFor(x => x.Language).Must(l => l is "fr" or "en").WithMessage("The language is fr or en.");
}

/// <summary>Who a feed token belongs to, as the feed reads their calls.</summary>
public sealed record CalendarFeedOwner(Actor Actor, string Language);

/// <summary>
/// Personal calendar feeds: each person makes (and remakes) a secret URL for a calendar application, which reads it
/// without cookies; revoking it makes every copy of the URL answer 404. Only a hash of the secret is stored. A token
/// is refused while its owner's account is disabled.
/// </summary>
public sealed class CalendarFeedService(
    IDbContextFactory<AppDbContext> factory, IValidator<RegenerateCalendarFeed> validator, PublicLinks links, TimeProvider clock)
{
    /// <summary>Makes feed secrets recognisable (in a calendar's settings, a log, a secret scanner); part of the hashed secret.</summary>
    public const string Prefix = "cccal_";

    /// <summary>Last use is recorded at most this often: calendar applications poll.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(5);

    public static string PersonalPath(string token) => $"/calendar/{token}.ics";

    public static string CallPath(string slug, string? token = null) =>
        $"/calls/{Uri.EscapeDataString(slug)}/calendar.ics" + (token is null ? string.Empty : $"?token={Uri.EscapeDataString(token)}");

    public async Task<Result<CalendarFeedStatus>> StatusAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignInFirst;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        return feed is null ? new CalendarFeedStatus(false, null, null, null) : new CalendarFeedStatus(true, feed.CreatedAt, feed.LastUsedAt, feed.Language);
    }

    /// <summary>Makes the actor's feed, or remakes it with a new secret: the previous URL stops working at once.</summary>
    public async Task<Result<CreatedCalendarFeed>> RegenerateAsync(Actor actor, RegenerateCalendarFeed command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignInFirst;
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var token = Prefix + SecretTokens.Create();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId, TokenHash = string.Empty, Language = string.Empty };
            db.CalendarFeeds.Add(feed);
        }

        feed.TokenHash = SecretTokens.Hash(token);
        feed.Language = command.Language;
        feed.CreatedAt = now;
        feed.LastUsedAt = null;
        await db.SaveChangesAsync(ct);
        return new CreatedCalendarFeed(links.Absolute(PersonalPath(token)), token, now);
    }

    /// <summary>Deletes the actor's feed; without one, nothing changes.</summary>
    public async Task<Result> RevokeAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignInFirst;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        return Result.Ok();
    }

    /// <summary>The person a feed secret belongs to, with their platform roles; null when it is unknown, revoked or their account disabled.</summary>
    public async Task<CalendarFeedOwner?> FindOwnerAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = SecretTokens.Hash(token);
        await using var db = await factory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.TokenHash == hash && db.Users.Any(u => u.Id == f.UserId && u.DisabledAt == null))
            .Select(f => new { f.Id, f.UserId, f.Language, f.LastUsedAt })
            .SingleOrDefaultAsync(ct);
        if (feed is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (feed.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await db.CalendarFeeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.LastUsedAt, now), ct);
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == feed.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        return new CalendarFeedOwner(new Actor(feed.UserId, roles.Contains(Roles.Administrator), roles.Contains(Roles.Facilitator)), feed.Language);
    }

    private static DomainError SignInFirst => new(ErrorCodes.Forbidden, "Sign in to manage your calendar feed.");
}
