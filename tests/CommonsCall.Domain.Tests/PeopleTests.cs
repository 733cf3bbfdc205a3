using CommonsCall.Domain.Accounts;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>Co-facilitators of a call, and what an administrator may do to accounts.</summary>
public class PeopleTests
{
    [Fact]
    public void A_co_facilitator_is_named_once_and_facilitates_the_call()
    {
        var call = ACall.InDraft();
        call.AddFacilitator("camille");

        call.AppointFacilitator("yanis").ShouldSucceed();

        call.IsFacilitator("yanis").ShouldBeTrue();
        call.AppointFacilitator("yanis").ShouldBeRefusedWith(ErrorCodes.AlreadyFacilitator);
        call.Facilitators.Count.ShouldBe(2);
    }

    [Fact]
    public void A_facilitator_is_removed_but_never_the_last()
    {
        var call = ACall.InDraft();
        call.AddFacilitator("camille");
        call.AppointFacilitator("yanis").ShouldSucceed();

        call.RemoveFacilitator("camille").ShouldSucceed();
        call.RemoveFacilitator("yanis").ShouldBeRefusedWith(ErrorCodes.LastFacilitator);
        call.RemoveFacilitator("inconnu").ShouldBeRefusedWith(ErrorCodes.NotFound);

        call.Facilitators.Select(f => f.UserId).ShouldBe(["yanis"]);
    }

    [Fact]
    public void An_administrator_disables_others_but_not_themselves()
    {
        PlatformAdministration.CheckDisable("admin", "lea").ShouldSucceed();
        PlatformAdministration.CheckDisable("admin", "admin").ShouldBeRefusedWith(ErrorCodes.CannotDisableSelf);
    }

    [Fact]
    public void An_administrator_keeps_their_own_administrator_role()
    {
        PlatformAdministration.CheckRevokeRole("admin", "lea", PlatformAdministration.AdministratorRole).ShouldSucceed();
        PlatformAdministration.CheckRevokeRole("admin", "admin", "Facilitator").ShouldSucceed();
        PlatformAdministration.CheckRevokeRole("admin", "admin", PlatformAdministration.AdministratorRole).ShouldBeRefusedWith(ErrorCodes.CannotRevokeOwnAdministration);
    }
}
