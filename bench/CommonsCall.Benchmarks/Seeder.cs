using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Benchmarks;

public sealed record BenchMember(Guid OrganisationId, Actor Actor);

/// <summary>A call in its open budget round, as the seeder left it.</summary>
public sealed record BenchCall(Guid Id, string Slug, Actor Facilitator, string FacilitatorEmail, IReadOnlyList<BenchMember> Members, IReadOnlyList<Guid> Commons, long Grant);

/// <summary>
/// Seeds calls of any size: the call, its facilitator and funder go through the app's real services (phase
/// moves, pledge, equal grants: so the grants are in the ledger), organisations, members and commons are
/// added in bulk with the domain's constructors, and past contribution changes are written with COPY, the
/// totals set to what that ledger sums to (LedgerCheck holds).
/// </summary>
public sealed class Seeder(IServiceProvider services)
{
    public const string Password = "Bench-Communs-2026";
    private readonly IDbContextFactory<AppDbContext> _factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public async Task<BenchCall> CallInOpenRoundAsync(string name, int memberCount, int commonsCount, long grant)
    {
        var now = DateTimeOffset.UtcNow;
        var token = Guid.NewGuid().ToString("N")[..8];
        await DemoData.EnsureRolesAsync(services);
        var facilitatorEmail = $"animation-{token}@bench.example";
        var facilitator = await SignableUserAsync(facilitatorEmail, Roles.Facilitator);

        var slug = $"{name}-{token}";
        var call = new Call($"Appel {name} ({token})", slug, "Appel semé par le banc de mesure.", "Banc", "EUR", CallVisibility.Public, now);
        call.AddFacilitator(facilitator.UserId!);
        var funderOrg = new Organisation($"Financeur {token}", OrganisationKind.PublicBody, SizeBand.Large, DevelopmentStage.Development, now);
        var proposer = new Organisation($"Porteur {token}", OrganisationKind.Association, SizeBand.Small, DevelopmentStage.Development, now);
        var members = new List<BenchMember>();
        var commons = new List<Guid>();
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.Calls.Add(call);
            db.Organisations.AddRange(funderOrg, proposer);
            db.Participants.Add(Joined(new Participant(call.Id, funderOrg.Id, ParticipantRole.Funder, now), now));
            for (var i = 0; i < memberCount; i++)
            {
                var org = new Organisation($"Membre {i:D4} {token}", OrganisationKind.Sme, SizeBand.Small, DevelopmentStage.Development, now);
                var user = new AppUser { UserName = $"membre-{i}-{token}@bench.example", Email = $"membre-{i}-{token}@bench.example", DisplayName = $"Membre {i}" };
                user.NormalizedUserName = user.UserName.ToUpperInvariant();
                user.NormalizedEmail = user.NormalizedUserName;
                db.Organisations.Add(org);
                db.Users.Add(user);
                db.OrganisationMembers.Add(new OrganisationMember(org.Id, user.Id));
                db.Participants.Add(Joined(new Participant(call.Id, org.Id, ParticipantRole.Member, now), now));
                members.Add(new BenchMember(org.Id, new Actor(user.Id, false, false)));
            }

            var challenge = new Challenge(call.Id, proposer.Id, "Comment mesurer le banc ?", "Contexte", now);
            challenge.Publish();
            db.Challenges.Add(challenge);
            // Every member may put its whole grant on every commons: no contribution of the load is ever refused for the goal.
            var maximum = checked(memberCount * grant);
            for (var i = 0; i < commonsCount; i++)
            {
                var c = new CommonsEntity(call.Id, proposer.Id, $"Commun {i + 1:D3}", "Résumé", CommonsKind.Software, "MIT", now);
                c.SetBudgetLines([new BudgetLine("Développement", Math.Max(1, maximum / 4), maximum)]).ThrowIfFailed();
                c.Approve().ThrowIfFailed();
                db.Commons.Add(c);
                commons.Add(c.Id);
            }

            await db.SaveChangesAsync();
        }

