using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Calls;

/// <summary>Creating and framing a call through the service, against PostgreSQL.</summary>
public sealed class CallFramingServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly March = TestClock.Today.AddDays(7);

    private readonly TestData _data = new(app);

    private CallFramingService Framing => app.Services.GetRequiredService<CallFramingService>();

    private static CreateCall NewCall(string? slug = null) => new(
        "Communs de la logistique urbaine", slug ?? "logistique-" + Guid.NewGuid().ToString("N")[..8], "Un appel **ouvert**.", "Logistique, Valmont", "EUR", CallVisibility.MembersOnly,
        [new PlannedDate(CallPhase.Framing, March), new PlannedDate(CallPhase.Budgeting, March.AddDays(90))]);

    private static EditCall Edit(string title = "Titre revu", string currency = "EUR") =>
        new(title, "Résumé revu", "Grand Valmont", currency, CallVisibility.Public, [new PlannedDate(CallPhase.Challenges, March.AddDays(10))]);

    private async Task<Call?> StoredAsync(Guid id)
    {
        await using var db = await _data.DbAsync();
        return await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == id);
    }

    private async Task<List<string>> AuditAsync(Guid callId)
    {
        await using var db = await _data.DbAsync();
        return await db.Audit.Where(a => a.CallId == callId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    private async Task<int> CallCountAsync()
    {
        await using var db = await _data.DbAsync();
        return await db.Calls.CountAsync();
    }

    [Theory]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.Administrator)]
    public async Task A_facilitator_or_an_administrator_creates_a_call_in_draft_and_facilitates_it(string role)
    {
        var creator = await _data.UserAsync(role);
        var command = NewCall();

        var created = await Framing.CreateAsync(creator, command);

        created.Error.ShouldBeNull();
        created.Value!.Slug.ShouldBe(command.Slug);
        var call = (await StoredAsync(created.Value.Id))!;
        call.Title.ShouldBe(command.Title);
        call.Phase.ShouldBe(CallPhase.Draft);
        call.Visibility.ShouldBe(CallVisibility.MembersOnly);
        call.IsFacilitator(creator.UserId!).ShouldBeTrue();
        call.PlannedDates.StartOf(CallPhase.Budgeting).ShouldBe(March.AddDays(90));
        (await AuditAsync(call.Id)).ShouldBe(["call.created"]);

        var detail = await app.Services.GetRequiredService<CallQueries>().FindAsync(command.Slug, creator);
        detail!.Access.IsFacilitator.ShouldBeTrue();
    }

    [Fact]
    public async Task Members_and_anonymous_visitors_cannot_create_a_call()
    {
        var org = await _data.OrganisationAsync();
        var member = await _data.UserAsync(organisation: org.Id);
        var before = await CallCountAsync();

        (await Framing.CreateAsync(member, NewCall())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Framing.CreateAsync(Actor.Anonymous, NewCall())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);

        (await CallCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_taken_slug_is_refused_and_the_existing_call_is_untouched()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var existing = await _data.CallAsync();
        var before = await CallCountAsync();

        var refused = await Framing.CreateAsync(facilitator, NewCall(existing.Slug));

        refused.Error!.Code.ShouldBe(ErrorCodes.DuplicateSlug);
        (await CallCountAsync()).ShouldBe(before);
        (await StoredAsync(existing.Id))!.Title.ShouldBe(existing.Title);
    }

    [Fact]
    public async Task An_invalid_call_is_refused_field_by_field_and_nothing_is_created()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var before = await CallCountAsync();

        var refused = await Framing.CreateAsync(facilitator, NewCall("Pas Un Slug") with { Currency = "ZZZ" });

        refused.Error!.Code.ShouldBe(ErrorCodes.Validation);
        refused.Error.Fields!.Keys.Order().ShouldBe(["Currency", "Slug"]);
        (await CallCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_facilitator_edits_the_details_and_the_planned_dates_with_an_audit_entry()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.MembersOnly, facilitator);

        var edited = await Framing.EditAsync(facilitator, Edit() with { CallId = call.Id });

        edited.Error.ShouldBeNull();
        var stored = (await StoredAsync(call.Id))!;
        stored.Title.ShouldBe("Titre revu");
        stored.Ecosystem.ShouldBe("Grand Valmont");
        stored.Visibility.ShouldBe(CallVisibility.Public);
        stored.Slug.ShouldBe(call.Slug);
        stored.PlannedDates.Dates().ShouldBe([(CallPhase.Challenges, March.AddDays(10))]);
        await using var db = await _data.DbAsync();
        var audit = await db.Audit.SingleAsync(a => a.CallId == call.Id && a.Action == "call.edited");
        audit.ActorUserId.ShouldBe(facilitator.UserId);
        audit.Before!.ShouldContain(call.Title);
        audit.After!.ShouldContain("Titre revu");
        audit.After!.ShouldContain(March.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_administrator_edits_any_call()
    {
        var call = await _data.CallAsync();
        var admin = await _data.UserAsync(Roles.Administrator);

        (await Framing.EditAsync(admin, Edit("Par l'administration") with { CallId = call.Id })).Error.ShouldBeNull();

        (await StoredAsync(call.Id))!.Title.ShouldBe("Par l'administration");
    }

    [Fact]
    public async Task Nobody_else_edits_a_call_and_a_refusal_changes_nothing()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);
        var otherFacilitator = await _data.UserAsync(Roles.Facilitator);
        await _data.CallAsync(CallVisibility.Public, otherFacilitator);
        var org = await _data.OrganisationAsync();
        await _data.JoinAsync(call, org, ParticipantRole.Member);
        var member = await _data.UserAsync(organisation: org.Id);

        foreach (var actor in new[] { otherFacilitator, member, Actor.Anonymous })
        {
            (await Framing.EditAsync(actor, Edit() with { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await Framing.AddGlossaryTermAsync(actor, new SaveGlossaryTerm("Terme", "Définition") { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await Framing.AddScopeStatementAsync(actor, new SaveScopeStatement("Énoncé", true) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        }

        var stored = (await StoredAsync(call.Id))!;
        stored.Title.ShouldBe(call.Title);
        stored.Glossary.ShouldBeEmpty();
        stored.Scope.ShouldBeEmpty();
        (await AuditAsync(call.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_call_is_not_found()
    {
        var admin = await _data.UserAsync(Roles.Administrator);

        (await Framing.EditAsync(admin, Edit() with { CallId = Guid.NewGuid() })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Framing.RemoveGlossaryTermAsync(admin, new RemoveGlossaryTerm(Guid.NewGuid(), Guid.NewGuid()))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Invalid_edits_and_dates_out_of_order_are_refused_and_change_nothing()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);

        var refused = await Framing.EditAsync(facilitator, Edit() with
        {
            CallId = call.Id,
            Title = "",
            PlannedDates = [new PlannedDate(CallPhase.Commons, March.AddDays(20)), new PlannedDate(CallPhase.Challenges, March.AddDays(21))],
        });

        refused.Error!.Code.ShouldBe(ErrorCodes.Validation);
        refused.Error.Fields!.Keys.Order().ShouldBe(["PlannedDates", "Title"]);
        (await StoredAsync(call.Id))!.Title.ShouldBe(call.Title);
        (await AuditAsync(call.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_currency_is_locked_once_money_was_pledged()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 1, pool: 10_000, null, (1_000, 5_000));

        var refused = await Framing.EditAsync(s.Facilitator, Edit("Nouveau titre", currency: "USD") with { CallId = s.Call.Id });

        refused.Error!.Code.ShouldBe(ErrorCodes.CurrencyLocked);
        var stored = (await StoredAsync(s.Call.Id))!;
        stored.Currency.ShouldBe("EUR");
        stored.Title.ShouldBe(s.Call.Title);
        (await Framing.EditAsync(s.Facilitator, Edit("Nouveau titre", currency: "EUR") with { CallId = s.Call.Id })).Error.ShouldBeNull();
    }

    [Fact]
    public async Task The_glossary_is_edited_term_by_term_and_each_change_is_audited()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);

        var id = (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm(" Commun ", "Ressource partagée") { CallId = call.Id })).Value;
        (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("Défi", "Question") { CallId = call.Id })).Error.ShouldBeNull();
        (await Framing.EditGlossaryTermAsync(facilitator, id, new SaveGlossaryTerm("Commun", "Ressource ouverte gérée par une communauté") { CallId = call.Id })).Error.ShouldBeNull();

        var glossary = (await StoredAsync(call.Id))!.Glossary;
        glossary.Select(t => (t.Term, t.Definition)).Order().ShouldBe([("Commun", "Ressource ouverte gérée par une communauté"), ("Défi", "Question")]);

        (await Framing.RemoveGlossaryTermAsync(facilitator, new RemoveGlossaryTerm(call.Id, id))).Error.ShouldBeNull();
        (await StoredAsync(call.Id))!.Glossary.Select(t => t.Term).ShouldBe(["Défi"]);
        (await AuditAsync(call.Id)).ShouldBe(["call.glossary_term_added", "call.glossary_term_added", "call.glossary_term_edited", "call.glossary_term_removed"]);
    }

    [Fact]
    public async Task A_term_already_defined_is_refused_and_the_glossary_is_unchanged()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);
        (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("Commun", "Ressource") { CallId = call.Id })).Error.ShouldBeNull();
        var other = (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("Défi", "Question") { CallId = call.Id })).Value;

        (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("COMMUN", "Autre") { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.DuplicateTerm);
        (await Framing.EditGlossaryTermAsync(facilitator, other, new SaveGlossaryTerm("commun", "Autre") { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.DuplicateTerm);
        (await Framing.EditGlossaryTermAsync(facilitator, Guid.NewGuid(), new SaveGlossaryTerm("Autre", "Autre") { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Framing.AddGlossaryTermAsync(facilitator, new SaveGlossaryTerm("", "") { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Validation);

        (await StoredAsync(call.Id))!.Glossary.Select(t => (t.Term, t.Definition)).Order().ShouldBe([("Commun", "Ressource"), ("Défi", "Question")]);
        (await AuditAsync(call.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_scope_is_edited_statement_by_statement_and_each_change_is_audited()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);

        var id = (await Framing.AddScopeStatementAsync(facilitator, new SaveScopeStatement("Les trajets du quotidien", true) { CallId = call.Id })).Value;
        (await Framing.AddScopeStatementAsync(facilitator, new SaveScopeStatement("Les fonctionnalités d'un seul opérateur", false) { CallId = call.Id })).Error.ShouldBeNull();
        (await Framing.EditScopeStatementAsync(facilitator, id, new SaveScopeStatement("La longue distance", false) { CallId = call.Id })).Error.ShouldBeNull();
        (await Framing.EditScopeStatementAsync(facilitator, Guid.NewGuid(), new SaveScopeStatement("X", true) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Framing.AddScopeStatementAsync(facilitator, new SaveScopeStatement(" ", true) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Validation);

        var scope = (await StoredAsync(call.Id))!.Scope;
        scope.ShouldAllBe(s => !s.InScope);
        scope.Select(s => s.Text).Order().ShouldBe(["La longue distance", "Les fonctionnalités d'un seul opérateur"]);

        (await Framing.RemoveScopeStatementAsync(facilitator, new RemoveScopeStatement(call.Id, id))).Error.ShouldBeNull();
        (await Framing.RemoveScopeStatementAsync(facilitator, new RemoveScopeStatement(call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await StoredAsync(call.Id))!.Scope.Count.ShouldBe(1);
        (await AuditAsync(call.Id)).ShouldBe(["call.scope_statement_added", "call.scope_statement_added", "call.scope_statement_edited", "call.scope_statement_removed"]);
    }
}
