using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Security;

/// <summary>The app of the security tests, with the people of the matrix made once.</summary>
public sealed class SecurityApp : AppFactory
{
    private readonly Lazy<Task<SecurityPeople>> _people;
    private readonly Dictionary<Role, Browser> _browsers = [];

    public SecurityApp() => _people = new(() => SecurityPeople.CreateAsync(this));

    public Task<SecurityPeople> PeopleAsync() => _people.Value;

    /// <summary>
    /// The world the refused roles of one operation share: a refusal is proven to change nothing, so the next
    /// refused role finds it as it was.
    /// </summary>
    public Dictionary<string, SecurityWorld> RefusalWorlds { get; } = [];

    /// <summary>The browser of a role, signed in through the sign-in form once (none for anonymous callers).</summary>
    public async Task<Browser> BrowserAsync(Role role)
    {
        if (!_browsers.TryGetValue(role, out var browser))
        {
            browser = role == Role.Anonymous ? Browser.Open(this) : await Browser.SignedInAsync(this, (await PeopleAsync()).ActorOf(role)!);
            _browsers[role] = browser;
        }

        return browser;
    }

    /// <summary>Another call with the same people and things, whose ids a request of a world's call must not reach.</summary>
    public async Task<SecurityWorld> ElsewhereAsync() => _elsewhere ??= await SecurityWorld.CreateAsync(this, await PeopleAsync(), CallPhase.Commons);

    /// <summary>Another call in Follow-up, whose expense, receipt and evidence file a request of a followed world must not reach.</summary>
    public async Task<SecurityWorld> ElsewhereFollowedAsync() => _elsewhereFollowed ??= await SecurityWorld.CreateAsync(this, await PeopleAsync(), CallPhase.FollowUp);

    private SecurityWorld? _elsewhere;
    private SecurityWorld? _elsewhereFollowed;
}

