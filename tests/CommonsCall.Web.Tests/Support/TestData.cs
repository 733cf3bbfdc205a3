using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Support;

/// <summary>Small builders that arrange real rows through the app's own services and context.</summary>
public sealed class TestData(AppFactory app)
{
    public const string Password = "Test-password-1234";

    /// <summary><paramref name="actor"/> as a person who has just typed their password (creating a token needs a recent sign-in).</summary>
    public Actor SignedInJustNow(Actor actor) => actor with { PasswordProvedAt = app.Clock.GetUtcNow() };

    public async Task<AppDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>The badges of the call as the database holds them, revoked ones included; only those of <paramref name="kind"/> when given.</summary>
    public async Task<List<Domain.Recognition.Badge>> BadgesAsync(Guid callId, Domain.Recognition.BadgeKind? kind = null)
    {
        await using var db = await DbAsync();
        return await db.Set<Domain.Recognition.Badge>().AsNoTracking().Where(b => b.CallId == callId && (kind == null || b.Kind == kind)).ToListAsync();
    }

    public async Task<Actor> UserAsync(string? role = null, Guid? organisation = null, string? email = null)
    {
        await DemoData.EnsureRolesAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        email ??= $"user-{Guid.NewGuid():N}@test.example";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        if (organisation is { } org)
        {
            await using var db = await DbAsync();
            db.OrganisationMembers.Add(new OrganisationMember(org, user.Id));
            await db.SaveChangesAsync();
        }

        return new Actor(user.Id, role == Roles.Administrator, role == Roles.Facilitator);
    }

    public async Task<Organisation> OrganisationAsync(string? name = null)
    {
        await using var db = await DbAsync();
        var org = new Organisation(name ?? $"Org {Guid.NewGuid():N}"[..20], OrganisationKind.Sme, SizeBand.Small, DevelopmentStage.Development, app.Clock.GetUtcNow());
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public async Task<Call> CallAsync(CallVisibility visibility = CallVisibility.Public, Actor? facilitator = null, string? slug = null)
    {
        await using var db = await DbAsync();
        slug ??= "call-" + Guid.NewGuid().ToString("N")[..10];
        var call = new Call("Appel " + slug, slug, "Résumé **markdown**", "Territoire test", "EUR", visibility, app.Clock.GetUtcNow());
        if (facilitator?.UserId is { } id)
        {
            call.AddFacilitator(id);
        }

        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call;
    }

    public async Task JoinAsync(Call call, Organisation organisation, ParticipantRole role)
    {
        await using var db = await DbAsync();
        var participant = new Participant(call.Id, organisation.Id, role, app.Clock.GetUtcNow());
        participant.Join(app.Clock.GetUtcNow());
        db.Participants.Add(participant);
        await db.SaveChangesAsync();
    }
}
