using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// Issue 14, item 9: during the round a facilitator could add a member that funds a commons as its co-creator and
/// remove it again, lifting the conflict-of-interest rule for one member. Co-creators are locked once the round opens.
/// </summary>
public sealed class CoCreatorLockTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Co_creators_can_be_neither_added_nor_removed_once_the_round_has_opened()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}";
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        (await facilitator.PostAsJsonAsync($"{url}/co-creators", new { organisationId = s.Members[1].Id })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await s.OpenBudgetingAsync(id);
        var audited = await s.AuditCountAsync("commons.co_creator_added") + await s.AuditCountAsync("commons.co_creator_removed");

        await (await facilitator.PostAsJsonAsync($"{url}/co-creators", new { organisationId = s.Members[2].Id }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CoCreatorsLocked);
        await (await facilitator.DeleteAsync($"{url}/co-creators/{s.Members[1].Id}"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CoCreatorsLocked);

        (await s.LoadAsync(id)).CoCreators.Select(c => c.OrganisationId).ShouldBe([s.Members[0].Id, s.Members[1].Id], ignoreOrder: true);
        (await s.AuditCountAsync("commons.co_creator_added") + await s.AuditCountAsync("commons.co_creator_removed")).ShouldBe(audited);
    }

    [Fact]
    public async Task The_commons_page_offers_no_co_creator_change_during_the_round()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        (await s.Queries.DetailAsync(s.Facilitator, s.Slug, id))!.You.CanEditCoCreators.ShouldBeTrue();

        await s.OpenBudgetingAsync(id);

        var during = (await s.Queries.DetailAsync(s.Facilitator, s.Slug, id))!.You;
        during.CanEditCoCreators.ShouldBeFalse();
        during.CanEdit.ShouldBeTrue("the facilitator still corrects the texts");
    }
}
