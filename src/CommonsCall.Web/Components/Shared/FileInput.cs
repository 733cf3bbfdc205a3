using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CommonsCall.Web.Components.Shared;

/// <summary>
/// Blazor's <see cref="InputFile"/>, disabled until the browser listens to it. InputFile attaches its change listener
/// through a script call made after its first interactive render; a file chosen before that call has run (on the
/// prerendered page, or in a panel that has just appeared) is silently dropped. This input stays disabled until that
/// call has returned, and while <see cref="Disabled"/>. Use it instead of <c>InputFile</c> everywhere.
/// </summary>
public sealed class FileInput : InputFile
{
    private bool _listening;

    /// <summary>Disabled for the page's own reasons (a change under way...), on top of not yet listening.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        ApplyDisabled();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The base's first render awaits the browser's answer to its listener's setup: once it returns, a file chosen is heard.
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender)
        {
            _listening = true;
            ApplyDisabled();
            StateHasChanged();
        }
    }

    private void ApplyDisabled()
    {
        var attributes = AdditionalAttributes is null ? [] : new Dictionary<string, object>(AdditionalAttributes);
        attributes["disabled"] = Disabled || !_listening;
        AdditionalAttributes = attributes;
    }
}
