using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.EndToEnd.Tests.Budgeting;

/// <summary>Someone who signs in (with the demo password) and acts through the services as <see cref="Actor"/>.</summary>
public sealed record Person(DemoAccount Account, Actor Actor);

/// <summary>An organisation taking part in a call and the one person who represents it.</summary>
public sealed record Representative(Organisation Organisation, Person Person)
{
    public string Name => Organisation.Name;
}

/// <summary>
/// Arranges a call of its own through the app's real services and context, so that a browser test starts
/// from a known state without touching the shared demo call. Names are suffixed with a token of this
/// arranger so that several tests of a run never collide (emails, slugs and organisation names are unique).
/// </summary>
public sealed class CallArranger(KestrelDemoApp app)
{
    private readonly string _token = Guid.NewGuid().ToString("N")[..8];

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>The suffix that makes this arranger's names unique; a test appends it to what it creates in the browser.</summary>
    public string Token => _token;

    public async Task<Call> CallAsync(string title, Person facilitator)
    {
        await using var db = await DbAsync();
        var call = new Call($"{title} ({_token})", $"appel-{_token}", "Un appel arrangé pour un test de bout en bout.", "Pays de Rance", "EUR", CallVisibility.Public, Now);
        call.AddFacilitator(facilitator.Actor.UserId!);
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call;
    }

    /// <summary>A public call of <paramref name="territory"/> (its ecosystem), named "<paramref name="title"/> (token)", in Draft.</summary>
    public async Task<Call> CallInAsync(string title, string territory, Person facilitator)
    {
        await using var db = await DbAsync();
        var call = new Call($"{title} ({_token})", $"appel-{_token}-{Guid.NewGuid():N}"[..40], "Un appel arrangé pour un test de bout en bout.", territory, "EUR", CallVisibility.Public, Now);
        call.AddFacilitator(facilitator.Actor.UserId!);
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call;
    }

    /// <summary><paramref name="count"/> public calls named "<paramref name="title"/> N (token)", created one minute apart (the last is the newest).</summary>
    public async Task<IReadOnlyList<Call>> CallsAsync(string title, Person facilitator, int count)
    {
        await using var db = await DbAsync();
        var calls = Enumerable.Range(1, count).Select(i =>
        {
            var call = new Call($"{title} {i} ({_token})", $"appel-{_token}-{i}", "Un appel arrangé pour un test de bout en bout.", "Pays de Rance", "EUR", CallVisibility.Public, Now.AddMinutes(i - count));
            call.AddFacilitator(facilitator.Actor.UserId!);
            return call;
        }).ToList();
        db.Calls.AddRange(calls);
        await db.SaveChangesAsync();
        return calls;
    }

