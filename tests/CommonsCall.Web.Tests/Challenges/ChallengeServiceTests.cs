using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Challenges;

/// <summary>Writing, publishing, archiving and supporting micro-challenges through the service, on PostgreSQL.</summary>
public sealed class ChallengeServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<ChallengeScenario> ScenarioAsync(CallVisibility visibility = CallVisibility.Public) => ChallengeScenario.CreateAsync(app, visibility);

    // Writing.

    [Fact]
    public async Task A_member_writes_a_draft_that_only_its_organisation_and_the_facilitators_see()
    {
        var s = await ScenarioAsync();

        var created = await s.Service.CreateAsync(s.Author.User, ChallengeScenario.AChallenge(publish: false) with { CallId = s.Call.Id, AuthorOrganisationId = s.Author.Id });

        created.Error.ShouldBeNull();
        var stored = await s.ReloadAsync(created.Value);
        stored.Status.ShouldBe(ChallengeStatus.Draft);
        stored.PublishedAt.ShouldBeNull();
        stored.AuthorOrganisationId.ShouldBe(s.Author.Id);
        stored.Question.ShouldBe("Comment recenser les aires de covoiturage ?");
        stored.Pains.ShouldBe(["Aires introuvables", "Listes en double"]);
        stored.Indicators.ShouldBe([new ScenarioIndicator("Aires recensées", 40, 300, "aires")]);
        (stored.WhoPays, stored.WhoUses, stored.WhoBenefits).ShouldBe(("La métropole", "Les opérateurs", "Les covoitureurs"));
        (stored.TargetCommunityMin, stored.TargetCommunityMax).ShouldBe((15, 20));

        (await s.Queries.FindAsync(s.Author.User, s.Slug, created.Value)).ShouldNotBeNull();
        (await s.Queries.FindAsync(s.Facilitator, s.Slug, created.Value)).ShouldNotBeNull();
        (await s.Queries.FindAsync(s.Other.User, s.Slug, created.Value)).ShouldBeNull();
        (await s.Queries.FindAsync(Actor.Anonymous, s.Slug, created.Value)).ShouldBeNull();
        (await s.Queries.ListAsync(s.Other.User, s.Slug, new ChallengeFilter()))!.Challenges.ShouldBeEmpty();
        (await s.Queries.ListAsync(s.Facilitator, s.Slug, new ChallengeFilter()))!.Challenges.Single().Id.ShouldBe(created.Value);
        (await s.AuditActionsAsync()).ShouldNotContain(a => a.StartsWith("challenge."));
    }

    [Fact]
    public async Task A_member_publishes_at_once_and_every_reader_of_the_call_sees_it()
    {
        var s = await ScenarioAsync();

        // Representing a single member organisation, the author may leave it out.
        var created = await s.Service.CreateAsync(s.Author.User, ChallengeScenario.AChallenge() with { CallId = s.Call.Id });

        var stored = await s.ReloadAsync(created.Value);
        stored.AuthorOrganisationId.ShouldBe(s.Author.Id);
        stored.Status.ShouldBe(ChallengeStatus.Published);
        stored.PublishedAt.ShouldBe(app.Clock.GetUtcNow());
        foreach (var reader in new[] { Actor.Anonymous, s.Outsider, s.Other.User })
        {
            (await s.Queries.FindAsync(reader, s.Slug, created.Value))!.Challenge.Question.ShouldBe(stored.Question);
        }
    }

    [Fact]
    public async Task Writing_is_refused_to_whoever_does_not_represent_the_author_and_nothing_is_created()
    {
        var s = await ScenarioAsync();
        var command = ChallengeScenario.AChallenge();

        (await s.Service.CreateAsync(s.Other.User, command with { CallId = s.Call.Id, AuthorOrganisationId = s.Author.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.CreateAsync(s.Outsider, command with { CallId = s.Call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.CreateAsync(s.Outsider, command with { CallId = s.Call.Id, AuthorOrganisationId = s.Author.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.CreateAsync(Actor.Anonymous, command with { CallId = s.Call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.CreateAsync(s.Author.User, command with { CallId = Guid.NewGuid() })).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        // Permission comes before input: someone who may not write learns nothing about what would be valid.
        (await s.Service.CreateAsync(s.Outsider, command with { CallId = s.Call.Id, Question = "Pas une question" })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.ChallengeCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_members_only_call_is_not_found_for_outsiders_and_members_of_another_call()
    {
        var s = await ScenarioAsync(CallVisibility.MembersOnly);
        var elsewhere = await ScenarioAsync(CallVisibility.MembersOnly);
        var id = await s.WriteAsync();

        foreach (var stranger in new[] { Actor.Anonymous, s.Outsider, elsewhere.Author.User })
        {
            (await s.Service.CreateAsync(stranger, ChallengeScenario.AChallenge() with { CallId = s.Call.Id })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
            (await s.Service.SupportAsync(stranger, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
            (await s.Queries.ListAsync(stranger, s.Slug, new ChallengeFilter())).ShouldBeNull();
            (await s.Queries.FindAsync(stranger, s.Slug, id)).ShouldBeNull();
        }

        // Nor is a challenge reached through the slug of another call.
        (await s.Queries.FindAsync(elsewhere.Author.User, elsewhere.Slug, id)).ShouldBeNull();
        (await s.Service.PublishAsync(elsewhere.Facilitator, new PublishChallenge(elsewhere.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.ChallengeCountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData(CallPhase.Framing)]
    [InlineData(CallPhase.Budgeting)]
    [InlineData(CallPhase.Results)]
    public async Task Members_write_only_in_the_challenges_and_commons_phases(CallPhase phase)
    {
        var s = await ScenarioAsync();
        await s.SetPhaseAsync(phase);

        var refused = await s.Service.CreateAsync(s.Author.User, ChallengeScenario.AChallenge() with { CallId = s.Call.Id });

        refused.Error!.Code.ShouldBe(ErrorCodes.WrongPhase);
        (await s.ChallengeCountAsync()).ShouldBe(0);
        (await s.Queries.NewAsync(s.Author.User, s.Slug))!.Value.MayWriteFor.ShouldBeEmpty();
    }

    [Fact]
    public async Task Members_also_write_in_the_commons_phase()
    {
        var s = await ScenarioAsync();
        await s.SetPhaseAsync(CallPhase.Commons);

        (await s.Service.CreateAsync(s.Author.User, ChallengeScenario.AChallenge() with { CallId = s.Call.Id })).Error.ShouldBeNull();
    }

    [Fact]
    public async Task A_facilitator_writes_for_a_joined_member_in_any_phase_and_it_is_audited()
    {
        var s = await ScenarioAsync();
        await s.SetPhaseAsync(CallPhase.Budgeting);

        var created = await s.Service.CreateAsync(s.Facilitator, ChallengeScenario.AChallenge() with { CallId = s.Call.Id, AuthorOrganisationId = s.Other.Id });

        (await s.ReloadAsync(created.Value)).AuthorOrganisationId.ShouldBe(s.Other.Id);
        (await s.AuditActionsAsync()).ShouldContain("challenge.created");
        (await s.Queries.NewAsync(s.Facilitator, s.Slug))!.Value.MayWriteFor.Select(o => o.Id).ShouldBe(s.Members.Select(m => m.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task A_facilitator_must_name_a_joined_member_as_author()
    {
        var s = await ScenarioAsync();
        var stranger = await new TestData(app).OrganisationAsync();

        (await s.Service.CreateAsync(s.Facilitator, ChallengeScenario.AChallenge() with { CallId = s.Call.Id, AuthorOrganisationId = stranger.Id })).Error!.Code.ShouldBe(ErrorCodes.UnknownOrganisation);
        var unnamed = await s.Service.CreateAsync(s.Facilitator, ChallengeScenario.AChallenge() with { CallId = s.Call.Id });
        unnamed.Error!.Code.ShouldBe(ErrorCodes.Validation);
        unnamed.Error.Fields!.Keys.ShouldBe(["AuthorOrganisationId"]);
        (await s.ChallengeCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_challenge_is_refused_field_by_field_and_nothing_is_created()
    {
        var s = await ScenarioAsync();

        var refused = await s.Service.CreateAsync(s.Author.User, ChallengeScenario.AChallenge("Partager plus de vélos.") with { CallId = s.Call.Id, Pains = [""] });

        refused.Error!.Code.ShouldBe(ErrorCodes.Validation);
        refused.Error.Fields!.Keys.ShouldBe(["Question", "Pains[0]"], ignoreOrder: true);
        (await s.ChallengeCountAsync()).ShouldBe(0);
    }

    // Editing.

    [Fact]
    public async Task The_author_organisation_edits_its_challenge_without_an_audit_entry()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        var read = await s.ReloadAsync(id);

        var edited = await s.Service.EditAsync(s.Author.User, new EditChallenge
        {
            CallId = s.Call.Id,
            ChallengeId = id,
            Question = "Comment recenser toutes les aires de covoiturage ?",
            Pains = ["Aires introuvables"],
            Indicators = [new IndicatorInput("Aires recensées", 40, 500, null), new IndicatorInput("Délai de mise à jour", 90, 7, "jours")],
            TargetCommunityMin = 8,
            TargetCommunityMax = 12,
            Version = read.Version,
        });

        edited.Error.ShouldBeNull();
        var stored = await s.ReloadAsync(id);
        stored.Question.ShouldBe("Comment recenser toutes les aires de covoiturage ?");
        stored.Pains.ShouldBe(["Aires introuvables"]);
        stored.Indicators.Count.ShouldBe(2);
        stored.Context.ShouldBeNull();
        (stored.TargetCommunityMin, stored.TargetCommunityMax).ShouldBe((8, 12));
        stored.Status.ShouldBe(ChallengeStatus.Published);
        (await s.AuditActionsAsync()).ShouldNotContain(a => a.StartsWith("challenge."));
    }

    [Fact]
    public async Task Another_member_cannot_edit_and_the_challenge_is_unchanged()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        var refused = await s.Service.EditAsync(s.Other.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment tout changer ?" });

        refused.Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.EditAsync(Actor.Anonymous, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment tout changer ?" })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.EditAsync(s.Other.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "" })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.SetResourcePersonAsync(s.Other.User, new SetResourcePerson(new string('n', 201), null) { CallId = s.Call.Id, ChallengeId = id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires de covoiturage ?");
    }

    [Fact]
    public async Task A_draft_of_another_organisation_is_not_found_rather_than_forbidden()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync(publish: false);

        (await s.Service.EditAsync(s.Other.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment tout changer ?" })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Service.PublishAsync(s.Other.User, new PublishChallenge(s.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, s.Other.Id))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Draft);
    }

    [Fact]
    public async Task The_author_cannot_edit_once_the_call_has_moved_on_but_a_facilitator_can_and_it_is_audited()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        await s.SetPhaseAsync(CallPhase.Budgeting);

        (await s.Service.EditAsync(s.Author.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment changer après coup ?" })).Error!.Code.ShouldBe(ErrorCodes.WrongPhase);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires de covoiturage ?");

        (await s.Service.EditAsync(s.Facilitator, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment recenser les aires du territoire ?" })).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires du territoire ?");
        (await s.AuditActionsAsync()).ShouldContain("challenge.edited");
        (await s.Queries.FindAsync(s.Author.User, s.Slug, id))!.You.CanEdit.ShouldBeFalse();
        (await s.Queries.FindAsync(s.Facilitator, s.Slug, id))!.You.CanEdit.ShouldBeTrue();
    }

    [Fact]
    public async Task An_edit_based_on_an_old_version_is_refused_as_a_conflict()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        var read = await s.ReloadAsync(id);
        (await s.Service.EditAsync(s.Facilitator, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment recenser les aires, version animateur ?", Version = read.Version })).Error.ShouldBeNull();

        var stale = await s.Service.EditAsync(s.Author.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment recenser les aires, version membre ?", Version = read.Version });

        stale.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires, version animateur ?");
    }

    // Publishing and archiving.

    [Fact]
    public async Task The_author_publishes_its_draft_once()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync(publish: false);
        (await s.Queries.FindAsync(s.Author.User, s.Slug, id))!.You.CanPublish.ShouldBeTrue();

        (await s.Service.PublishAsync(s.Author.User, new PublishChallenge(s.Call.Id, id))).Error.ShouldBeNull();
        var publishedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await s.Service.PublishAsync(s.Author.User, new PublishChallenge(s.Call.Id, id))).Error.ShouldBeNull();

        var stored = await s.ReloadAsync(id);
        stored.Status.ShouldBe(ChallengeStatus.Published);
        stored.PublishedAt.ShouldBe(publishedAt);
        (await s.Queries.FindAsync(Actor.Anonymous, s.Slug, id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Publishing_follows_the_phase_for_members()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync(publish: false);
        await s.SetPhaseAsync(CallPhase.Budgeting);

        (await s.Service.PublishAsync(s.Author.User, new PublishChallenge(s.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.WrongPhase);

        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Draft);
    }

    [Fact]
    public async Task A_facilitator_archives_a_challenge_which_stays_readable_but_frozen_for_members()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error.ShouldBeNull();

        (await s.Service.ArchiveAsync(s.Facilitator, new ArchiveChallenge(s.Call.Id, id))).Error.ShouldBeNull();
        (await s.Service.ArchiveAsync(s.Facilitator, new ArchiveChallenge(s.Call.Id, id))).Error.ShouldBeNull();

        var stored = await s.ReloadAsync(id);
        stored.Status.ShouldBe(ChallengeStatus.Archived);
        stored.Supporters.Single().OrganisationId.ShouldBe(s.Other.Id);
        (await s.AuditActionsAsync()).Count(a => a == "challenge.archived").ShouldBe(1);
        (await s.Queries.FindAsync(Actor.Anonymous, s.Slug, id))!.Challenge.Status.ShouldBe(ChallengeStatus.Archived);
        (await s.Service.EditAsync(s.Author.User, new EditChallenge { CallId = s.Call.Id, ChallengeId = id, Question = "Comment le ranimer ?" })).Error!.Code.ShouldBe(ErrorCodes.ChallengeArchived);
        (await s.Service.PublishAsync(s.Author.User, new PublishChallenge(s.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.ChallengeArchived);
        (await s.Service.SupportAsync(s.Third.User, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.ChallengeArchived);
        (await s.Service.WithdrawSupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.ChallengeArchived);
        (await s.ReloadAsync(id)).Supporters.Count.ShouldBe(1);

        // The facilitator may put it back.
        (await s.Service.PublishAsync(s.Facilitator, new PublishChallenge(s.Call.Id, id))).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Published);
        (await s.AuditActionsAsync()).ShouldContain("challenge.published");
    }

    [Fact]
    public async Task Only_facilitators_and_administrators_archive()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        (await s.Service.ArchiveAsync(s.Author.User, new ArchiveChallenge(s.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.ArchiveAsync(s.Other.User, new ArchiveChallenge(s.Call.Id, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Published);

        (await s.Service.ArchiveAsync(s.Administrator, new ArchiveChallenge(s.Call.Id, id))).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Archived);
    }

    // Resource person.

    [Fact]
    public async Task A_facilitator_names_one_of_the_facilitators_as_resource_person_by_account()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson(null, s.Facilitator.UserId) { CallId = s.Call.Id, ChallengeId = id })).Error.ShouldBeNull();

        var stored = await s.ReloadAsync(id);
        stored.ResourcePersonUserId.ShouldBe(s.Facilitator.UserId);
        stored.ResourcePersonName.ShouldStartWith("user-");
        (await s.AuditActionsAsync()).ShouldContain("challenge.resource_person_set");
        var detail = await s.Queries.FindAsync(s.Facilitator, s.Slug, id);
        detail!.ResourcePersonChoices.Single().UserId.ShouldBe(s.Facilitator.UserId);
        (await s.Queries.FindAsync(s.Author.User, s.Slug, id))!.ResourcePersonChoices.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_resource_person_without_an_account_is_named_and_can_be_removed()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson("  Dominique, tiers-lieu voisin ", null) { CallId = s.Call.Id, ChallengeId = id })).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).ResourcePersonName.ShouldBe("Dominique, tiers-lieu voisin");
        (await s.Queries.ListAsync(Actor.Anonymous, s.Slug, new ChallengeFilter()))!.Challenges.Single().ResourcePersonName.ShouldBe("Dominique, tiers-lieu voisin");

        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson(null, null) { CallId = s.Call.Id, ChallengeId = id })).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).HasResourcePerson.ShouldBeFalse();
    }

    [Fact]
    public async Task A_resource_person_with_an_account_must_facilitate_the_call_and_only_facilitators_assign_one()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson("Membre", s.Other.User.UserId) { CallId = s.Call.Id, ChallengeId = id })).Error!.Code.ShouldBe(ErrorCodes.ResourcePersonNotFacilitator);
        (await s.Service.SetResourcePersonAsync(s.Author.User, new SetResourcePerson("Moi-même", null) { CallId = s.Call.Id, ChallengeId = id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson(new string('n', 201), null) { CallId = s.Call.Id, ChallengeId = id })).Error!.Code.ShouldBe(ErrorCodes.Validation);

        (await s.ReloadAsync(id)).HasResourcePerson.ShouldBeFalse();
        (await s.AuditActionsAsync()).ShouldNotContain("challenge.resource_person_set");
    }

    // Support.

    [Fact]
    public async Task Another_member_supports_a_challenge_once_and_withdraws_it_once()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, s.Other.Id))).Error.ShouldBeNull();
        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error.ShouldBeNull();

        (await s.ReloadAsync(id)).Supporters.Single().OrganisationId.ShouldBe(s.Other.Id);
        var detail = await s.Queries.FindAsync(s.Other.User, s.Slug, id);
        detail!.Supporters.Single().Name.ShouldBe(s.Other.Organisation.Name);
        detail.You.Support.Single().ShouldBe(new SupportChoice(s.Other.Id, s.Other.Organisation.Name, true));
        (await s.Queries.ListAsync(s.Other.User, s.Slug, new ChallengeFilter()))!.Challenges.Single().SupportedByMe.ShouldBeTrue();

        (await s.Service.WithdrawSupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error.ShouldBeNull();
        (await s.Service.WithdrawSupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error.ShouldBeNull();
        (await s.ReloadAsync(id)).Supporters.ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_supports_by_one_organisation_make_one_supporter()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null)))));

        results.ShouldAllBe(r => r.IsSuccess);
        (await s.ReloadAsync(id)).Supporters.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Support_is_refused_to_the_author_outsiders_other_organisations_and_outside_the_members_phases()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        var draft = await s.WriteAsync(publish: false, question: "Comment partager plus de vélos ?");

        (await s.Service.SupportAsync(s.Author.User, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.OwnChallenge);
        (await s.Service.SupportAsync(s.Author.User, new SupportChallenge(s.Call.Id, id, s.Author.Id))).Error!.Code.ShouldBe(ErrorCodes.OwnChallenge);
        (await s.Service.SupportAsync(s.Author.User, new SupportChallenge(s.Call.Id, draft, s.Author.Id))).Error!.Code.ShouldBe(ErrorCodes.OwnChallenge);
        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, s.Third.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.SupportAsync(s.Outsider, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.SupportAsync(Actor.Anonymous, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Service.SupportAsync(s.Facilitator, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        await s.SetPhaseAsync(CallPhase.Budgeting);
        (await s.Service.SupportAsync(s.Other.User, new SupportChallenge(s.Call.Id, id, null))).Error!.Code.ShouldBe(ErrorCodes.WrongPhase);
        (await s.Queries.FindAsync(s.Other.User, s.Slug, id))!.You.Support.ShouldBeEmpty();

        (await s.ReloadAsync(id)).Supporters.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_facilitator_who_sees_a_draft_and_represents_another_member_cannot_support_it_yet()
    {
        var s = await ScenarioAsync();
        var draft = await s.WriteAsync(publish: false);
        var both = await new TestData(app).UserAsync(Roles.Facilitator, s.Other.Id);
        await using (var db = await new TestData(app).DbAsync())
        {
            db.Set<CallFacilitator>().Add(new CallFacilitator(s.Call.Id, both.UserId!));
            await db.SaveChangesAsync();
        }

        (await s.Service.SupportAsync(both, new SupportChallenge(s.Call.Id, draft, s.Other.Id))).Error!.Code.ShouldBe(ErrorCodes.ChallengeNotPublished);
        (await s.ReloadAsync(draft)).Supporters.ShouldBeEmpty();
    }

    [Fact]
    public async Task Someone_representing_several_members_says_which_one_supports()
    {
        var s = await ScenarioAsync();
        var id = await s.WriteAsync();
        var both = await new TestData(app).UserAsync(organisation: s.Other.Id);
        await using (var db = await new TestData(app).DbAsync())
        {
            db.OrganisationMembers.Add(new Domain.Organisations.OrganisationMember(s.Third.Id, both.UserId!));
            await db.SaveChangesAsync();
        }

        var ambiguous = await s.Service.SupportAsync(both, new SupportChallenge(s.Call.Id, id, null));

        ambiguous.Error!.Code.ShouldBe(ErrorCodes.Validation);
        ambiguous.Error.Fields!.Keys.ShouldBe(["OrganisationId"]);
        (await s.Service.SupportAsync(both, new SupportChallenge(s.Call.Id, id, s.Third.Id))).Error.ShouldBeNull();
        (await s.Queries.FindAsync(both, s.Slug, id))!.You.Support.Select(c => (c.Name, c.Supports))
            .ShouldBe([(s.Other.Organisation.Name, false), (s.Third.Organisation.Name, true)], ignoreOrder: true);
    }

    // Listing.

    [Fact]
    public async Task The_list_filters_by_text_status_author_support_and_resource_person()
    {
        var s = await ScenarioAsync();
        var aires = await s.WriteAsync(question: "Comment recenser les aires de covoiturage ?");
        var velos = await s.WriteAsync(s.Other, question: "Comment partager plus de vélos ?");
        var preuve = await s.WriteAsync(s.Third, publish: false, question: "Comment prouver qu'un covoiturage a eu lieu à 100 % ?");
        (await s.Service.SupportAsync(s.Third.User, new SupportChallenge(s.Call.Id, velos, null))).Error.ShouldBeNull();
        (await s.Service.SetResourcePersonAsync(s.Facilitator, new SetResourcePerson("Camille", null) { CallId = s.Call.Id, ChallengeId = aires })).Error.ShouldBeNull();
        (await s.Service.ArchiveAsync(s.Facilitator, new ArchiveChallenge(s.Call.Id, velos))).Error.ShouldBeNull();

        async Task<IEnumerable<Guid>> Ids(Actor actor, ChallengeFilter filter) => (await s.Queries.ListAsync(actor, s.Slug, filter))!.Challenges.Select(c => c.Id);

        (await Ids(s.Third.User, new ChallengeFilter())).ShouldBe([preuve, aires, velos]);
        (await Ids(s.Author.User, new ChallengeFilter())).ShouldBe([aires, velos]);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "VÉLOS"))).ShouldBe([velos]);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "velos"))).ShouldBe([velos]);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "en double"))).ShouldBe([aires, velos, preuve], ignoreOrder: true);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "100 %"))).ShouldBe([preuve]);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "%"))).ShouldBe([preuve]);
        (await Ids(s.Facilitator, new ChallengeFilter(Search: "recensées"))).ShouldBe([aires, velos, preuve], ignoreOrder: true);
        (await Ids(s.Facilitator, new ChallengeFilter(Status: ChallengeStatus.Archived))).ShouldBe([velos]);
        (await Ids(s.Facilitator, new ChallengeFilter(AuthorOrganisationId: s.Third.Id))).ShouldBe([preuve]);
        (await Ids(s.Third.User, new ChallengeFilter(SupportedByMe: true))).ShouldBe([velos]);
        (await Ids(s.Facilitator, new ChallengeFilter(SupportedByMe: true))).ShouldBeEmpty();
        (await Ids(s.Facilitator, new ChallengeFilter(HasResourcePerson: true))).ShouldBe([aires]);
        (await Ids(s.Facilitator, new ChallengeFilter(HasResourcePerson: false))).ShouldBe([preuve, velos]);

        var list = await s.Queries.ListAsync(Actor.Anonymous, s.Slug, new ChallengeFilter());
        list!.Authors.Select(a => a.Id).ShouldBe([s.Author.Id, s.Other.Id], ignoreOrder: true);
        list.CanCreate.ShouldBeFalse();
        (await s.Queries.ListAsync(s.Author.User, s.Slug, new ChallengeFilter()))!.MayWriteFor.Single().Id.ShouldBe(s.Author.Id);
    }
}
