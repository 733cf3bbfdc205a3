using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Notifications;

public sealed record NotificationView(Guid Id, NotificationType Type, Guid? CallId, string Title, string Body, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

/// <summary>The newest notifications of the caller (at most <see cref="NotificationCentre.PageSize"/>) and how many are unread in all.</summary>
public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

public sealed record TypePreference(NotificationType Type, NotificationDelivery Delivery);

/// <summary>
/// A person's notification settings: the language of their notifications and mails (fr or en), their digest hour
/// (0-23, Paris time) and, per type, how they want it (every type is listed, with its default when never chosen).
/// </summary>
public sealed record NotificationPreferences(string Language, int DigestHour, IReadOnlyList<TypePreference> Types);

public sealed class NotificationPreferencesValidator : AbstractValidator<NotificationPreferences>
{
    public NotificationPreferencesValidator()
    {
        RuleFor(x => x.Language).Must(l => l is "fr" or "en").WithMessage("The language is fr or en.");
        RuleFor(x => x.DigestHour).InclusiveBetween(0, 23).WithMessage("The digest hour is from 0 to 23.");
        RuleFor(x => x.Types).NotNull();
        RuleForEach(x => x.Types).ChildRules(t =>
        {
            t.RuleFor(p => p.Type).IsInEnum().WithMessage("Unknown notification type.");
            t.RuleFor(p => p.Delivery).IsInEnum().WithMessage("The delivery is Immediately, DailyDigest or Off.");
        });
        RuleFor(x => x.Types).Must(t => t.Select(p => p.Type).Distinct().Count() == t.Count)
            .When(x => x.Types is not null).WithMessage("Each type appears once.");
    }
}

/// <summary>The notification centre of the signed-in person: their list, the unread count, marking read, their preferences.</summary>
public sealed class NotificationCentre(IDbContextFactory<AppDbContext> factory, IValidator<NotificationPreferences> validator, UnsubscribeTokens tokens, TimeProvider clock)
{
    public const int PageSize = 100;

    private static readonly DomainError SignIn = new(ErrorCodes.Forbidden, "Sign in to read your notifications.");
    private static readonly DomainError Unknown = new(ErrorCodes.NotFound, "Unknown notification.");

    public async Task<Result<NotificationList>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignIn;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize)
            .Select(n => new NotificationView(n.Id, n.Type, n.CallId, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return new NotificationList(await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct), items);
    }

    /// <summary>The bell's figure: 0 for someone signed out.</summary>
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of the caller's notifications read; another person's is as unknown as one that does not exist.</summary>
    public async Task<Result> MarkReadAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignIn;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct) > 0)
        {
            return Result.Ok();
        }

        return await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == userId, ct) ? Result.Ok() : Unknown;
    }

    public async Task<Result<int>> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignIn;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<Result<NotificationPreferences>> PreferencesAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignIn;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, ct);
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Type, p => p.Delivery, ct);
        return new NotificationPreferences(
            MailComposer.Language(settings?.Language),
            settings?.DigestHour ?? NotificationDefaults.DigestHour,
            NotificationDefaults.Types.Select(t => new TypePreference(t, chosen.TryGetValue(t, out var d) ? d : NotificationDefaults.For(t))).ToList());
    }

    /// <summary>Saves the caller's settings; the types left out keep their current choice.</summary>
    public async Task<Result<NotificationPreferences>> SavePreferencesAsync(Actor actor, NotificationPreferences command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return SignIn;
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var settings = await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == userId, ct);
            if (settings is null)
            {
                settings = new NotificationSettings { UserId = userId, Language = command.Language };
                db.NotificationSettings.Add(settings);
            }

            settings.Language = command.Language;
            settings.DigestHour = command.DigestHour;
            var existing = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Type, ct);
            foreach (var (type, delivery) in command.Types)
            {
                if (existing.TryGetValue(type, out var row))
                {
                    row.Delivery = delivery;
                }
                else
                {
                    db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Type = type, Delivery = delivery });
                }
            }

            if (await SaveOrConflictAsync(db, ct) is { } conflict)
            {
                return conflict;
            }
        }

        return await PreferencesAsync(actor, ct);
    }

    /// <summary>The person and type a one-click unsubscribe link names; null when the link is not one of ours.</summary>
    public UnsubscribeLink? ReadUnsubscribe(string? token) => tokens.Read(token);

    /// <summary>
    /// RFC 8058 one-click unsubscribe: turns the link's type Off for its person (a digest's link: every type they get in
    /// the digest), without signing in: the signed token is the proof. Doing it again changes nothing.
    /// </summary>
    public async Task<Result<UnsubscribeLink>> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } link)
        {
            return UnknownLink;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == link.UserId, ct))
        {
            return UnknownLink;
        }

        var rows = await db.NotificationPreferences.Where(p => p.UserId == link.UserId).ToDictionaryAsync(p => p.Type, ct);
        var types = link.Type is { } one
            ? [one]
            : NotificationDefaults.Types.Where(t => (rows.TryGetValue(t, out var row) ? row.Delivery : NotificationDefaults.For(t)) == NotificationDelivery.DailyDigest);
        foreach (var type in types)
        {
            if (rows.TryGetValue(type, out var row))
            {
                row.Delivery = NotificationDelivery.Off;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = link.UserId, Type = type, Delivery = NotificationDelivery.Off });
            }
        }

        return await SaveOrConflictAsync(db, ct) is { } conflict ? conflict : link;
    }

    private static DomainError UnknownLink => new(ErrorCodes.NotFound, "Unknown unsubscribe link.");

    /// <summary>Two saves of one person's settings at once: the second finds the first's new row; it is told to retry, nothing half-saved.</summary>
    private static async Task<DomainError?> SaveOrConflictAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new DomainError(ErrorCodes.Conflict, "Your settings changed at the same time; try again.");
        }
    }
}
