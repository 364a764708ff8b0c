using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Drain;
using Sriov.Kube.Client;
using Sriov.Kube.Updates;
using k8s.Models;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>
/// Plays the operator's drain controller (operator.md §4.6) against the API emulator: on the Node's state annotation
/// Drain_Required it sets current-state Draining, then DrainComplete once the test allows it; on Idle it goes back to
/// Idle. It records every current-state it wrote.
/// </summary>
internal sealed class FakeDrainController : IAsyncDisposable
{
    private readonly ClusterHarness _h;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _written = [];

    public FakeDrainController(ClusterHarness h)
    {
        _h = h;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Completed by the test to let the drain finish.</summary>
    public TaskCompletionSource AllowCompletion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_written)
            {
                return [.. _written];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var node = (await _h.Nodes.GetAsync(ObjectKey.Cluster(ClusterHarness.NodeName), _stop.Token))!;
            var state = await _h.StateAsync();
            var request = ClusterHarness.Annotation(node, SriovAnnotations.NodeState) ?? DrainStates.Idle;
            var current = ClusterHarness.Annotation(state, SriovAnnotations.CurrentState) ?? DrainStates.Idle;
            if (request is DrainStates.DrainRequired or DrainStates.RebootRequired)
            {
                if (current == DrainStates.Idle)
                {
                    await SetAsync(DrainStates.Draining);
                }
                else if (current == DrainStates.Draining && AllowCompletion.Task.IsCompleted)
                {
                    await SetAsync(DrainStates.DrainComplete);
                }
            }
            else if (request == DrainStates.Idle && current is DrainStates.Draining or DrainStates.DrainComplete)
            {
                await SetAsync(DrainStates.Idle);
            }

            await Task.Delay(20, _stop.Token);
        }
    }

    private async Task SetAsync(string value)
    {
        lock (_written)
        {
            _written.Add(value);
        }

        await _h.States.PatchAnnotationsAsync(_h.StateKey, new Dictionary<string, string?> { [SriovAnnotations.CurrentState] = value }, ct: _stop.Token);
    }
}
