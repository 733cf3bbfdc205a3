using System.Text.Json.Nodes;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Recognition;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Recognition;

/// <summary>Issue 16 §6 on PostgreSQL: badges issued when their facts become true, once, and served as Open Badges 2.0 hosted assertions.</summary>
public sealed class BadgeServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<Badge>> BadgesAsync(Guid callId) => new TestData(app).BadgesAsync(callId);

    [Fact]
    public async Task Settlement_awards_the_funded_commons_holder_and_the_most_involved_and_delivery_the_contributors_each_once()
    {
        var s = await FollowUpScenario.CreateAsync(app);

        var settled = await BadgesAsync(s.CallId);
        settled.Where(b => b.Kind == BadgeKind.FundedCommonsHolder).Select(b => (b.SubjectId, b.RecipientOrganisationId)).ShouldBe([(s.Funded.Id, (Guid?)s.Lead.Id)]);
        settled.ShouldContain(b => b.Kind == BadgeKind.MostInvolvedOrganisation && b.SubjectId == s.CallId);
        settled.ShouldNotContain(b => b.Kind == BadgeKind.DeliveredCommonsContributor || b.Kind == BadgeKind.Evaluator);
        settled.ShouldNotContain(b => b.SubjectId == s.NotFunded.Id);

        // The contributor positions itself, then the commons is delivered: its badge comes with the delivery, and the
        // co-creator that joined after settlement is recognised as a holder then too, while nobody gets a second badge.
        await using (var db = await new TestData(app).DbAsync())
        {
            db.Positionings.Add(new Positioning(s.CallId, s.Funded.Id, s.Contributor.Id, [PositioningKind.ContributesSkills], "Des tests", null, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Lead, s.Delivery)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.Delivery)).Error.ShouldBeNull();

        var delivered = await BadgesAsync(s.CallId);
        (await s.Budget.ReloadAsync(s.Funded)).Status.ShouldBe(CommonsStatus.Delivered);
        delivered.Where(b => b.Kind == BadgeKind.DeliveredCommonsContributor).Select(b => b.RecipientOrganisationId).ShouldBe([s.Contributor.Id]);
        delivered.Count(b => b.Kind == BadgeKind.FundedCommonsHolder).ShouldBe(2);
        delivered.GroupBy(b => (b.Kind, b.SubjectId, b.RecipientKey)).ShouldAllBe(g => g.Count() == 1);
        delivered.Where(b => settled.Any(x => x.Id == b.Id)).Select(b => b.IssuedAt).ShouldBe(settled.Select(b => b.IssuedAt), ignoreOrder: true);
    }

    [Fact]
    public async Task A_badge_is_verifiable_at_its_stable_address_with_its_class_and_issuer()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var badge = (await BadgesAsync(s.CallId)).Single(b => b.Kind == BadgeKind.FundedCommonsHolder);
        var client = ApiClient.Anonymous(app);

        var response = await client.GetAsync($"/badges/{badge.Id}.json");

        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe(BadgeEndpoints.ContentType);
        var assertion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        foreach (var property in new[] { "@context", "id", "type", "recipient", "badge", "verification", "issuedOn" })
        {
            assertion[property].ShouldNotBeNull(property);
        }

        new Uri(assertion["id"]!.GetValue<string>()).AbsolutePath.ShouldBe($"/badges/{badge.Id}.json");
        assertion["recipient"]!["identity"]!.GetValue<string>().ShouldEndWith($"/organisations/{s.Lead.Id}");
        var badgeClass = JsonNode.Parse(await client.GetStringAsync(new Uri(assertion["badge"]!.GetValue<string>()).AbsolutePath))!;
        badgeClass["name"]!.GetValue<string>().ShouldBe("Porteur d'un commun financé");
        var issuer = JsonNode.Parse(await client.GetStringAsync(new Uri(badgeClass["issuer"]!.GetValue<string>()).AbsolutePath))!;
        issuer["type"]!.GetValue<string>().ShouldBe("Issuer");
        (await client.GetAsync(new Uri(badgeClass["image"]!.GetValue<string>()).AbsolutePath)).Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await client.GetStringAsync($"/badges/{badge.Id}")).ShouldContain(s.Lead.Organisation.Name);
        (await client.GetAsync($"/badges/{Guid.NewGuid()}.json")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await client.GetAsync("/badges/classes/Inconnu.json")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
