using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;

namespace CommonsCall.Web.Components.Shared;

/// <summary>
/// A part of a page with one purpose (a commons' milestones, a call's budget rules...). It reads the page's
/// <see cref="View"/>, runs one change at a time, shows a refusal in its own place, and asks the page to reload
/// when a change is accepted. The page owns loading and the success message; the panel owns its form.
/// </summary>
public abstract class ActionPanel<TView> : ComponentBase
    where TView : class
{
    [Parameter, EditorRequired]
    public TView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = Actor.Anonymous;

    /// <summary>Raised after an accepted change with the sentence to announce, if any; the page reloads, then shows it.</summary>
    [Parameter]
    public EventCallback<string?> Changed { get; set; }

    /// <summary>A change of this panel is under way: its buttons stay disabled and a second click does nothing.</summary>
    protected bool Busy { get; private set; }

    /// <summary>Whether a checkbox's change event says "checked" (a bool from the browser, a string from some renderers).</summary>
    protected static bool IsChecked(ChangeEventArgs e) => e.Value is true || (e.Value is string s && bool.TryParse(s, out var on) && on);

    /// <summary>
    /// Runs <paramref name="change"/> unless another change of this panel is under way; hands its refusal (or null) to
    /// <paramref name="showError"/>; when accepted, runs <paramref name="onSuccess"/> and asks the page to reload.
    /// </summary>
    protected Task RunAsync(Func<Task<DomainError?>> change, Action<DomainError?> showError, string? success = null, Action? onSuccess = null) =>
        RunAsync(change, showError, () => success, onSuccess);

    /// <summary>As above, for a success message that depends on the change's answer (read once it is accepted).</summary>
    protected async Task RunAsync(Func<Task<DomainError?>> change, Action<DomainError?> showError, Func<string?> success, Action? onSuccess = null)
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var error = await change();
            showError(error);
            if (error is null)
            {
                onSuccess?.Invoke();
                await Changed.InvokeAsync(success());
            }
        }
        finally
        {
            Busy = false;
        }
    }
}