/// <summary>
/// Every mutating API endpoint x every role, against the real API with bearer tokens, each allowed cell on a
/// fresh members-only call (the refused roles of an operation share one, since a refusal changes nothing). Allowed: 2xx, or a business refusal (409/422) that is not about permissions. Refused:
/// 401 for anonymous callers (or 404: a members-only call does not exist for them), 404 for outsiders
/// (members-only calls are 404 to them), 403 (or 404 for what the role may not even see) for the others;
/// and a refused request changed no row of the database.
/// </summary>
public sealed class AuthorisationMatrixTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private static readonly Role[] AllRoles = Enum.GetValues<Role>();
    private static readonly Role[] SignedIn = [.. AllRoles.Except([Role.Anonymous])];
    private static readonly Role[] Managers = [Role.Facilitator, Role.Administrator];
    private static readonly Role[] CoCreatorAndManagers = [Role.CoCreator, Role.Facilitator, Role.Administrator];
    private static readonly Role[] Members = [Role.Member, Role.CoCreator];

    /// <summary>Everyone who takes part in the call (or manages it): they join its conversation.</summary>
    private static readonly Role[] Talkers = [Role.Member, Role.CoCreator, Role.Funder, Role.Facilitator, Role.Administrator];
    /// <summary>Every role, anonymous callers included, a signed-in role first (the cross-site tests send its cookie).</summary>
    private static readonly Role[] Everyone = [.. SignedIn, Role.Anonymous];

    /// <summary>The matrix: one row per mutating operation of the OpenAPI document, with the roles it allows.</summary>
    public static readonly IReadOnlyList<Operation> Operations =
    [
        // Personal access tokens: anyone signed in, for themselves; a token is minted by a person on our pages only.
        new("POST", "/api/v1/me/tokens", SignedIn, (w, r) => Json(HttpMethod.Post, "/api/v1/me/tokens", new { name = "matrice", expiresInDays = 30 }), CallScoped: false) { CookieOnly = true },
        new("DELETE", "/api/v1/me/tokens/{id}", [Role.Member], (w, r) => Send(HttpMethod.Delete, $"/api/v1/me/tokens/{w.MemberSpareToken}"), CallScoped: false),

        // Organisations: anyone creates one; its members and administrators manage it (the member's here).
        new("POST", "/api/v1/organisations", SignedIn, (w, r) => Json(HttpMethod.Post, "/api/v1/organisations", Organisation($"Nouvelle {Guid.NewGuid():N}"[..20])), CallScoped: false),
        new("PUT", "/api/v1/organisations/{id}", [Role.Member, Role.Administrator],
            (w, r) => Json(HttpMethod.Put, $"/api/v1/organisations/{w.People.Member.Id}", Organisation(w.People.Member.Organisation.Name)), CallScoped: false),
        new("POST", "/api/v1/organisations/{id}/invitations", [Role.Member, Role.Administrator],
            (w, r) => Json(HttpMethod.Post, $"/api/v1/organisations/{w.People.Member.Id}/invitations", new { email = $"invite-{Guid.NewGuid():N}@test.example" }), CallScoped: false),
        new("DELETE", "/api/v1/organisations/{id}/representatives/{userId}", [Role.Member, Role.Administrator],
            (w, r) => Send(HttpMethod.Delete, $"/api/v1/organisations/{w.People.Member.Id}/representatives/{w.SpareRepresentative}"), CallScoped: false),

        // Framing the call: its facilitators and administrators; invitations are answered by their organisation.
        new("POST", "/api/v1/calls", Managers, (w, r) => Json(HttpMethod.Post, "/api/v1/calls", new
        {
            title = "Communs de la logistique", slug = "matrice-" + Guid.NewGuid().ToString("N")[..10], summary = "Résumé", ecosystem = "Valmont",
            currency = "EUR", visibility = "MembersOnly",
        }), CallScoped: false),
        new("PUT", "/api/v1/calls/{slug}", Managers, (w, r) => Json(HttpMethod.Put, $"/api/v1/calls/{w.Slug}", new
        {
            title = "Titre revu", summary = "Résumé revu", ecosystem = "Grand Valmont", currency = "EUR", visibility = "MembersOnly",
        })),
        new("POST", "/api/v1/calls/{slug}/glossary", Managers, (w, r) => Json(HttpMethod.Post, w.Url("glossary"), new { term = "Pair", definition = "Membre de l'appel" })),
        new("PUT", "/api/v1/calls/{slug}/glossary/{termId}", Managers, (w, r) => Json(HttpMethod.Put, w.Url($"glossary/{w.GlossaryTerm}"), new { term = "Commun", definition = "Ressource ouverte" })),
        new("DELETE", "/api/v1/calls/{slug}/glossary/{termId}", Managers, (w, r) => Send(HttpMethod.Delete, w.Url($"glossary/{w.GlossaryTerm}"))),
        new("POST", "/api/v1/calls/{slug}/scope", Managers, (w, r) => Json(HttpMethod.Post, w.Url("scope"), new { text = "La longue distance", inScope = false })),
        new("PUT", "/api/v1/calls/{slug}/scope/{statementId}", Managers, (w, r) => Json(HttpMethod.Put, w.Url($"scope/{w.ScopeStatement}"), new { text = "Le quotidien", inScope = true })),
        new("DELETE", "/api/v1/calls/{slug}/scope/{statementId}", Managers, (w, r) => Send(HttpMethod.Delete, w.Url($"scope/{w.ScopeStatement}"))),
        new("POST", "/api/v1/calls/{slug}/participants", Managers, (w, r) => Json(HttpMethod.Post, w.Url("participants"), new { organisationId = w.People.Spare.Id, role = "Funder" })),
        new("POST", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/accept", [Role.Member], (w, r) => Send(HttpMethod.Post, w.Url($"participants/{w.People.Member.Id}/Funder/accept"))),
        new("POST", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/leave", [Role.Member], (w, r) => Send(HttpMethod.Post, w.Url($"participants/{w.People.Member.Id}/Member/leave"))),

        // Micro-challenges (authored by the co-creator's organisation).
        new("POST", "/api/v1/calls/{slug}/challenges", [.. Members, .. Managers], (w, r) => Json(HttpMethod.Post, w.Url("challenges"), new
        {
            question = "Comment partager les données de trajets ?", context = "Contexte", pains = new[] { "Silos" }, authorOrganisationId = w.People.OrganisationOf(r), publish = true,
        })),
        new("PUT", "/api/v1/calls/{slug}/challenges/{id}", CoCreatorAndManagers, (w, r) => Json(HttpMethod.Put, w.Url($"challenges/{w.Challenge}"), new { question = "Comment prouver un trajet partagé ?" })),
        new("POST", "/api/v1/calls/{slug}/challenges/{id}/publish", CoCreatorAndManagers, (w, r) => Send(HttpMethod.Post, w.Url($"challenges/{w.DraftChallenge}/publish"))),
        new("POST", "/api/v1/calls/{slug}/challenges/{id}/archive", Managers, (w, r) => Send(HttpMethod.Post, w.Url($"challenges/{w.Challenge}/archive"))),
        new("PUT", "/api/v1/calls/{slug}/challenges/{id}/resource-person", Managers, (w, r) => Json(HttpMethod.Put, w.Url($"challenges/{w.Challenge}/resource-person"), new { name = "Camille" })),
        new("POST", "/api/v1/calls/{slug}/challenges/{id}/support", Members, (w, r) => Send(HttpMethod.Post, w.Url($"challenges/{w.Challenge}/support"))),
        new("DELETE", "/api/v1/calls/{slug}/challenges/{id}/support", Members, (w, r) => Send(HttpMethod.Delete, w.Url($"challenges/{w.Challenge}/support"))),

        // The budget round.
        new("PUT", "/api/v1/calls/{slug}/contributions/{commonsId}", Members,
            (w, r) => Json(HttpMethod.Put, w.Url($"contributions/{w.Commons}"), new { organisationId = w.People.OrganisationOf(r), amount = 10_000 }), CallPhase.Budgeting),
        new("POST", "/api/v1/calls/{slug}/pledges", [Role.Funder], (w, r) => Json(HttpMethod.Post, w.Url("pledges"), new { funderOrganisationId = w.People.OrganisationOf(r), amount = 1_000 })),
        new("PUT", "/api/v1/calls/{slug}/own-funds/{organisationId}", Members, (w, r) => Json(HttpMethod.Put, w.Url($"own-funds/{w.People.OrganisationOf(r)}"), new { amount = 1_000 })),
        new("PUT", "/api/v1/calls/{slug}/budget-rules", Managers, (w, r) => Json(HttpMethod.Put, w.Url("budget-rules"), new
        {
            maxShareOfBalancePerCommons = 50, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true,
        })),
        new("POST", "/api/v1/calls/{slug}/grants/equal-split", Managers, (w, r) => Send(HttpMethod.Post, w.Url("grants/equal-split"))),
        new("POST", "/api/v1/calls/{slug}/grants/preview", Managers, (w, r) => Json(HttpMethod.Post, w.Url("grants/preview"), new[] { new { organisationId = w.People.Member.Id, amount = 1_000L } })),
        new("PUT", "/api/v1/calls/{slug}/grants", Managers, (w, r) => Json(HttpMethod.Put, w.Url("grants"), new[] { new { organisationId = w.People.Member.Id, amount = 1_000L } })),
        new("POST", "/api/v1/calls/{slug}/phase", Managers, (w, r) => Json(HttpMethod.Post, w.Url("phase"), new { phase = "Budgeting" })),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/approval", Managers, (w, r) => Send(HttpMethod.Post, w.Url($"commons/{w.Commons}/approval"))),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/send-back", Managers, (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/send-back"), new { comment = "Précisez la gouvernance." })),
        new("POST", "/api/v1/calls/{slug}/close", Managers, (w, r) => Send(HttpMethod.Post, w.Url("close")), CallPhase.Budgeting),

        // Commons (proposed by the co-creator's organisation, with the spare organisation as second co-creator).
        new("POST", "/api/v1/calls/{slug}/commons", Members, (w, r) => Json(HttpMethod.Post, w.Url("commons"), new
        {
            organisationId = w.People.OrganisationOf(r), title = "Standard d'échange des offres", summary = "Protocole ouvert.", kind = "ProtocolOrStandard",
            licence = "MIT", maturity = "Emergence", budgetLines = new[] { new { description = "Spécification", minimum = 25_000L, maximum = 50_000L } },
        })),
        new("PUT", "/api/v1/calls/{slug}/commons/{id}", CoCreatorAndManagers, (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}"), new
        {
            title = "Registre de preuve v2", summary = "Certifie les trajets.", kind = "Software", licence = "MIT", maturity = "Emergence",
        })),
        new("PUT", "/api/v1/calls/{slug}/commons/{id}/budget-lines", CoCreatorAndManagers,
            (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/budget-lines"), new { budgetLines = new[] { new { description = "Prototype", minimum = 30_000, maximum = 70_000 } } })),
        new("PUT", "/api/v1/calls/{slug}/commons/{id}/challenges", CoCreatorAndManagers,
            (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/challenges"), new { challengeIds = Array.Empty<Guid>() })),
        new("POST", "/api/v1/calls/{slug}/commons/{id}/co-creators", CoCreatorAndManagers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/co-creators"), new { organisationId = w.People.Member.Id })),
        new("DELETE", "/api/v1/calls/{slug}/commons/{id}/co-creators/{organisationId}", CoCreatorAndManagers,
            (w, r) => Send(HttpMethod.Delete, w.Url($"commons/{w.Commons}/co-creators/{w.People.Spare.Id}"))),
        new("PUT", "/api/v1/calls/{slug}/commons/{id}/positionings/mine", [.. Members, Role.Funder],
            (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/positionings/mine"), new { kinds = new[] { "Wants" }, expectations = "Des données ouvertes" })),
        new("DELETE", "/api/v1/calls/{slug}/commons/{id}/positionings/mine", [.. Members, Role.Funder], (w, r) => Send(HttpMethod.Delete, w.Url($"commons/{w.Commons}/positionings/mine"))),
        new("POST", "/api/v1/calls/{slug}/commons/{id}/milestones", CoCreatorAndManagers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/milestones"), new { title = "Prototype", dueOn = TestClock.IsoDay(71), ownerOrganisationId = w.People.CoCreator.Id })),
        new("PUT", "/api/v1/calls/{slug}/commons/{id}/milestones/{milestoneId}", CoCreatorAndManagers,
            (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/milestones/{w.Milestone}"), new { title = "Spécification", dueOn = TestClock.IsoDay(28), ownerOrganisationId = w.People.CoCreator.Id, done = true })),
        new("DELETE", "/api/v1/calls/{slug}/commons/{id}/milestones/{milestoneId}", CoCreatorAndManagers, (w, r) => Send(HttpMethod.Delete, w.Url($"commons/{w.Commons}/milestones/{w.Milestone}"))),
        new("POST", "/api/v1/calls/{slug}/commons/{id}/meetings", CoCreatorAndManagers, (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/meetings"), new { on = TestClock.IsoDay(49), note = "Revue" })),
        new("DELETE", "/api/v1/calls/{slug}/commons/{id}/meetings/{meetingId}", CoCreatorAndManagers, (w, r) => Send(HttpMethod.Delete, w.Url($"commons/{w.Commons}/meetings/{w.Meeting}"))),

        // Onboarding: the call's facilitators and administrators import organisations and follow the invitations sent.
        new("POST", "/api/v1/calls/{slug}/onboarding/import/preview", Managers, (w, r) => Json(HttpMethod.Post, w.Url("onboarding/import/preview"), new { csv = OrganisationsFile() })),
        new("POST", "/api/v1/calls/{slug}/onboarding/import", Managers, (w, r) => Json(HttpMethod.Post, w.Url("onboarding/import"), new { csv = OrganisationsFile() })),
        new("POST", "/api/v1/calls/{slug}/onboarding/invitations/{id}/resend", Managers, (w, r) => Send(HttpMethod.Post, w.Url($"onboarding/invitations/{w.OnboardingInvitation}/resend"))),

        // Device authorization (RFC 8628): open to every caller, signed in or not, since the person proves who they
        // are on /device, not here; a program polls with the device code the world's member approved.
        new("POST", "/api/v1/device/code", Everyone, (w, r) => Form("/api/v1/device/code", ("client_id", "matrice")), CallScoped: false) { Open = true },
        new("POST", "/api/v1/device/token", Everyone, (w, r) => Form("/api/v1/device/token",
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", w.ApprovedDeviceCode), ("client_id", "matrice")), CallScoped: false) { Open = true },

        // FollowUp: the funded commons' agreement (the co-creator leads it; the spare organisation is an associate without a user).
        new("PUT", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/schedule", Managers, (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/agreement/schedule"), new
        {
            leadOrganisationId = w.People.CoCreator.Id, tranches = new object[] { new { milestoneId = (Guid?)null, percent = 40 }, new { milestoneId = (Guid?)w.Milestone, percent = 60 } },
        }), CallPhase.Results),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/schedule/acceptance", [Role.CoCreator],
            (w, r) => Send(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/schedule/acceptance")), CallPhase.Results),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/milestones/{milestoneId}/declaration", [Role.CoCreator],
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/milestones/{w.Milestone}/declaration"), new
            {
                organisationId = w.People.OrganisationOf(r), evidence = new[] { "https://git.example/registre/v1.1" },
            }), CallPhase.FollowUp),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/milestones/{milestoneId}/acceptance", Managers,
            (w, r) => Send(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/milestones/{w.Milestone}/acceptance")), CallPhase.FollowUp),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/milestones/{milestoneId}/changes", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/milestones/{w.Milestone}/changes"), new { comment = "Publiez la version sous licence." }), CallPhase.FollowUp),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/cancellation", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/cancellation"), new { reason = "Le porteur s'est retiré." }), CallPhase.Results),
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/corrections", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/agreement/corrections"), new { award = 30_000L, reason = "Abondement oublié" }), CallPhase.Results),
        // Conversation: whoever takes part talks (the member's comment and question, the co-creator's answer); the
        // author edits and deletes; facilitators moderate; the asker (or a facilitator) accepts an answer.
        new("POST", "/api/v1/calls/{slug}/challenges/{id}/comments", Talkers,
            (w, r) => Json(HttpMethod.Post, w.Url($"challenges/{w.Challenge}/comments"), new { body = "Et les aires privées ?", replyTo = w.Question })),
        new("POST", "/api/v1/calls/{slug}/commons/{id}/comments", Talkers, (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/comments"), new { body = "Qui héberge le registre ?", kind = "Comment" })),
        new("PUT", "/api/v1/calls/{slug}/comments/{commentId}", [Role.Member], (w, r) => Json(HttpMethod.Put, w.Url($"comments/{w.Comment}"), new { body = "Qui tient la liste à jour ?" })),
        new("DELETE", "/api/v1/calls/{slug}/comments/{commentId}", [Role.Member], (w, r) => Send(HttpMethod.Delete, w.Url($"comments/{w.Comment}"))),
        new("POST", "/api/v1/calls/{slug}/comments/{commentId}/hide", Managers, (w, r) => Json(HttpMethod.Post, w.Url($"comments/{w.Comment}/hide"), new { reason = "Hors sujet" })),
        new("POST", "/api/v1/calls/{slug}/comments/{commentId}/reports", Talkers, (w, r) => Json(HttpMethod.Post, w.Url($"comments/{w.Answer}/reports"), new { reason = "Propos blessants" })),
        new("DELETE", "/api/v1/calls/{slug}/comments/{commentId}/reports", Managers, (w, r) => Send(HttpMethod.Delete, w.Url($"comments/{w.Comment}/reports"))),
        new("POST", "/api/v1/calls/{slug}/comments/{commentId}/accept", [Role.Member, .. Managers], (w, r) => Send(HttpMethod.Post, w.Url($"comments/{w.Answer}/accept"))),
        new("POST", "/api/v1/calls/{slug}/announcements", Managers, (w, r) => Json(HttpMethod.Post, w.Url("announcements"), new { title = "Atelier jeudi", body = "Rendez-vous à **14 h**." })),

        // Notifications: each person their own; another person's notification is unknown to them (404).
        new("POST", "/api/v1/me/notifications/{id}/read", [Role.Member], (w, r) => Send(HttpMethod.Post, $"/api/v1/me/notifications/{w.MemberNotification}/read"), CallScoped: false),
        new("POST", "/api/v1/me/notifications/read-all", SignedIn, (w, r) => Send(HttpMethod.Post, "/api/v1/me/notifications/read-all"), CallScoped: false),
        new("PUT", "/api/v1/me/notification-preferences", SignedIn, (w, r) => Json(HttpMethod.Put, "/api/v1/me/notification-preferences", new
        {
            language = "en", digestHour = 7, types = new[] { new { type = "Announcement", delivery = "DailyDigest" }, new { type = "RoundClosing", delivery = "Off" } },
        }), CallScoped: false),

        // Guide (issue 14): a commons' cover image, as its description.
        new("PUT", "/api/v1/calls/{slug}/commons/{id}/cover", CoCreatorAndManagers, (w, r) => new HttpRequestMessage(HttpMethod.Put, w.Url($"commons/{w.Commons}/cover"))
        {
            Content = TestImages.CoverForm(TestImages.Encode(320, 180), "Un atelier partagé"),
        }),
        new("DELETE", "/api/v1/calls/{slug}/commons/{id}/cover", CoCreatorAndManagers, (w, r) => Send(HttpMethod.Delete, w.Url($"commons/{w.Commons}/cover"))),

        // People: personal calendar feeds (anyone signed in, for themselves), co-facilitators (the call's managers),
        // the administrators' user list (administrators only).
        new("POST", "/api/v1/me/calendar-feed", SignedIn, (w, r) => Json(HttpMethod.Post, "/api/v1/me/calendar-feed", new { language = "fr" }), CallScoped: false),
        new("DELETE", "/api/v1/me/calendar-feed", SignedIn, (w, r) => Send(HttpMethod.Delete, "/api/v1/me/calendar-feed"), CallScoped: false),
        new("POST", "/api/v1/calls/{slug}/facilitators", Managers, (w, r) => Json(HttpMethod.Post, w.Url("facilitators"), new { email = w.SpareUserEmail })),
        new("DELETE", "/api/v1/calls/{slug}/facilitators/{userId}", Managers, (w, r) => Send(HttpMethod.Delete, w.Url($"facilitators/{w.CoFacilitator}"))),
        new("POST", "/api/v1/admin/users/{id}/disable", [Role.Administrator], (w, r) => Send(HttpMethod.Post, $"/api/v1/admin/users/{w.SpareUser}/disable"), CallScoped: false),
        new("POST", "/api/v1/admin/users/{id}/enable", [Role.Administrator], (w, r) => Send(HttpMethod.Post, $"/api/v1/admin/users/{w.SpareUser}/enable"), CallScoped: false),
        new("PUT", "/api/v1/admin/users/{id}/roles/{role}", [Role.Administrator], (w, r) => Send(HttpMethod.Put, $"/api/v1/admin/users/{w.SpareUser}/roles/Administrator"), CallScoped: false),
        new("DELETE", "/api/v1/admin/users/{id}/roles/{role}", [Role.Administrator], (w, r) => Send(HttpMethod.Delete, $"/api/v1/admin/users/{w.SpareUser}/roles/Facilitator"), CallScoped: false),

        // Accountability and audit: a funded commons' holders record the measured gains of the challenge it answers.
        new("PUT", "/api/v1/calls/{slug}/commons/{commonsId}/accountability/measures", [Role.CoCreator],
            (w, r) => Json(HttpMethod.Put, w.Url($"commons/{w.Commons}/accountability/measures"), new
            {
                organisationId = w.People.OrganisationOf(r), challengeId = w.Challenge, indicator = "Trajets certifiés par mois", value = "640.5",
                measuredOn = TestClock.IsoDay(-1), source = "Export du registre",
            }), CallPhase.FollowUp),
        // Objections and badges: facilitators open the window and answer; the call's participants object (the funder's
        // objection already waits, so its second one is a business refusal).
        new("POST", "/api/v1/calls/{slug}/commons/{id}/objection-window", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/objection-window"), new { durationHours = 48 })),
        new("POST", "/api/v1/calls/{slug}/commons/{id}/objections", [.. Members, Role.Funder], (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.ObjectedCommons}/objections"), new
        {
            organisationId = w.People.OrganisationOf(r), reason = "La collecte oublie les aires des zones rurales.",
        })),
        new("POST", "/api/v1/calls/{slug}/objections/{objectionId}/answer", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"objections/{w.Objection}/answer"), new { outcome = "Resolved", answer = "Les aires rurales sont ajoutées à la collecte." })),
        // Attachments and expenses (issue 15): the co-creator holds the funded commons, records its expenses and
        // attaches receipts and evidence files; the expense of the world is the co-creator's.
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/expenses", [Role.CoCreator], (w, r) => Json(HttpMethod.Post, w.Url($"commons/{w.Commons}/expenses"), new
        {
            organisationId = w.People.OrganisationOf(r), budgetLine = 0, amount = 12_000L, spentOn = TestClock.IsoDay(-2), label = "Atelier utilisateurs", supplier = "Tiers-lieu du Bocage",
        }), CallPhase.FollowUp),
        new("PUT", "/api/v1/calls/{slug}/expenses/{expenseId}", [Role.CoCreator], (w, r) => Json(HttpMethod.Put, w.Url($"expenses/{w.Expense}"), new
        {
            budgetLine = 0, amount = 4_500L, spentOn = TestClock.IsoDay(-1), label = "Hébergement du registre", supplier = "Hébergeur coopératif",
        }), CallPhase.FollowUp),
        new("POST", "/api/v1/calls/{slug}/expenses/{expenseId}/removal", [Role.CoCreator],
            (w, r) => Json(HttpMethod.Post, w.Url($"expenses/{w.Expense}/removal"), new { reason = "Saisie en double" }), CallPhase.FollowUp),
        new("POST", "/api/v1/calls/{slug}/expenses/{expenseId}/receipts", [Role.CoCreator],
            (w, r) => Upload(w.Url($"expenses/{w.Expense}/receipts"), "receipts", ("recu.png", TestFiles.Png(), "image/png")), CallPhase.FollowUp)
        {
            UploadWith = (w, r, file) => Upload(w.Url($"expenses/{w.Expense}/receipts"), "receipts", file),
        },
        new("POST", "/api/v1/calls/{slug}/commons/{commonsId}/agreement/milestones/{milestoneId}/evidence", [Role.CoCreator],
            (w, r) => Upload(w.Url($"commons/{w.Commons}/agreement/milestones/{w.Milestone}/evidence"), "files", ("rapport.pdf", TestFiles.Pdf("Rapport"), "application/pdf"),
                ("organisationId", w.People.OrganisationOf(r).ToString()), ("evidence", "https://git.example/registre/v1.1")), CallPhase.FollowUp)
        {
            UploadWith = (w, r, file) => Upload(w.Url($"commons/{w.Commons}/agreement/milestones/{w.Milestone}/evidence"), "files", file, ("organisationId", w.People.OrganisationOf(r).ToString())),
        },
        // Evaluation: facilitators build the grid, name evaluators, assign commons and publish sessions; the member's
        // person evaluates the call and scores the commons assigned to them (their organisation does not co-create it).
        new("PUT", "/api/v1/calls/{slug}/evaluation/grid", Managers, (w, r) => Json(HttpMethod.Put, w.Url("evaluation/grid"), new
        {
            criteria = new object[]
            {
                new { kind = "Gate", title = "Licence ouverte", description = "Publié sous licence ouverte", weight = 0, scale = 1 },
                new { kind = "Scored", title = "Pertinence", description = (string?)null, weight = 100, scale = 5 },
            },
        })),
        new("POST", "/api/v1/calls/{slug}/evaluation/evaluators", Managers, (w, r) => Json(HttpMethod.Post, w.Url("evaluation/evaluators"), new { email = w.SpareUserEmail })),
        new("DELETE", "/api/v1/calls/{slug}/evaluation/evaluators/{userId}", Managers, (w, r) => Send(HttpMethod.Delete, w.Url($"evaluation/evaluators/{w.Evaluator}"))),
        new("POST", "/api/v1/calls/{slug}/evaluation/assignments", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url("evaluation/assignments"), new { commonsId = w.Commons, evaluatorId = w.Evaluator })),
        new("DELETE", "/api/v1/calls/{slug}/evaluation/assignments/{commonsId}/{evaluatorId}", Managers,
            (w, r) => Send(HttpMethod.Delete, w.Url($"evaluation/assignments/{w.Commons}/{w.Evaluator}"))),
        new("PUT", "/api/v1/calls/{slug}/evaluation/commons/{commonsId}/score", [Role.Member], (w, r) => Json(HttpMethod.Put, w.Url($"evaluation/commons/{w.Commons}/score"), new
        {
            marks = w.Criteria.Select((id, i) => new { criterionId = id, value = 6 + i }).ToArray(), note = "Solide, à suivre",
        })),
        new("POST", "/api/v1/calls/{slug}/evaluation/sessions", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url("evaluation/sessions"), new { title = "Session de printemps", heldOn = TestClock.IsoDay(40) })),
        new("POST", "/api/v1/calls/{slug}/evaluation/sessions/{sessionId}/publication", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"evaluation/sessions/{w.SelectionSession}/publication"), new
            {
                decisions = new[] { new { commonsId = w.Commons, outcome = "Deferred", reason = "À revoir avec les retours des évaluateurs." } },
            })),
        // Recognition and previews: the call's managers revoke a badge of the call (the co-creator's, issued at settlement).
        new("POST", "/api/v1/calls/{slug}/badges/{badgeId}/revoke", Managers,
            (w, r) => Json(HttpMethod.Post, w.Url($"badges/{w.Badge}/revoke"), new { reason = "La co-création du commun a été retirée après vérification." }), CallPhase.FollowUp),
    ];

    public static TheoryData<string, Role> Cells()
    {
        var cells = new TheoryData<string, Role>();
        foreach (var operation in Operations)
        {
            foreach (var role in AllRoles)
            {
                cells.Add(operation.Key, role);
            }
        }

        return cells;
    }

    [Fact]
    public async Task Every_mutating_operation_of_the_api_has_a_row_in_the_matrix()
    {
        var mutating = (await OpenApi.OperationsAsync(app)).Where(o => o.Method != "GET").Select(o => o.Key).ToList();

        Operations.Select(o => o.Key).ShouldBe(mutating, ignoreOrder: true);
        Operations.Select(o => o.Key).ShouldBeUnique();
        Operations.ShouldAllBe(o => o.Allowed.Length > 0 && o.Allowed.Length < AllRoles.Length || o.Allowed.SequenceEqual(SignedIn) || (o.Open && o.Allowed.SequenceEqual(Everyone)));
    }

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var operation in Operations)
        {
            keys.Add(operation.Key);
        }

        return keys;
    }

    /// <summary>With a bearer token (what integrations use): a row marked cookie-only refuses every token.</summary>
    [Theory]
    [MemberData(nameof(Cells), DisableDiscoveryEnumeration = true)]
    public async Task Each_role_is_allowed_or_refused_as_the_matrix_says_and_a_refusal_changes_nothing(string operationKey, Role role)
    {
        var operation = Operations.Single(o => o.Key == operationKey);
        var people = await app.PeopleAsync();
        var allowed = operation.Allowed.Contains(role) && !operation.CookieOnly;
        var world = !allowed && app.RefusalWorlds.TryGetValue(operation.Key, out var shared)
            ? shared
            : await SecurityWorld.CreateAsync(app, people, operation.Phase);
        if (!allowed)
        {
            app.RefusalWorlds[operation.Key] = world;
        }

        var before = await DatabaseSnapshot.TakeAsync(app.ConnectionString);

        using var request = operation.Request(world, role);
        var response = await people.Clients[role].SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? (await response.JsonAsync()).TryGetProperty("code", out var c) ? c.GetString() : null
            : null;
        var what = $"{operation.Key} as {role}: {status} {body}";

        if (allowed)
        {
            (status is >= 200 and < 300 or 409 or 422).ShouldBeTrue(what);
            code.ShouldNotBe(ErrorCodes.Forbidden, what);
            return;
        }

        int[] expected = role switch
        {
            Role.Anonymous => operation.CallScoped ? [401, 404] : [401],
            Role.OtherCallMember when operation.CallScoped => [404],
            _ => [403, 404],
        };
        expected.ShouldContain(status, what);
        code.ShouldBe(
            status == 404 ? ErrorCodes.NotFound : operation.CookieOnly && role != Role.Anonymous ? ErrorCodes.InteractiveSessionRequired : ErrorCodes.Forbidden,
            what);
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(app.ConnectionString)).ShouldBeEmpty(what);
    }

    /// <summary>
    /// With the sign-in cookie, sent by a page of another site (cross-site request forgery): refused for every
    /// state-changing operation, even to a role the operation allows, and nothing changes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Keys), DisableDiscoveryEnumeration = true)]
    public async Task A_cookie_request_from_another_site_is_refused_and_changes_nothing(string operationKey)
    {
        var operation = Operations.Single(o => o.Key == operationKey);
        var role = operation.Allowed[0];
        var browser = await app.BrowserAsync(role);
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), operation.Phase);
        var before = await DatabaseSnapshot.TakeAsync(app.ConnectionString);

        using var request = Browser.FromSite(operation.Request(world, role), "http://evil.example");
        var response = await browser.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.CrossSiteRequest);
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(app.ConnectionString)).ShouldBeEmpty(operation.Key);
    }

    /// <summary>With the sign-in cookie, sent by our own pages: the role is allowed as with its token (cookie-only rows included).</summary>
    [Theory]
    [MemberData(nameof(Keys), DisableDiscoveryEnumeration = true)]
    public async Task A_cookie_request_from_our_pages_is_allowed_as_the_matrix_says(string operationKey)
    {
        var operation = Operations.Single(o => o.Key == operationKey);
        var role = operation.Allowed[0];
        var browser = await app.BrowserAsync(role);
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), operation.Phase);

        using var request = Browser.FromOurPages(operation.Request(world, role));
        var response = await browser.Client.SendAsync(request);

        var status = (int)response.StatusCode;
        var what = $"{operation.Key} as {role}: {status} {await response.Content.ReadAsStringAsync()}";
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? (await response.JsonAsync()).TryGetProperty("code", out var c) ? c.GetString() : null
            : null;
        (status is >= 200 and < 300 or 409 or 422).ShouldBeTrue(what);
        code.ShouldNotBeOneOf([ErrorCodes.Forbidden, ErrorCodes.CrossSiteRequest, ErrorCodes.InteractiveSessionRequired], what);
    }

    private static HttpRequestMessage Send(HttpMethod method, string url) => new(method, url);

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Upload(string url, string fileField, (string Name, byte[] Content, string Type) file, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, url) { Content = TestFiles.Form(fileField, [file], fields) };

    private static HttpRequestMessage Form(string url, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };

    /// <summary>One new organisation and its representative, named afresh for each request.</summary>
    private static string OrganisationsFile()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return $"nom;rôle;emails\nMatrice {id};membre;personne-{id}@matrice.example\n";
    }

    private static object Organisation(string name) => new
    {
        name, kind = "Sme", sizeBand = "Small", stage = "Development", website = "https://exemple.org", description = "Une organisation",
    };

    /// <summary>
    /// A row of the matrix: the operation as the OpenAPI document names it, the roles it allows, the request a role
    /// sends in a fresh world of <paramref name="Phase"/>; <paramref name="CallScoped"/> when it acts in one call.
    /// </summary>
    public sealed record Operation(
        string Method, string Path, Role[] Allowed, Func<SecurityWorld, Role, HttpRequestMessage> Request, bool CallScoped = true, CallPhase Phase = CallPhase.Commons)
    {
        public Operation(string method, string path, Role[] allowed, Func<SecurityWorld, Role, HttpRequestMessage> request, CallPhase phase)
            : this(method, path, allowed, request, CallScoped: true, phase)
        {
        }

        public string Key => $"{Method} {Path}";

        /// <summary>Only a person signed in on our pages may (the roles say who): every bearer token is refused.</summary>
        public bool CookieOnly { get; init; }

        /// <summary>Open to every caller, anonymous ones included (<see cref="Allowed"/> lists every role): it needs nobody's rights.</summary>
        public bool Open { get; init; }

        /// <summary>For a file upload: the same request carrying another file, which the bad-input battery makes too large or of the wrong type.</summary>
        public Func<SecurityWorld, Role, (string Name, byte[] Content, string Type), HttpRequestMessage>? UploadWith { get; init; }

        public override string ToString() => Key;
    }
}