        var funder = await SignableUserAsync($"financeur-{token}@bench.example", role: null);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.OrganisationMembers.Add(new OrganisationMember(funderOrg.Id, funder.UserId!));
            await db.SaveChangesAsync();
        }

        var phases = services.GetRequiredService<CallPhaseService>();
        foreach (var phase in new[] { CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons })
        {
            (await phases.MoveAsync(facilitator, new MovePhase(call.Id, phase))).ThrowIfFailed();
        }

        var funds = services.GetRequiredService<FundsService>();
        (await funds.PledgeAsync(funder, new MakePledge(call.Id, funderOrg.Id, checked(memberCount * grant), IsMatching: false))).ThrowIfFailed();
        // Equal grants, as DistributeEquallyAsync gives them, but 100 members at a time: its audit entry lists every
        // member and outgrows its column (20,000 characters) past about 300 members (reported, not ours to change).
        foreach (var chunk in members.Chunk(100))
        {
            (await funds.SetGrantsAsync(facilitator, new SetGrants(call.Id, chunk.Select(m => new GrantLine(m.OrganisationId, grant)).ToList()))).ThrowIfFailed();
        }

        (await phases.MoveAsync(facilitator, new MovePhase(call.Id, CallPhase.Budgeting))).ThrowIfFailed();
        return new BenchCall(call.Id, slug, facilitator, facilitatorEmail, members, commons, grant);
    }

    /// <summary>
    /// Writes <paramref name="changes"/> past contribution changes (random members, commons and amounts, spread
    /// over the last ten days) with COPY, then sets contributions, commons totals and members' contributed
    /// amounts to what those ledger entries sum to.
    /// </summary>
    public async Task AddContributionHistoryAsync(BenchCall call, int changes, int seed = 7)
    {
        var random = new Random(seed);
        var perCommonsCap = call.Grant / call.Commons.Count; // a member can hold this much on every commons at once
        var current = new Dictionary<(int Member, int Commons), long>();
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var step = TimeSpan.FromDays(10) / Math.Max(1, changes);
        var connectionString = services.GetRequiredService<Web.Infrastructure.DatabaseConnection>().ConnectionString;
        // Bulk work on a busy machine: no command timeout.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Ledger\" (\"CallId\", \"Kind\", \"Amount\", \"Before\", \"After\", \"ActorUserId\", \"OrganisationId\", \"CommonsId\", \"At\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < changes; i++)
            {
                var m = random.Next(call.Members.Count);
                var c = random.Next(call.Commons.Count);
                var before = current.GetValueOrDefault((m, c));
                var after = random.Next(4) == 0 ? 0 : random.NextInt64(1, perCommonsCap + 1);
                current[(m, c)] = after;
                await copy.StartRowAsync();
                await copy.WriteAsync(call.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync((int)LedgerEntryKind.Contribution, NpgsqlDbType.Integer);
                await copy.WriteAsync(after - before, NpgsqlDbType.Bigint);
                await copy.WriteAsync(before, NpgsqlDbType.Bigint);
                await copy.WriteAsync(after, NpgsqlDbType.Bigint);
                await copy.WriteAsync(call.Members[m].Actor.UserId!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(call.Members[m].OrganisationId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(call.Commons[c], NpgsqlDbType.Uuid);
                await copy.WriteAsync(start + (step * i), NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Contributions\" (\"CommonsId\", \"OrganisationId\", \"CallId\", \"Amount\", \"UpdatedAt\", \"Match\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var ((m, c), amount) in current)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(call.Commons[c], NpgsqlDbType.Uuid);
                await copy.WriteAsync(call.Members[m].OrganisationId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(call.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(amount, NpgsqlDbType.Bigint);
                await copy.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await using (var totals = new NpgsqlBatch(connection, tx))
        {
            totals.BatchCommands.Add(new NpgsqlBatchCommand("""
                UPDATE "Commons" c SET "Total" = s.total
                FROM (SELECT "CommonsId", SUM("Amount") AS total FROM "Contributions" WHERE "CallId" = $1 GROUP BY "CommonsId") s
                WHERE c."Id" = s."CommonsId"
                """) { Parameters = { new() { Value = call.Id } } });
            totals.BatchCommands.Add(new NpgsqlBatchCommand("""
                UPDATE "MemberBudgets" b SET "Contributed" = s.total
                FROM (SELECT "OrganisationId", SUM("Amount") AS total FROM "Contributions" WHERE "CallId" = $1 GROUP BY "OrganisationId") s
                WHERE b."CallId" = $1 AND b."OrganisationId" = s."OrganisationId"
                """) { Parameters = { new() { Value = call.Id } } });
            await totals.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        await using var analyse = new NpgsqlCommand("ANALYZE", connection);
        await analyse.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<string>> VerifyAsync(Guid callId)
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await LedgerCheck.VerifyAsync(db, callId);
    }

    private static Participant Joined(Participant participant, DateTimeOffset now)
    {
        participant.Join(now);
        return participant;
    }

    private async Task<Actor> SignableUserAsync(string email, string? role)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return new Actor(user.Id, false, role == Roles.Facilitator);
    }
}

internal static class ResultExtensions
{
    public static void ThrowIfFailed(this CommonsCall.Domain.Common.Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Seeding failed: {result.Error}");
        }
    }

    public static void ThrowIfFailed<T>(this CommonsCall.Domain.Common.Result<T> result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Seeding failed: {result.Error}");
        }
    }
}
