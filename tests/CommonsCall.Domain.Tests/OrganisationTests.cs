using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;

namespace CommonsCall.Domain.Tests;

/// <summary>Who represents an organisation.</summary>
public class OrganisationTests
{
    private static Organisation WithMembers(params string[] users)
    {
        var organisation = new Organisation("Covoit'Ouest", OrganisationKind.Sme, SizeBand.Small, DevelopmentStage.Development, ACall.CreatedAt);
        foreach (var user in users)
        {
            organisation.AddMember(user);
        }

        return organisation;
    }

    [Fact]
    public void A_representative_who_leaves_no_longer_represents_it()
    {
        var organisation = WithMembers("lea", "karim");

        organisation.RemoveMember("karim").IsSuccess.ShouldBeTrue();

        organisation.HasMember("karim").ShouldBeFalse();
        organisation.HasMember("lea").ShouldBeTrue();
    }

    [Fact]
    public void The_last_representative_stays()
    {
        var organisation = WithMembers("lea");

        organisation.RemoveMember("lea").Error!.Code.ShouldBe(ErrorCodes.LastRepresentative);
        organisation.HasMember("lea").ShouldBeTrue();
    }

    [Fact]
    public void Someone_who_does_not_represent_it_is_not_found()
    {
        WithMembers("lea", "karim").RemoveMember("sophie").Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}
