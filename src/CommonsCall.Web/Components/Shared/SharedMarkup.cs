using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CommonsCall.Web.Components.Shared;

/// <summary>
/// Renders components to HTML once for every open page that shows the same immutable figures in the same language
/// (issue 17): a live page holds the resulting strings, one render frame each, instead of a render tree of its own
/// (two buffers of thousands of frames, and its own copy of every formatted amount), and 2,000 pages on one call
/// share one string per row. The result is attached to <c>source</c>, the immutable list it is drawn from (a call
/// snapshot's shared rows), so it lives as long as someone holds that list and never outlives it. Components rendered
/// here must depend only on their parameters, the culture and singletons (no circuit, no user, no navigation).
/// </summary>
public sealed class SharedMarkup(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<MarkupString>>>>> _rendered = new();

    /// <summary>
    /// The HTML of <typeparamref name="TComponent"/> with <paramref name="parameters"/>, in the current culture;
    /// <paramref name="variant"/> names every parameter other than <paramref name="source"/> that changes the result.
    /// </summary>
    public async Task<MarkupString> RenderAsync<TComponent>(object source, string variant, IDictionary<string, object?> parameters)
        where TComponent : IComponent =>
        (await RenderAllAsync<TComponent>(source, variant, [parameters]))[0];

    /// <summary>The HTML of <typeparamref name="TComponent"/> for each item of <paramref name="items"/> (one table row each).</summary>
    public Task<IReadOnlyList<MarkupString>> RenderEachAsync<TComponent, TItem>(IReadOnlyList<TItem> items, string variant, Func<TItem, IDictionary<string, object?>> parameters)
        where TComponent : IComponent =>
        RenderAllAsync<TComponent>(items, variant, [.. items.Select(parameters)]);

    private Task<IReadOnlyList<MarkupString>> RenderAllAsync<TComponent>(object source, string variant, IReadOnlyList<IDictionary<string, object?>> parameters)
        where TComponent : IComponent
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var key = string.Join('|', typeof(TComponent).FullName, culture.Name, uiCulture.Name, variant);
        var rendered = _rendered.GetValue(source, _ => new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<MarkupString>>>>());
        return rendered.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyList<MarkupString>>>(() => RenderNowAsync<TComponent>(culture, uiCulture, parameters))).Value;
    }

    private async Task<IReadOnlyList<MarkupString>> RenderNowAsync<TComponent>(CultureInfo culture, CultureInfo uiCulture, IReadOnlyList<IDictionary<string, object?>> parameters)
        where TComponent : IComponent
    {
        // A renderer (and the scope it takes the renderer's own services from) per list: an HtmlRenderer keeps every
        // component it rendered until it is disposed.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            var html = new MarkupString[parameters.Count];
            for (var i = 0; i < html.Length; i++)
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters[i]));
                html[i] = new MarkupString(output.ToHtmlString());
            }

            return (IReadOnlyList<MarkupString>)html;
        });
    }
}
