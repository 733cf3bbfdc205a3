using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Around every page (MainLayout): an exception a page did not handle shows a message in the page instead of
/// breaking the whole circuit. When the database is unavailable the message says so (the last action may not
/// have been saved; reload in a moment); any other failure gets the generic message. Navigating recovers.
/// </summary>
public sealed class AppErrorBoundary : ErrorBoundary
{
    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        var unavailable = CurrentException.IsDatabaseUnavailable();
        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "alert alert-error");
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-testid", unavailable ? "database-unavailable" : "unexpected-error");
        builder.OpenElement(5, "p");
        builder.AddContent(6, unavailable ? L["error.database_unavailable"].Value : L["error.text"].Value);
        builder.CloseElement();
        builder.OpenElement(7, "a");
        builder.AddAttribute(8, "href", Navigation.Uri);
        builder.AddAttribute(9, "data-enhance-nav", "false");
        builder.AddContent(10, L["reconnect.reload"].Value);
        builder.CloseElement();
        builder.CloseElement();
    }
}
