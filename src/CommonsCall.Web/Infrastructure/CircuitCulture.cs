using System.Globalization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// The viewer's culture, captured when a component is created. Live updates arrive on the database listener's
/// thread, whose culture is the invariant one, and <c>InvokeAsync</c> keeps the caller's: apply this inside the
/// callback so that amounts and dates are still written "1 234,56 €" for a French viewer.
/// </summary>
public sealed class CircuitCulture
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public void Apply()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
