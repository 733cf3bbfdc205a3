using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Onboarding;

namespace CommonsCall.Domain.Tests;

/// <summary>What importing a file does to a call, line by line, and that importing it again does nothing.</summary>
public class ImportPlanTests
{
    private static readonly Guid Covoit = Guid.NewGuid();

    private static readonly ImportState Empty = new([], new Dictionary<(Guid, ParticipantRole), InvitationState>(), new HashSet<(Guid, string)>(), new HashSet<string>());

    private static OnboardingRow Row(string name, params string[] emails) =>
        new(2, name, null, ParticipantRole.Member, null, emails, []);

    [Fact]
    public void A_new_organisation_is_created_invited_and_its_people_invited()
    {
        var line = ImportPlan.Make([Row("Vélo Libre", "a@velo.example")], Empty).Single();

        line.ShouldBe(line with { Organisation = OrganisationAction.Create, Participant = ParticipantAction.Invite });
        line.Emails.ShouldBe([new PlannedEmail("a@velo.example", EmailAction.Invite)]);
        line.ChangesSomething.ShouldBeTrue();
    }

    [Fact]
    public void A_known_person_is_added_at_once_and_not_invited()
    {
        var state = Empty with { RegisteredEmails = new HashSet<string> { "lea@covoit.example" } };

        ImportPlan.Make([Row("Vélo Libre", "Lea@Covoit.example")], state).Single().Emails.Single().Action.ShouldBe(EmailAction.AddRegistered);
    }

    [Fact]
    public void What_a_first_import_left_makes_the_same_line_change_nothing()
    {
        var state = Empty with
        {
            Organisations = [new KnownOrganisation(Covoit, "Covoit'Ouest", new HashSet<string>())],
            Participants = new Dictionary<(Guid, ParticipantRole), InvitationState> { [(Covoit, ParticipantRole.Member)] = InvitationState.Invited },
            Invited = new HashSet<(Guid, string)> { (Covoit, "lea@covoit.example") },
        };

        var line = ImportPlan.Make([Row("  covoit’ouest", "lea@covoit.example")], state).Single();

        line.ShouldBe(line with { Organisation = OrganisationAction.Existing, OrganisationId = Covoit, Participant = ParticipantAction.AlreadyInvited });
        line.Emails.Single().Action.ShouldBe(EmailAction.AlreadyInvited);
        line.ChangesSomething.ShouldBeFalse();
    }

    [Fact]
    public void A_represented_organisation_takes_no_new_representative_from_a_facilitator()
    {
        var state = Empty with { Organisations = [new KnownOrganisation(Covoit, "Covoit'Ouest", new HashSet<string> { "lea@covoit.example" })] };

        ImportPlan.Make([Row("Covoit'Ouest", "lea@covoit.example")], state).Single().Emails.Single().Action.ShouldBe(EmailAction.AlreadyRepresentative);
        ImportPlan.Make([Row("Covoit'Ouest", "intrus@ailleurs.example")], state).Single().Errors.ShouldBe([OnboardingCodes.RepresentedOrganisation]);
        ImportPlan.Make([Row("Covoit'Ouest")], state).Single().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_new_organisation_needs_someone_to_invite_and_a_second_role_reuses_it()
    {
        ImportPlan.Make([Row("Vélo Libre")], Empty).Single().Errors.ShouldBe([OnboardingCodes.EmailsRequired]);

        var lines = ImportPlan.Make([Row("Vélo Libre", "a@velo.example"), Row("vélo libre", "a@velo.example") with { Role = ParticipantRole.Funder }], Empty);

        lines[1].Organisation.ShouldBe(OrganisationAction.Existing);
        lines[1].Participant.ShouldBe(ParticipantAction.Invite);
        lines[1].Emails.Single().Action.ShouldBe(EmailAction.AlreadyInvited);
    }

    [Fact]
    public void An_organisation_that_left_is_not_invited_again_by_an_import()
    {
        var state = Empty with
        {
            Organisations = [new KnownOrganisation(Covoit, "Covoit'Ouest", new HashSet<string>())],
            Participants = new Dictionary<(Guid, ParticipantRole), InvitationState> { [(Covoit, ParticipantRole.Member)] = InvitationState.Left },
        };

        ImportPlan.Make([Row("Covoit'Ouest")], state).Single().Participant.ShouldBe(ParticipantAction.Left);
    }

    [Fact]
    public void A_line_in_error_plans_nothing()
    {
        var line = ImportPlan.Make([Row("Vélo Libre", "a@velo.example") with { Errors = [OnboardingCodes.UnknownRole] }], Empty).Single();

        line.Emails.ShouldBeEmpty();
        line.ChangesSomething.ShouldBeFalse();
    }
}
