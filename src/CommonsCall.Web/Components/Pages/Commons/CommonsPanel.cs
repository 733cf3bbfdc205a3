using System.Globalization;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.Commons;

namespace CommonsCall.Web.Components.Pages.Commons;

/// <summary>A panel of the commons page (review, co-creators, positioning, milestones, meetings), given the page's view of the commons.</summary>
public abstract class CommonsPanel : ActionPanel<CommonsDetailView>
{
    protected Guid CallId => View.Call.Id;

    protected Guid CommonsId => View.Id;

    protected static string Day(DateOnly day) => day.ToString("D", CultureInfo.CurrentCulture);
}
