using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.WorkingGroups;
using FluentValidation;

namespace CommonsCall.Web.Tests.Commons;

/// <summary>Every rule of the commons and working-group validators, one at a time, without a database.</summary>
public sealed class CommonsValidatorTests
{
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly Guid CommonsId = Guid.NewGuid();

    private static readonly ProposeCommons Valid = new(
        CallId, Guid.NewGuid(),
        new CommonsDescription("Base nationale des lieux de covoiturage", "Jeu de données ouvert.", CommonsKind.Data, "ODbL-1.0",
            CommonsMaturity.Emergence, null, null, null, null, CommonsNeeds.UseCases, null),
        [new BudgetLine("Collecte", 300_000, 600_000)], [], []);

    private static EditCommons ValidEdit => new(CallId, CommonsId, Valid.Description with { LookingFor = CommonsNeeds.None });

    private static string[] Fields<T>(IValidator<T> validator, T command) =>
        [.. validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().Order()];

    private static string[] Propose(ProposeCommons command) => Fields(new ProposeCommonsValidator(), command);

    [Fact]
    public void A_complete_proposal_is_valid()
    {
        Propose(Valid).ShouldBeEmpty();
        Propose(Valid with { ChallengeIds = null, CoCreatorIds = null }).ShouldBeEmpty();
        Fields(new EditCommonsValidator(), ValidEdit).ShouldBeEmpty();
    }

    public static TheoryData<string, Func<ProposeCommons, ProposeCommons>> BrokenProposals => new()
    {
        { "Title", p => p with { Description = p.Description with { Title = "" } } },
        { "Title", p => p with { Description = p.Description with { Title = null! } } },
        { "Title", p => p with { Description = p.Description with { Title = new string('t', SchemaConstants.TitleLength + 1) } } },
        { "Summary", p => p with { Description = p.Description with { Summary = " " } } },
        { "Summary", p => p with { Description = p.Description with { Summary = new string('s', SchemaConstants.LongTextLength + 1) } } },
        { "Kind", p => p with { Description = p.Description with { Kind = (CommonsKind)99 } } },
        { "Maturity", p => p with { Description = p.Description with { Maturity = (CommonsMaturity)7 } } },
        { "Licence", p => p with { Description = p.Description with { Licence = "" } } },
        { "Licence", p => p with { Description = p.Description with { Licence = null! } } },
        { "Licence", p => p with { Description = p.Description with { Licence = "CC-BY-NC-SA-4.0" } } },
        { "Licence", p => p with { Description = p.Description with { Licence = "Tous droits réservés" } } },
        { "Governance", p => p with { Description = p.Description with { Governance = new string('g', SchemaConstants.LongTextLength + 1) } } },
        { "CommunityPlan", p => p with { Description = p.Description with { CommunityPlan = new string('c', SchemaConstants.LongTextLength + 1) } } },
        { "CitizenInvolvement", p => p with { Description = p.Description with { CitizenInvolvement = new string('c', SchemaConstants.LongTextLength + 1) } } },
        { "MissingResources", p => p with { Description = p.Description with { MissingResources = new string('m', SchemaConstants.LongTextLength + 1) } } },
        { "LookingFor", p => p with { Description = p.Description with { LookingFor = (CommonsNeeds)64 } } },
        { "SkillsWanted", p => p with { Description = p.Description with { SkillsWanted = new string('k', SchemaConstants.SkillsLength + 1) } } },
        { "OrganisationId", p => p with { OrganisationId = Guid.Empty } },
        { "BudgetLines", p => p with { BudgetLines = [] } },
        { "BudgetLines", p => p with { BudgetLines = null! } },
        { "BudgetLines", p => p with { BudgetLines = [.. Enumerable.Repeat(new BudgetLine("L", 1, 1), BudgetPlan.MaxLines + 1)] } },
        { "BudgetLines[0].Maximum", p => p with { BudgetLines = [new BudgetLine("A", 1, Amounts.Maximum + 1), new BudgetLine("B", 5, 5)] } },
        { "BudgetLines[0].Description", p => p with { BudgetLines = [new BudgetLine("", 1, 2)] } },
        { "BudgetLines[0].Description", p => p with { BudgetLines = [new BudgetLine(new string('d', SchemaConstants.ShortTextLength + 1), 1, 2)] } },
        { "BudgetLines[1].Minimum", p => p with { BudgetLines = [new BudgetLine("A", 1, 2), new BudgetLine("B", 0, 2)] } },
        { "BudgetLines[0].Minimum", p => p with { BudgetLines = [new BudgetLine("A", -100, 2)] } },
        { "BudgetLines[0].Maximum", p => p with { BudgetLines = [new BudgetLine("A", 10, 9)] } },
        { "ChallengeIds", p => p with { ChallengeIds = [.. Enumerable.Range(0, CommonsDescriptionValidator.MaxLinks + 1).Select(_ => Guid.NewGuid())] } },
        { "CoCreatorIds", p => p with { CoCreatorIds = [.. Enumerable.Range(0, CommonsDescriptionValidator.MaxLinks + 1).Select(_ => Guid.NewGuid())] } },
    };

    [Theory]
    [MemberData(nameof(BrokenProposals))]
    public void Each_proposal_rule_names_its_field(string field, Func<ProposeCommons, ProposeCommons> breakIt) =>
        Propose(breakIt(Valid)).ShouldBe([field]);

