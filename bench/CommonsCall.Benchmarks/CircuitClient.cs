using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommonsCall.Benchmarks;

/// <summary>
/// One Blazor Server circuit opened the way the app's script (blazor.web.js, .NET 9 build) opens it, without a browser:
/// fetch the prerendered page, read its server component markers (<c>&lt;!--Blazor:{...}--&gt;</c>) and its saved
/// state, connect to the hub at <c>/_blazor</c> with the MessagePack protocol the script names "blazorpack",
/// <c>StartCircuit(baseUri, uri, "[]", state)</c>, then <c>UpdateRootComponents</c> with one "add" operation per
/// marker (the .NET 8+ way: the circuit starts empty and the page's components are attached to it), and acknowledge
/// every render batch with <c>OnRenderCompleted</c> as the script does once it has applied it. It records when each
/// render batch arrived. Its limits (bench/README.md): it runs no JavaScript and holds no DOM, so every JS interop
/// call from the server is answered at once with success and no value, and it never sends browser events.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _armedAt;
    private long _firstBatchAfterArming;
    private long _firstBatchBytes;

    private CircuitClient(HubConnection hub) => _hub = hub;

    /// <summary>Render batches received (and acknowledged).</summary>
    public int Batches { get; private set; }

    /// <summary>When the first render batch after the last <see cref="Arm"/> arrived (UTC ticks; 0: none yet).</summary>
    public long FirstBatchAfterArming => Interlocked.Read(ref _firstBatchAfterArming);

    /// <summary>The size of that batch as it came over the wire (what every browser would receive and apply).</summary>
    public long FirstBatchBytes => Interlocked.Read(ref _firstBatchBytes);

    /// <summary>What the server reported with <c>JS.Error</c> (the circuit is then gone), if anything.</summary>
    public string? Error { get; private set; }

    public static async Task<CircuitClient> OpenAsync(HttpClient http, CookieContainer cookies, string path, CancellationToken ct)
    {
        var pageUri = new Uri(http.BaseAddress!, path);
        var html = await http.GetStringAsync(pageUri, ct);
        var operations = new JsonArray();
        var ssrComponentId = 1;
        foreach (Match marker in ComponentMarker().Matches(html))
        {
            var descriptor = JsonNode.Parse(marker.Groups[1].Value)!.AsObject();
            if ((string?)descriptor["type"] != "server")
            {
                continue; // the closing marker of a prerendered component carries only its prerenderId
            }

            descriptor["uniqueId"] = ssrComponentId - 1;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ssrComponentId++, ["marker"] = descriptor });
        }

        if (operations.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server component (not signed in, or the page changed).");
        }

        var state = ComponentState().Match(html) is { Success: true } m ? m.Groups[1].Value : string.Empty;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(http.BaseAddress!, "_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Cookies = cookies;
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var client = new CircuitClient(builder.Build());
        client.Listen();
        await client._hub.StartAsync(ct);
        var circuitId = await client._hub.InvokeAsync<string?>("StartCircuit", new Uri(http.BaseAddress!, "/").ToString(), pageUri.ToString(), "[]", state, ct);
        if (circuitId is null)
        {
            throw new InvalidOperationException($"The server refused the circuit: {client.Error}");
        }

        var update = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await client._hub.SendAsync("UpdateRootComponents", update.ToJsonString(), state, ct);
        await client._attached.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
        return client;
    }

    /// <summary>From now on, wait for the next render batch.</summary>
    public void Arm()
    {
        Interlocked.Exchange(ref _firstBatchAfterArming, 0);
        Interlocked.Exchange(ref _armedAt, DateTime.UtcNow.Ticks);
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            var now = DateTime.UtcNow.Ticks;
            if (Interlocked.Read(ref _armedAt) is var armed and > 0 && now >= armed && Interlocked.CompareExchange(ref _firstBatchAfterArming, now, 0) == 0)
            {
                Interlocked.Exchange(ref _firstBatchBytes, batch.Length);
            }

            Batches++;
            await _hub.SendAsync("OnRenderCompleted", batchId, null);
            _attached.TrySetResult();
        });

        // No JavaScript runs here: a call that waits for an answer gets success and no value at once.
        _hub.On<long, string, string, int, long>("JS.BeginInvokeJS", (taskId, _, _, _, _) =>
            taskId == 0 ? Task.CompletedTask : _hub.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,null]"));
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        _hub.On<string>("JS.Error", error =>
        {
            Error = error;
            _attached.TrySetException(new InvalidOperationException(error));
        });
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ComponentState();

    /// <summary>SignalR's MessagePack hub protocol under the name Blazor Server's hub accepts ("blazorpack").</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => _inner.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }
}
