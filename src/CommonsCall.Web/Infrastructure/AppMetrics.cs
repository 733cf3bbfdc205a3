using System.Diagnostics.Metrics;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// The business metrics of CommonsCall, on the meter <see cref="MeterName"/> (exported with the platform's own by
/// <see cref="Telemetry"/>): what an operator of a live round watches beside request rates and database pools.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    public const string MeterName = "CommonsCall";

    private readonly Meter _meter;
    private readonly Counter<long> _contributionChanges;
    private readonly Counter<long> _contributionRefusals;
    private readonly UpDownCounter<long> _openCircuits;
    private readonly Histogram<double> _updateLatency;

    public AppMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _contributionChanges = _meter.CreateCounter<long>("commonscall.contribution.changes", "{change}", "Contribution changes accepted and committed.");
        _contributionRefusals = _meter.CreateCounter<long>("commonscall.contribution.refusals", "{refusal}", "Contribution changes refused, by stable error code.");
        _openCircuits = _meter.CreateUpDownCounter<long>("commonscall.circuits.open", "{circuit}", "Blazor circuits open on this instance.");
        _updateLatency = _meter.CreateHistogram<double>(
            "commonscall.live_update.latency", "ms", "From a money change's commit to an open page of this instance showing it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] });
    }

    /// <summary>Counts an answer of the contribution service: an accepted change (a no-op counts as none) or a refusal by code.</summary>
    public void Contribution(DomainError? refusal, bool changed)
    {
        if (refusal is not null)
        {
            _contributionRefusals.Add(1, new KeyValuePair<string, object?>("code", refusal.Code));
        }
        else if (changed)
        {
            _contributionChanges.Add(1);
        }
    }

    public void CircuitOpened() => _openCircuits.Add(1);

    public void CircuitClosed() => _openCircuits.Add(-1);

    public void UpdateShown(TimeSpan sinceCommit) => _updateLatency.Record(Math.Max(0, sinceCommit.TotalMilliseconds));

    /// <summary>Adds a gauge read at each collection (e.g. the mail outbox's depth); no measurement when it cannot be read.</summary>
    public void Gauge(string name, string unit, string description, Func<IEnumerable<Measurement<long>>> read) =>
        _meter.CreateObservableGauge(name, read, unit, description);

    public void Dispose() => _meter.Dispose();
}