    [Fact]
    public void Every_needs_combination_and_every_open_licence_is_valid()
    {
        Propose(Valid with { Description = Valid.Description with { LookingFor = CommonsNeeds.Funding | CommonsNeeds.UseCases | CommonsNeeds.Expertise | CommonsNeeds.Experimentation | CommonsNeeds.Contributors } }).ShouldBeEmpty();
        foreach (var licence in OpenLicences.All)
        {
            Propose(Valid with { Description = Valid.Description with { Licence = licence } }).ShouldBeEmpty(licence);
        }
    }

    [Fact]
    public void The_edit_checks_the_same_description_rules()
    {
        var validator = new EditCommonsValidator();

        Fields(validator, ValidEdit with { Description = ValidEdit.Description with { Title = "", Licence = "Proprietary", Kind = (CommonsKind)42 } }).ShouldBe(["Kind", "Licence", "Title"]);
    }

    [Fact]
    public void The_budget_command_checks_the_budget_rules()
    {
        var validator = new SetCommonsBudgetValidator();

        Fields(validator, new SetCommonsBudget(CallId, CommonsId, [new BudgetLine("Prototype", 400_000, 700_000)])).ShouldBeEmpty();
        Fields(validator, new SetCommonsBudget(CallId, CommonsId, [])).ShouldBe(["BudgetLines"]);
        Fields(validator, new SetCommonsBudget(CallId, CommonsId, [new BudgetLine(" ", 0, -1)]))
            .ShouldBe(["BudgetLines[0].Description", "BudgetLines[0].Maximum", "BudgetLines[0].Minimum"]);
    }

    [Fact]
    public void Challenge_links_and_co_creators_are_bounded_and_named()
    {
        Fields(new LinkCommonsChallengesValidator(), new LinkCommonsChallenges(CallId, CommonsId, [])).ShouldBeEmpty();
        Fields(new LinkCommonsChallengesValidator(), new LinkCommonsChallenges(CallId, CommonsId, null!)).ShouldBe(["ChallengeIds"]);
        Fields(new LinkCommonsChallengesValidator(), new LinkCommonsChallenges(CallId, CommonsId, [.. Enumerable.Range(0, 51).Select(_ => Guid.NewGuid())])).ShouldBe(["ChallengeIds"]);
        Fields(new AddCoCreatorValidator(), new AddCoCreator(CallId, CommonsId, Guid.NewGuid())).ShouldBeEmpty();
        Fields(new AddCoCreatorValidator(), new AddCoCreator(CallId, CommonsId, Guid.Empty)).ShouldBe(["OrganisationId"]);
    }

    [Fact]
    public void A_positioning_needs_known_kinds_and_bounded_texts()
    {
        var validator = new SetPositioningValidator();
        var valid = new SetPositioning(CallId, CommonsId, null, [PositioningKind.Wants], "Des cas d'usage", "1 jour par mois");

        Fields(validator, valid).ShouldBeEmpty();
        Fields(validator, valid with { Expectations = null, Availability = null }).ShouldBeEmpty();
        Fields(validator, valid with { Kinds = [] }).ShouldBe(["Kinds"]);
        Fields(validator, valid with { Kinds = null! }).ShouldBe(["Kinds"]);
        Fields(validator, valid with { Kinds = [(PositioningKind)12] }).ShouldBe(["Kinds[0]"]);
        Fields(validator, valid with { Expectations = new string('e', SchemaConstants.NoteLength + 1) }).ShouldBe(["Expectations"]);
        Fields(validator, valid with { Availability = new string('a', SchemaConstants.ShortTextLength + 1) }).ShouldBe(["Availability"]);
    }

    [Fact]
    public void A_milestone_needs_a_title_a_due_date_and_an_owner()
    {
        var today = TestClock.Today;
        var add = new AddMilestone(CallId, CommonsId, "Spécification v1", today, Guid.NewGuid());
        var addValidator = new AddMilestoneValidator();
        Fields(addValidator, add).ShouldBeEmpty();
        Fields(addValidator, add with { Title = "" }).ShouldBe(["Title"]);
        Fields(addValidator, add with { Title = new string('t', SchemaConstants.TitleLength + 1) }).ShouldBe(["Title"]);
        Fields(addValidator, add with { DueOn = default }).ShouldBe(["DueOn"]);
        Fields(addValidator, add with { OwnerOrganisationId = Guid.Empty }).ShouldBe(["OwnerOrganisationId"]);

        var update = new UpdateMilestone(CallId, CommonsId, Guid.NewGuid(), "Spécification v1", today, Guid.NewGuid(), true);
        var updateValidator = new UpdateMilestoneValidator();
        Fields(updateValidator, update).ShouldBeEmpty();
        Fields(updateValidator, update with { Title = " " }).ShouldBe(["Title"]);
        Fields(updateValidator, update with { Title = new string('t', SchemaConstants.TitleLength + 1) }).ShouldBe(["Title"]);
        Fields(updateValidator, update with { DueOn = default }).ShouldBe(["DueOn"]);
        Fields(updateValidator, update with { OwnerOrganisationId = Guid.Empty }).ShouldBe(["OwnerOrganisationId"]);
    }

    [Fact]
    public void A_meeting_needs_a_date_and_a_short_note()
    {
        var validator = new AddMeetingValidator();
        var meeting = new AddMeeting(CallId, CommonsId, TestClock.Today.AddDays(9), "Point d'étape");

        Fields(validator, meeting).ShouldBeEmpty();
        Fields(validator, meeting with { Note = null }).ShouldBeEmpty();
        Fields(validator, meeting with { On = default }).ShouldBe(["On"]);
        Fields(validator, meeting with { Note = new string('n', SchemaConstants.ShortTextLength + 1) }).ShouldBe(["Note"]);
    }
}
