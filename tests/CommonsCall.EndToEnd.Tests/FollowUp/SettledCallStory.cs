using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.WorkingGroups;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.EndToEnd.Tests.FollowUp;

/// <summary>
/// A settled call whose one commons, a connected bike lock, was funded with 1 000 € and has two milestones: its beta,
/// due five days ago, and its plans, due in sixty days. The follow-up journeys start from here.
/// </summary>
public sealed record SettledCallStory(
    Call Call, Person Facilitator, Representative Funder, Representative Holder, Commons Commons, Guid Beta, DateOnly BetaDue, DateOnly PlansDue)
{
    public static async Task<SettledCallStory> ArrangeAsync(KestrelDemoApp app)
    {
        var arrange = new CallArranger(app);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var memberA = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var memberB = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var holder = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, holder, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, holder, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 60_000, maximum: 200_000);
        var groups = app.Services.GetRequiredService<WorkingGroupService>();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var (betaDue, plansDue) = (today.AddDays(-5), today.AddDays(60));
        var beta = await groups.AddMilestoneAsync(facilitator.Actor, new AddMilestone(call.Id, bikeLock.Id, "Prototype bêta testé", betaDue, holder.Organisation.Id));
        (await groups.AddMilestoneAsync(facilitator.Actor, new AddMilestone(call.Id, bikeLock.Id, "Plans publiés", plansDue, holder.Organisation.Id))).Error.ShouldBeNull();
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 300_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.ContributeAsync(call, memberA, bikeLock, 50_000);
        await arrange.ContributeAsync(call, memberB, bikeLock, 50_000);
        (await app.Services.GetRequiredService<RoundService>().CloseAsync(facilitator.Actor, new CloseRound(call.Id))).Error.ShouldBeNull();
        return new SettledCallStory(call, facilitator, funder, holder, bikeLock, beta.Value, betaDue, plansDue);
    }
}