    /// <summary>A call as it is now in the database, e.g. one that a test created in the browser.</summary>
    public async Task<Call> CallBySlugAsync(string slug)
    {
        await using var db = await DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Slug == slug);
    }

    /// <summary>The facilitator approves the commons for funding.</summary>
    public async Task ApproveAsync(Call call, Person facilitator, CommonsEntity commons) =>
        (await app.Services.GetRequiredService<CommonsReviewService>().ApproveAsync(facilitator.Actor, new ApproveCommons(call.Id, commons.Id))).Error.ShouldBeNull();

    public Task<Person> FacilitatorAsync(string displayName) => PersonAsync(displayName, Roles.Facilitator);

    /// <summary>A new organisation that has joined <paramref name="call"/> in <paramref name="role"/>, with its representative.</summary>
    public async Task<Representative> JoinedOrganisationAsync(Call call, string name, OrganisationKind kind, ParticipantRole role, string representative)
    {
        await using var db = await DbAsync();
        var organisation = new Organisation($"{name} ({_token})", kind, SizeBand.Small, DevelopmentStage.Development, Now);
        db.Organisations.Add(organisation);
        var participant = new Participant(call.Id, organisation.Id, role, Now);
        participant.Join(Now);
        db.Participants.Add(participant);
        await db.SaveChangesAsync();

        var person = await PersonAsync(representative, role: null);
        db.OrganisationMembers.Add(new OrganisationMember(organisation.Id, person.Actor.UserId!));
        await db.SaveChangesAsync();
        return new Representative(organisation, person);
    }

    /// <summary>A new organisation, not (yet) taking part in any call, with the one person who represents it.</summary>
    public async Task<Representative> OrganisationAsync(string name, OrganisationKind kind, string representative)
    {
        await using var db = await DbAsync();
        var organisation = new Organisation($"{name} ({_token})", kind, SizeBand.Small, DevelopmentStage.Development, Now);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();

        var person = await PersonAsync(representative, role: null);
        db.OrganisationMembers.Add(new OrganisationMember(organisation.Id, person.Actor.UserId!));
        await db.SaveChangesAsync();
        return new Representative(organisation, person);
    }

    public async Task PublishedChallengeAsync(Call call, Representative author, string question)
    {
        await using var db = await DbAsync();
        var challenge = new Challenge(call.Id, author.Organisation.Id, question, "Contexte du micro-défi.", Now);
        challenge.Publish();
        db.Challenges.Add(challenge);
        await db.SaveChangesAsync();
    }

    /// <summary>A commons proposed by <paramref name="proposer"/> (so its co-creator) and approved for funding, with one budget line.</summary>
    public async Task<CommonsEntity> ApprovedCommonsAsync(Call call, Representative proposer, string title, CommonsKind kind, string licence, long minimum, long maximum)
    {
        await using var db = await DbAsync();
        var commons = new CommonsEntity(call.Id, proposer.Organisation.Id, title, "Résumé du commun.", kind, licence, Now);
        commons.SetBudgetLines([new BudgetLine("Réalisation", minimum, maximum)]);
        commons.Approve().IsSuccess.ShouldBeTrue();
        db.Commons.Add(commons);
        await db.SaveChangesAsync();
        return commons;
    }

    /// <summary>A commons proposed by <paramref name="proposer"/> and waiting for the facilitator's review.</summary>
    public async Task<CommonsEntity> ProposedCommonsAsync(Call call, Representative proposer, string title, CommonsKind kind, string licence, long minimum, long maximum)
    {
        await using var db = await DbAsync();
        var commons = new CommonsEntity(call.Id, proposer.Organisation.Id, title, "Résumé du commun.", kind, licence, Now);
        commons.SetBudgetLines([new BudgetLine("Réalisation", minimum, maximum)]);
        db.Commons.Add(commons);
        await db.SaveChangesAsync();
        return commons;
    }

    /// <summary>The organisation's representative accepts the invitation the facilitator sent it.</summary>
    public async Task AcceptInvitationAsync(Call call, Representative organisation, ParticipantRole role) =>
        (await app.Services.GetRequiredService<ParticipationService>().AcceptAsync(organisation.Person.Actor, new AnswerInvitation(call.Id, organisation.Organisation.Id, role))).Error.ShouldBeNull();

    /// <summary>The member's representative sets its contribution to the commons.</summary>
    public async Task ContributeAsync(Call call, Representative member, CommonsEntity commons, long amount) =>
        (await app.Services.GetRequiredService<ContributionService>().SetAsync(member.Person.Actor, new SetContribution(call.Id, commons.Id, member.Organisation.Id, amount))).Error.ShouldBeNull();

    /// <summary>Moves the call phase by phase up to <paramref name="target"/>, as its facilitator.</summary>
    public async Task MoveToAsync(Call call, Person facilitator, CallPhase target)
    {
        var phases = app.Services.GetRequiredService<CallPhaseService>();
        await using var db = await DbAsync();
        var current = await db.Calls.Where(c => c.Id == call.Id).Select(c => c.Phase).SingleAsync();
        for (var phase = current + 1; phase <= target; phase++)
        {
            (await phases.MoveAsync(facilitator.Actor, new MovePhase(call.Id, phase))).Error.ShouldBeNull();
        }
    }

    public async Task PledgeAsync(Call call, Representative funder, long amount) =>
        (await app.Services.GetRequiredService<FundsService>().PledgeAsync(funder.Person.Actor, new MakePledge(call.Id, funder.Organisation.Id, amount, IsMatching: false))).Error.ShouldBeNull();

    /// <summary>The facilitator splits the pool equally among the joined members.</summary>
    public async Task GrantEquallyAsync(Call call, Person facilitator) =>
        (await app.Services.GetRequiredService<FundsService>().DistributeEquallyAsync(facilitator.Actor, new DistributeGrantsEqually(call.Id))).Error.ShouldBeNull();

    /// <summary>What <see cref="LedgerCheck"/> finds wrong with the call's money (nothing, when balances and totals match the ledger).</summary>
    public async Task<IReadOnlyList<string>> LedgerProblemsAsync(Call call)
    {
        await using var db = await DbAsync();
        return await LedgerCheck.VerifyAsync(db, call.Id);
    }

    public async Task<MemberBudget> BudgetOfAsync(Call call, Representative member)
    {
        await using var db = await DbAsync();
        return await db.MemberBudgets.AsNoTracking().SingleAsync(b => b.CallId == call.Id && b.OrganisationId == member.Organisation.Id);
    }

    /// <summary>The call's commons as they are now, e.g. one that a test proposed in the browser.</summary>
    public async Task<IReadOnlyList<CommonsEntity>> CommonsOfAsync(Call call)
    {
        await using var db = await DbAsync();
        return await db.Commons.AsNoTracking().Where(c => c.CallId == call.Id).ToListAsync();
    }

    public async Task<CommonsEntity> ReloadAsync(CommonsEntity commons)
    {
        await using var db = await DbAsync();
        return await db.Commons.AsNoTracking().SingleAsync(c => c.Id == commons.Id);
    }

    private async Task<Person> PersonAsync(string displayName, string? role)
    {
        await DemoData.EnsureRolesAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var local = new string(displayName.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(char.IsAsciiLetterOrDigit).ToArray());
        var email = $"{local}-{_token}@test.example";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        (await users.CreateAsync(user, DemoData.Password)).Succeeded.ShouldBeTrue();
        if (role is not null)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        }

        return new Person(new DemoAccount(email, displayName, role ?? "membre"), new Actor(user.Id, IsAdministrator: false, IsFacilitator: role == Roles.Facilitator));
    }

    private async Task<AppDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
