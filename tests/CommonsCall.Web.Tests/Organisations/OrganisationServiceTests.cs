using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Organisations;

/// <summary>Organisations and their representatives, through the services, against PostgreSQL.</summary>
public sealed class OrganisationServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private OrganisationService Organisations => app.Services.GetRequiredService<OrganisationService>();

    private static SaveOrganisation Command(string? name = null) => new(
        name ?? "Vélos Partagés " + Guid.NewGuid().ToString("N")[..6], OrganisationKind.Association, SizeBand.Small, DevelopmentStage.Creation,
        "https://velos.example", "Association qui partage des vélos.");

    private async Task<Organisation?> StoredAsync(Guid id)
    {
        await using var db = await _data.DbAsync();
        return await db.Organisations.AsNoTracking().Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == id);
    }

    private async Task<int> CountAsync()
    {
        await using var db = await _data.DbAsync();
        return await db.Organisations.CountAsync();
    }

    [Fact]
    public async Task Anyone_signed_in_creates_an_organisation_and_becomes_its_first_member()
    {
        var user = await _data.UserAsync();
        var command = Command() with { Website = " https://velos.example ", Description = "  " };

        var created = await Organisations.CreateAsync(user, command);

        created.Error.ShouldBeNull();
        var detail = created.Value!;
        detail.Name.ShouldBe(command.Name);
        detail.Kind.ShouldBe(OrganisationKind.Association);
        detail.Website.ShouldBe("https://velos.example");
        detail.Description.ShouldBeNull();
        detail.CanEdit.ShouldBeTrue();
        detail.Members.Select(m => m.UserId).ShouldBe([user.UserId!]);
        (await Organisations.ListAsync(user)).ShouldBe([new OrganisationSummary(detail.Id, detail.Name, OrganisationKind.Association, SizeBand.Small, DevelopmentStage.Creation, true)]);
    }

    [Fact]
    public async Task An_anonymous_visitor_creates_nothing()
    {
        var before = await CountAsync();

        (await Organisations.CreateAsync(Actor.Anonymous, Command())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        (await CountAsync()).ShouldBe(before);
        (await Organisations.ListAsync(Actor.Anonymous)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_already_taken_whatever_its_case_is_refused()
    {
        var existing = await _data.OrganisationAsync("Roulons Ensemble " + Guid.NewGuid().ToString("N")[..4]);
        var user = await _data.UserAsync();
        var before = await CountAsync();

        var refused = await Organisations.CreateAsync(user, Command(existing.Name.ToUpperInvariant()));

        refused.Error!.Code.ShouldBe(ErrorCodes.DuplicateOrganisationName);
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_invalid_organisation_is_refused_field_by_field_and_nothing_is_created()
    {
        var user = await _data.UserAsync();
        var before = await CountAsync();

        var refused = await Organisations.CreateAsync(user, Command() with { Name = "", Website = "velos.example" });

        refused.Error!.Code.ShouldBe(ErrorCodes.Validation);
        refused.Error.Fields!.Keys.Order().ShouldBe(["Name", "Website"]);
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_member_edits_the_organisation()
    {
        var member = await _data.UserAsync();
        var created = (await Organisations.CreateAsync(member, Command())).Value!;
        var rename = Command("Vélos en Commun " + Guid.NewGuid().ToString("N")[..4]) with { SizeBand = SizeBand.Medium, Stage = DevelopmentStage.Transfer, Website = null };

        var edited = await Organisations.EditAsync(member, created.Id, rename);

        edited.Error.ShouldBeNull();
        var stored = (await StoredAsync(created.Id))!;
        stored.Name.ShouldBe(rename.Name);
        stored.SizeBand.ShouldBe(SizeBand.Medium);
        stored.Stage.ShouldBe(DevelopmentStage.Transfer);
        stored.Website.ShouldBeNull();
    }

    [Fact]
    public async Task Others_cannot_edit_it_and_a_refusal_changes_nothing()
    {
        var member = await _data.UserAsync();
        var created = (await Organisations.CreateAsync(member, Command())).Value!;
        var taken = await _data.OrganisationAsync();
        var stranger = await _data.UserAsync();
        var facilitator = await _data.UserAsync(Roles.Facilitator);

        (await Organisations.EditAsync(stranger, created.Id, Command())).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Organisations.EditAsync(Actor.Anonymous, created.Id, Command())).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Organisations.EditAsync(facilitator, created.Id, Command())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Organisations.EditAsync(member, created.Id, Command(taken.Name))).Error!.Code.ShouldBe(ErrorCodes.DuplicateOrganisationName);
        (await Organisations.EditAsync(member, created.Id, Command() with { Kind = (OrganisationKind)40 })).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await Organisations.EditAsync(member, Guid.NewGuid(), Command())).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        (await StoredAsync(created.Id))!.Name.ShouldBe(created.Name);
    }

    [Fact]
    public async Task An_administrator_edits_any_organisation_and_it_is_audited()
    {
        var organisation = await _data.OrganisationAsync();
        var admin = await _data.UserAsync(Roles.Administrator);

        (await Organisations.EditAsync(admin, organisation.Id, Command("Nom corrigé " + Guid.NewGuid().ToString("N")[..4]))).Error.ShouldBeNull();

        await using var db = await _data.DbAsync();
        var audit = await db.Audit.SingleAsync(a => a.Action == "organisation.edited" && a.ActorUserId == admin.UserId);
        audit.Before!.ShouldContain(organisation.Name);
        audit.After!.ShouldContain("Nom corrig");
    }

    [Fact]
    public async Task Members_see_their_organisations_while_administrators_and_facilitators_see_all()
    {
        var mine = await _data.OrganisationAsync();
        var other = await _data.OrganisationAsync();
        var member = await _data.UserAsync(organisation: mine.Id);
        var admin = await _data.UserAsync(Roles.Administrator);
        var facilitator = await _data.UserAsync(Roles.Facilitator);

        (await Organisations.ListAsync(member)).Select(o => o.Id).ShouldBe([mine.Id]);
        (await Organisations.FindAsync(member, other.Id)).ShouldBeNull();
        foreach (var seesAll in new[] { admin, facilitator })
        {
            var all = await Organisations.ListAsync(seesAll);
            all.Select(o => o.Id).ShouldContain(mine.Id);
            all.Select(o => o.Id).ShouldContain(other.Id);
            all.ShouldAllBe(o => !o.IsMine);
        }

        var seenByFacilitator = (await Organisations.FindAsync(facilitator, mine.Id))!;
        seenByFacilitator.CanEdit.ShouldBeFalse();
        seenByFacilitator.Members.ShouldBeEmpty();
        var seenByAdmin = (await Organisations.FindAsync(admin, mine.Id))!;
        seenByAdmin.CanEdit.ShouldBeTrue();
        seenByAdmin.Members.Select(m => m.UserId).ShouldBe([member.UserId!]);
    }

    [Fact]
    public async Task A_member_invites_a_colleague_who_registers_as_a_representative()
    {
        var organisation = await _data.OrganisationAsync();
        var member = await _data.UserAsync(organisation: organisation.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var email = $"collegue-{Guid.NewGuid():N}@test.example";

        var invitation = await invitations.CreateAsync(member, new CreateInvitation(email, null, organisation.Id));
        invitation.Error.ShouldBeNull();
        var registered = await invitations.RegisterAsync(new Registration(invitation.Value!.Token, "Camille Collègue", "un-mot-de-passe-long"));

        registered.Error.ShouldBeNull();
        var colleague = new Actor(registered.Value!.Id, false, false);
        (await Organisations.FindAsync(colleague, organisation.Id))!.Members.Select(m => m.DisplayName).ShouldContain("Camille Collègue");
    }

    [Fact]
    public async Task Only_members_invite_to_their_organisation_and_never_with_a_platform_role()
    {
        var organisation = await _data.OrganisationAsync();
        var member = await _data.UserAsync(organisation: organisation.Id);
        var stranger = await _data.UserAsync(organisation: (await _data.OrganisationAsync()).Id);
        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();

        (await invitations.CreateAsync(stranger, new CreateInvitation("a@test.example", null, organisation.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await invitations.CreateAsync(member, new CreateInvitation("b@test.example", Roles.Facilitator, organisation.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await invitations.CreateAsync(member, new CreateInvitation("c@test.example", null, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await invitations.CreateAsync(Actor.Anonymous, new CreateInvitation("d@test.example", null, organisation.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        await using var db = await _data.DbAsync();
        (await db.AccountInvitations.CountAsync(i => i.OrganisationId == organisation.Id || (i.OrganisationId == null && i.Email == "c@test.example"))).ShouldBe(0);
    }
}
