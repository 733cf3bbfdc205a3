using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>The hand-written SQL of the money path says what the rules it mirrors say.</summary>
public sealed class MoneyRowsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private MoneyRows Rows => app.Services.GetRequiredService<MoneyRows>();

    /// <summary>How one organisation stands in the call, and whether the user is one of its people.</summary>
    public sealed record Standing(bool UserIsOneOfItsPeople, ParticipantRole? Role, InvitationState State);

    [Fact]
    public async Task The_contribution_path_and_CallAccess_agree_on_who_represents_a_joined_member()
    {
        var data = new TestData(app);
        var call = await data.CallAsync();
        var user = await data.UserAsync();
        var standings = (from people in new[] { true, false }
                         from role in new ParticipantRole?[] { ParticipantRole.Member, ParticipantRole.Funder, null }
                         from state in Enum.GetValues<InvitationState>()
                         where role is not null || state == InvitationState.Invited
                         select new Standing(people, role, state)).ToList();
        var organisations = new Dictionary<Standing, Organisation>();
        await using (var db = await data.DbAsync())
        {
            foreach (var standing in standings)
            {
                var organisation = await data.OrganisationAsync();
                organisations[standing] = organisation;
                if (standing.UserIsOneOfItsPeople)
                {
                    db.OrganisationMembers.Add(new OrganisationMember(organisation.Id, user.UserId!));
                }

                if (standing.Role is { } role)
                {
                    var participant = new Participant(call.Id, organisation.Id, role, app.Clock.GetUtcNow());
                    (standing.State switch
                    {
                        InvitationState.Joined => participant.Join(app.Clock.GetUtcNow()),
                        InvitationState.Left => participant.Leave(CallPhase.Draft, holdsMoney: false),
                        _ => Domain.Common.Result.Ok(),
                    }).IsSuccess.ShouldBeTrue();
                    db.Participants.Add(participant);
                }
            }

            await db.SaveChangesAsync();
        }

        await using var context = await data.DbAsync();
        var access = await CallAccess.LoadAsync(context, call, user, CancellationToken.None);
        var disagreements = new List<string>();
        foreach (var (standing, organisation) in organisations)
        {
            var sql = await RepresentationInSqlAsync(call.Id, organisation.Id, user.UserId!);
            var viaQuery = await CallAccess.RepresentsJoinedAsync(context, user, call.Id, organisation.Id, ParticipantRole.Member, CancellationToken.None);
            if (sql.RepresentsJoined != access.Represents(organisation.Id) || viaQuery != access.Represents(organisation.Id))
            {
                disagreements.Add($"{standing}: SQL {sql}, CallAccess {access.Represents(organisation.Id)}, RepresentsJoinedAsync {viaQuery}");
            }

            // Without joining, the SQL still tells a representative (who is told to join) from a stranger (who is refused).
            sql.Represents.ShouldBe(standing is { UserIsOneOfItsPeople: true, Role: ParticipantRole.Member }, standing.ToString());
        }

        disagreements.ShouldBeEmpty();
        access.MemberOrganisations.ShouldBe([organisations[new Standing(true, ParticipantRole.Member, InvitationState.Joined)].Id]);
    }

    /// <summary>What the contribution batch reads of the member, in a transaction rolled back at once.</summary>
    private async Task<Representation> RepresentationInSqlAsync(Guid callId, Guid organisationId, string userId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var rows = await Rows.LockContributionAsync(connection, new ContributionKey(callId, Guid.NewGuid(), organisationId), userId, lockPool: false, CancellationToken.None);
        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await rollback.ExecuteNonQueryAsync();
        return rows.Member;
    }

    [Fact]
    public async Task The_locks_built_from_the_model_load_the_rows_they_lock()
    {
        var data = new TestData(app);
        var call = await data.CallAsync();
        var organisation = await data.OrganisationAsync();
        await using var db = await data.DbAsync();
        await using var tx = await db.Database.BeginTransactionAsync();

        (await Rows.LockCallAsync(db, call.Id, exclusive: false, CancellationToken.None))!.Slug.ShouldBe(call.Slug);
        (await Rows.LockCallAsync(db, call.Id, exclusive: true, CancellationToken.None))!.Version.ShouldBe(call.Version);
        (await Rows.LockMemberBudgetAsync(db, call.Id, organisation.Id, CancellationToken.None)).Figures.ShouldBe(new Domain.Budgeting.BudgetFigures(0, 0, 0));
        (await Rows.LockCallAsync(db, Guid.NewGuid(), exclusive: false, CancellationToken.None)).ShouldBeNull();
    }
}
