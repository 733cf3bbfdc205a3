using System.Diagnostics;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Onboarding;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Onboarding;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Security;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Onboarding;

/// <summary>
/// A facilitator imports organisations and their people into a call, against the real database and a real SMTP
/// server (smtp4dev): the preview changes nothing, applying invites and mails, importing again changes nothing,
/// lines in error are never applied, and the status list follows each person.
/// </summary>
public sealed partial class OnboardingServiceTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private OnboardingService Onboarding => App.Services.GetRequiredService<OnboardingService>();

    [Fact]
    public async Task The_preview_reports_every_line_and_changes_nothing()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        var file = $"nom;type;rôle;territoire;emails\nVélo Libre {domain};association;membre;Bocage;velo@{domain}\n;PME;membre;;sans-nom@{domain}\nAsso {domain};;pirate;;a@{domain}\nVélo Libre {domain};;membre;;autre@{domain}\n";
        var before = await DatabaseSnapshot.TakeAsync(App.ConnectionString);

        var preview = (await Onboarding.PreviewAsync(facilitator, new ImportOrganisations(file) { CallId = call.Id })).Value!;

        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(App.ConnectionString)).ShouldBeEmpty();
        preview.Lines.Select(l => l.Line).ShouldBe([2, 3, 4, 5]);
        preview.Lines[0].Errors.ShouldBeEmpty();
        preview.Lines[0].Organisation.ShouldBe(OrganisationAction.Create);
        preview.Lines[0].Emails.Single().Action.ShouldBe(EmailAction.Invite);
        preview.Lines[1].Errors.ShouldBe([OnboardingCodes.NameMissing]);
        preview.Lines[2].Errors.ShouldBe([OnboardingCodes.UnknownRole]);
        preview.Lines[3].Errors.ShouldBe([OnboardingCodes.DuplicateLine]);
        (preview.LinesToApply, preview.LinesInError, preview.InvitationsToSend, preview.CanApply).ShouldBe((1, 3, 1, true));
    }

    [Fact]
    public async Task Applying_invites_the_organisations_and_mails_their_people_and_a_second_import_changes_nothing()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        var file = $"nom;type;rôle;territoire;emails\r\nCovoit {domain};PME;membre;Nantes;\"lea@{domain}; paul@{domain}\"\r\nAgence {domain};acteur public;financeur;Pays de la Loire;sophie@{domain}\r\nMal formée {domain};;membre;;pas-une-adresse\r\n";

        var outcome = (await Onboarding.ApplyAsync(facilitator, new ImportOrganisations(file) { CallId = call.Id })).Value!;

        outcome.ShouldBe(new ImportOutcome(LinesApplied: 2, LinesInError: 1, OrganisationsCreated: 2, ParticipantsInvited: 2, InvitationsSent: 3, RepresentativesAdded: 0));
        await using (var db = await App.DbAsync())
        {
            var covoit = await db.Organisations.SingleAsync(o => o.Name == $"Covoit {domain}");
            (covoit.Kind, covoit.Territory).ShouldBe((Domain.Organisations.OrganisationKind.Sme, "Nantes"));
            var participants = await db.Participants.Where(p => p.CallId == call.Id).ToListAsync();
            participants.Select(p => (p.Role, p.State)).ShouldBe([(ParticipantRole.Member, InvitationState.Invited), (ParticipantRole.Funder, InvitationState.Invited)], ignoreOrder: true);
            (await db.Organisations.AnyAsync(o => o.Name.StartsWith("Mal formée"))).ShouldBeFalse("a line in error is never applied");
            (await db.AccountInvitations.CountAsync(i => i.Email.EndsWith(domain))).ShouldBe(3);
        }

        foreach (var person in new[] { "lea", "paul", "sophie" })
        {
            var mail = await WaitForMailToAsync($"{person}@{domain}");
            RegistrationLink().IsMatch(await Smtp.PlainTextAsync(mail)).ShouldBeTrue();
        }

        var before = await DatabaseSnapshot.TakeAsync(App.ConnectionString);
        var again = (await Onboarding.ApplyAsync(facilitator, new ImportOrganisations(file.Replace($"Covoit {domain}", $"  covoit  {domain.ToUpperInvariant()} ", StringComparison.Ordinal)) { CallId = call.Id })).Value!;

        again.ShouldBe(new ImportOutcome(0, 1, 0, 0, 0, 0));
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(App.ConnectionString)).ShouldBeEmpty();
        var statuses = (await Onboarding.StatusAsync(facilitator, call.Id)).Value!;
        statuses.Select(s => (s.Email, s.Status)).ShouldBe(
            [($"lea@{domain}", OnboardingStatus.Invited), ($"paul@{domain}", OnboardingStatus.Invited), ($"sophie@{domain}", OnboardingStatus.Invited)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_person_who_registers_from_the_mail_shows_as_joined_and_represents_the_organisation()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        await Onboarding.ApplyAsync(facilitator, new ImportOrganisations($"nom;emails\nTiers-lieu {domain};ana@{domain}") { CallId = call.Id });
        var link = RegistrationLink().Match(await Smtp.PlainTextAsync(await WaitForMailToAsync($"ana@{domain}")));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<InvitationService>()
                .RegisterAsync(new Registration(Uri.UnescapeDataString(link.Groups["token"].Value), "Ana", "A-long-enough-passphrase"));
            registered.IsSuccess.ShouldBeTrue(registered.Error?.ToString());
        }

        var status = (await Onboarding.StatusAsync(facilitator, call.Id)).Value!.Single();
        status.Status.ShouldBe(OnboardingStatus.Joined);
        status.CanResend.ShouldBeFalse();
        (await Onboarding.ResendAsync(facilitator, new ResendInvitation(call.Id, status.Id))).Error!.Code.ShouldBe(OnboardingCodes.AlreadyJoined);
    }

    [Fact]
    public async Task One_person_asked_to_represent_two_organisations_joins_both_with_either_link()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        await Onboarding.ApplyAsync(facilitator, new ImportOrganisations($"nom;emails\nPremière {domain};conseil@{domain}\nSeconde {domain};conseil@{domain}") { CallId = call.Id });
        var link = RegistrationLink().Match(await Smtp.PlainTextAsync((await WaitForMailsToAsync($"conseil@{domain}", 2))[0]));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<InvitationService>()
                .RegisterAsync(new Registration(Uri.UnescapeDataString(link.Groups["token"].Value), "Conseil", "A-long-enough-passphrase"));
            registered.IsSuccess.ShouldBeTrue(registered.Error?.ToString());
        }

        (await Onboarding.StatusAsync(facilitator, call.Id)).Value!.Select(s => s.Status).ShouldBe([OnboardingStatus.Joined, OnboardingStatus.Joined]);
    }

    [Fact]
    public async Task Someone_with_an_account_is_added_without_a_mail_and_a_represented_organisation_takes_no_stranger()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        var known = await new TestData(App).UserAsync(email: $"known@{domain}");
        var represented = await new TestData(App).OrganisationAsync($"Repr {domain}"[..20]);
        await new TestData(App).UserAsync(organisation: represented.Id, email: $"rep@{domain}");

        var outcome = (await Onboarding.ApplyAsync(facilitator, new ImportOrganisations(
            $"nom;emails\nNouvelle {domain};KNOWN@{domain}\n{represented.Name};intrus@{domain}\n") { CallId = call.Id })).Value!;

        outcome.ShouldBe(new ImportOutcome(1, 1, 1, 1, 0, 1));
        await using var db = await App.DbAsync();
        var created = await db.Organisations.Include(o => o.Members).SingleAsync(o => o.Name == $"Nouvelle {domain}");
        created.HasMember(known.UserId!).ShouldBeTrue();
        (await db.OutboxMessages.CountAsync(m => m.To.EndsWith(domain))).ShouldBe(0);
        (await Onboarding.StatusAsync(facilitator, call.Id)).Value!.Single().Status.ShouldBe(OnboardingStatus.Joined);
    }

    [Fact]
    public async Task An_expired_link_is_resent_with_a_new_mail_and_the_old_link_stops_working()
    {
        var (call, facilitator, domain) = await ArrangeAsync();
        await Onboarding.ApplyAsync(facilitator, new ImportOrganisations($"nom;emails\nTard {domain};tard@{domain}") { CallId = call.Id });
        var first = RegistrationLink().Match(await Smtp.PlainTextAsync(await WaitForMailToAsync($"tard@{domain}"))).Groups["token"].Value;
        App.Clock.Advance(InvitationService.Lifetime + TimeSpan.FromMinutes(1));
        var expired = (await Onboarding.StatusAsync(facilitator, call.Id)).Value!.Single();
        expired.Status.ShouldBe(OnboardingStatus.Expired);

        (await Onboarding.ResendAsync(facilitator, new ResendInvitation(call.Id, expired.Id))).IsSuccess.ShouldBeTrue();

        (await Onboarding.StatusAsync(facilitator, call.Id)).Value!.Single().Status.ShouldBe(OnboardingStatus.Invited);
        var mails = await WaitForMailsToAsync($"tard@{domain}", 2);
        var tokens = new List<string>();
        foreach (var mail in mails)
        {
            tokens.Add(RegistrationLink().Match(await Smtp.PlainTextAsync(mail)).Groups["token"].Value);
        }

        var second = tokens.Single(t => t != first);
        await using var scope = App.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        (await invitations.FindPendingAsync(Uri.UnescapeDataString(first))).ShouldBeNull();
        (await invitations.FindPendingAsync(Uri.UnescapeDataString(second))).ShouldNotBeNull();
    }

    [Fact]
    public async Task Someone_else_may_not_preview_apply_or_follow_the_import()
    {
        var (call, _, domain) = await ArrangeAsync();
        var member = await new TestData(App).UserAsync();
        var file = new ImportOrganisations($"nom;emails\nA {domain};a@{domain}") { CallId = call.Id };

        (await Onboarding.PreviewAsync(member, file)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Onboarding.ApplyAsync(member, file)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Onboarding.StatusAsync(member, call.Id)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    private async Task<(Call Call, Actor Facilitator, string Domain)> ArrangeAsync()
    {
        var data = new TestData(App);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(CallVisibility.MembersOnly, facilitator);
        return (call, facilitator, $"{Guid.NewGuid():N}"[..12] + ".example");
    }

    private async Task<ReceivedMail> WaitForMailToAsync(string recipient) => (await WaitForMailsToAsync(recipient, 1))[0];

    private async Task<IReadOnlyList<ReceivedMail>> WaitForMailsToAsync(string recipient, int count)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Generous)
        {
            var mails = (await Smtp.MessagesAsync()).Where(m => m.To.Contains(recipient)).ToList();
            if (mails.Count >= count)
            {
                return mails;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Fewer than {count} mails to {recipient} within {Generous.TotalSeconds} s.");
    }

    [GeneratedRegex(@"https?://\S+/account/register\?token=(?<token>[^\s&]+)")]
    private static partial Regex RegistrationLink();
}
