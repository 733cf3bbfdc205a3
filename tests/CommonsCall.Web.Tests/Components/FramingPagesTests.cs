using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Components.Pages.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The framing pages on the real services and database: glossary and scope editors, participants, the invitation panel.</summary>
public sealed class FramingPagesTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly TestData _data;

    public FramingPagesTests(AppFactory app)
    {
        _data = new TestData(app);
        Services.AddFallbackServiceProvider(app.Services);
    }

    /// <summary>
    /// Waits for <paramref name="outcome"/> once no editor is busy: the last render of an operation has happened,
    /// so the next click reaches the buttons on screen.
    /// </summary>
    private static void Settled<T>(IRenderedComponent<T> cut, Action outcome)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[aria-busy=true]").ShouldBeEmpty();
            outcome();
        });

    private async Task<Call> StoredAsync(Guid id)
    {
        await using var db = await _data.DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task The_facilitator_frames_the_glossary_and_the_scope_on_the_edit_page()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);
        var cut = Render<EditCallPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(facilitator)));
        cut.WaitForElement("[data-testid=glossary-editor]");

        cut.Find("#new-term").Input("Commun");
        cut.Find("#new-definition").Input("Ressource partagée");
        cut.Find("[data-testid=add-term]").Click();
        Settled(cut, () => cut.Find("[data-testid=glossary-term]").TextContent.ShouldBe("Commun"));
        cut.Find("#new-term").GetAttribute("value").ShouldBeNullOrEmpty();

        cut.Find("[data-testid=edit-term]").Click();
        cut.WaitForElement("#edit-definition").Input("Ressource ouverte gérée par une communauté");
        cut.Find("[data-testid=save-term]").Click();
        Settled(cut, () => cut.Find("[data-testid=glossary-row]").TextContent.ShouldContain("gérée par une communauté"));

        cut.Find("#new-term").Input("commun");
        cut.Find("#new-definition").Input("Doublon");
        cut.Find("[data-testid=add-term]").Click();
        Settled(cut, () => cut.Find("[data-testid=glossary-editor] [data-testid=form-error]").TextContent.ShouldBe("Ce terme est déjà défini dans le glossaire."));

        cut.Find("#new-statement").Input("Les fonctionnalités d'un seul opérateur");
        cut.Find("#new-statement-side").Change("out");
        cut.Find("[data-testid=add-statement]").Click();
        Settled(cut, () => cut.Find("[data-testid=scope-out] [data-testid=scope-text]").TextContent.ShouldBe("Les fonctionnalités d'un seul opérateur"));

        cut.Find("[data-testid=remove-term]").Click();
        Settled(cut, () => cut.FindAll("[data-testid=glossary-term]").ShouldBeEmpty());

        var stored = await StoredAsync(call.Id);
        stored.Glossary.ShouldBeEmpty();
        stored.Scope.Single().InScope.ShouldBeFalse();
    }

    [Fact]
    public async Task The_facilitator_saves_the_details_on_the_edit_page()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.Public, facilitator);
        var cut = Render<EditCallPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(facilitator)));
        cut.WaitForElement("[data-testid=call-form]");

        cut.Find("#call-title").Input("Appel recadré");
        cut.Find("#call-date-Commons").Change(TestClock.IsoDay(70));
        cut.Find("#call-date-Challenges").Change(TestClock.IsoDay(71));
        cut.Find("[data-testid=save-call]").Click();
        cut.WaitForAssertion(() => cut.Find("#call-dates-error").GetAttribute("role").ShouldBe("alert"));
        (await StoredAsync(call.Id)).Title.ShouldBe(call.Title);

        cut.Find("#call-date-Challenges").Change(TestClock.IsoDay(56));
        cut.Find("[data-testid=save-call]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=edit-message]").TextContent.ShouldBe("L'appel est enregistré."));
        var stored = await StoredAsync(call.Id);
        stored.Title.ShouldBe("Appel recadré");
        stored.PlannedDates.StartOf(CallPhase.Commons).ShouldBe(TestClock.Today.AddDays(70));
    }

    [Fact]
    public async Task The_edit_and_participants_pages_are_refused_to_members()
    {
        var call = await _data.CallAsync(CallVisibility.Public);
        var organisation = await _data.OrganisationAsync();
        await _data.JoinAsync(call, organisation, ParticipantRole.Member);
        var member = await _data.UserAsync(organisation: organisation.Id);

        var edit = Render<EditCallPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(member)));
        var participants = Render<ParticipantsPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(member)));

        edit.WaitForAssertion(() => edit.Find("[role=alert] h1").TextContent.ShouldBe("Accès refusé"));
        edit.FindAll("[data-testid=call-form]").ShouldBeEmpty();
        participants.WaitForAssertion(() => participants.Find("[role=alert] h1").TextContent.ShouldBe("Accès refusé"));
    }

    [Fact]
    public async Task The_facilitator_invites_an_organisation_whose_representative_accepts_on_the_call_page()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.MembersOnly, facilitator);
        var organisation = await _data.OrganisationAsync("Roulons " + Guid.NewGuid().ToString("N")[..6]);
        var representative = await _data.UserAsync(organisation: organisation.Id);

        var page = Render<ParticipantsPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(facilitator)));
        page.WaitForElement($"#invite-organisation option[value='{organisation.Id}']");
        page.Find("#invite-organisation").Change(organisation.Id.ToString());
        page.Find("#invite-role").Change("Funder");
        page.Find("[data-testid=invite-participant]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=participants-message]").TextContent.ShouldBe($"{organisation.Name} est invitée comme Financeur."));
        page.WaitForAssertion(() => page.Find("[data-testid=participant-row]").TextContent.ShouldContain("Invitée"));

        var callPage = Render<CallPage>(p => p.Add(c => c.Slug, call.Slug).AddCascadingValue(StateOf(representative)));
        callPage.WaitForAssertion(() => callPage.Find("[data-testid=participation-item]").TextContent.ShouldContain($"{organisation.Name} est invitée à participer à cet appel comme Financeur."));
        callPage.Find("[data-testid=accept-invitation]").Click();

        callPage.WaitForAssertion(() => callPage.Find("[data-testid=participation-item]").TextContent.ShouldContain("participe à cet appel comme Financeur"));
        callPage.FindAll("[data-testid=accept-invitation]").ShouldBeEmpty();
        await using var db = await _data.DbAsync();
        (await db.Participants.SingleAsync(p => p.CallId == call.Id)).State.ShouldBe(InvitationState.Joined);
    }
}
