using System.Globalization;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.FollowUp;

namespace CommonsCall.Web.Components.Pages.FollowUp;

/// <summary>A panel of the follow-up page (schedule, milestones, management), given the page's view of the agreement.</summary>
public abstract class FollowUpPanel : ActionPanel<AgreementView>
{
    protected Guid CallId => View.CallId;

    protected Guid CommonsId => View.CommonsId;

    protected static string Day(DateOnly day) => day.ToString("D", CultureInfo.CurrentCulture);
}
