using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Components.Pages.Evaluation;

/// <summary>
/// A panel of the evaluation page (grid, evaluators, ranking, sessions): it loads its own part of the call's evaluation,
/// again whenever <see cref="Version"/> moves (another panel's change was accepted), and runs one change at a time.
/// </summary>
public abstract class EvaluationPanel : ComponentBase
{
    private int _loaded = -1;

    [Parameter, EditorRequired]
    public Guid CallId { get; set; }

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = Actor.Anonymous;

    [Parameter]
    public int Version { get; set; }

    [Parameter]
    public EventCallback<string?> Changed { get; set; }

    /// <summary>The localizer for refusals (the pages' own <c>L</c> comes from _Imports.razor).</summary>
    [Inject]
    private IStringLocalizer<SharedResource> Texts { get; set; } = default!;

    protected bool Busy { get; private set; }

    protected string? Error { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != Version)
        {
            _loaded = Version;
            await LoadAsync();
        }
    }

    protected abstract Task LoadAsync();

    /// <summary>Runs a change unless one is under way; shows its refusal here, or tells the page it was accepted.</summary>
    protected Task RunAsync(Func<Task<DomainError?>> change, string success) => RunAsync(async () => (await change(), success));

    /// <summary>The same, for a change whose words of success depend on what it did.</summary>
    protected async Task RunAsync(Func<Task<(DomainError? Error, string Success)>> change)
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var (error, success) = await change();
            Error = error is null ? null : ErrorText.For(Texts, error);
            if (error is null)
            {
                await Changed.InvokeAsync(success);
            }
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A score in hundredths of a percent, as people read it ("68,5 / 100").</summary>
    protected static string Score(int hundredths) => (hundredths / 100m).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A criterion's mean in hundredths of a unit ("3,67").</summary>
    protected static string Mean(int hundredths) => (hundredths / 100m).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);
}
