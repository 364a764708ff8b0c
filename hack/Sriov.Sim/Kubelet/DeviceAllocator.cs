using Grpc.Core;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// The device manager's admission of a container: free healthy devices, the plugin's preference when it offers
/// GetPreferredAllocation (must-include empty, size n), the choice (<see cref="DeviceChooser"/>), Allocate with one
/// container request, which must be answered with exactly one container response, and PreStartContainer when the
/// plugin requires it. The devices are reserved while the plugin is asked, so concurrent admissions never share one.
/// </summary>
internal sealed class DeviceAllocator
{
    private readonly ResourceTable _table;
    private readonly TimeSpan _callTimeout;

    public DeviceAllocator(ResourceTable table, TimeSpan callTimeout)
    {
        _table = table;
        _callTimeout = callTimeout;
    }

    private DateTime Deadline => DateTime.UtcNow + _callTimeout;

    public async Task<ContainerAllocation> AllocateAsync(string pod, string container, string resourceName, int count,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(pod);
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (existing, state, available) = _table.Prepare(pod, container, resourceName);
        if (existing is not null)
        {
            return existing;
        }

        var plugin = _table.Connection(resourceName)
                     ?? throw new KubeletAllocationException($"the device plugin of {resourceName} is not connected");
        IReadOnlyList<string>? preferred = null;
        if (state.GetPreferredAllocationAvailable)
        {
            var answer = await Call(resourceName, "GetPreferredAllocation", () => plugin.Client.GetPreferredAllocationAsync(
                new PreferredAllocationRequest
                {
                    ContainerRequests = { new ContainerPreferredAllocationRequest { AvailableDeviceIDs = { available }, AllocationSize = count } },
                }, deadline: Deadline, cancellationToken: ct).ResponseAsync);
            preferred = answer.ContainerResponses.FirstOrDefault()?.DeviceIDs;
        }

        IReadOnlyList<string> chosen;
        try
        {
            chosen = DeviceChooser.Choose(available, preferred, count);
        }
        catch (KubeletAllocationException e)
        {
            throw new KubeletAllocationException($"{resourceName}: {e.Message}", e);
        }

        if (!_table.Reserve(resourceName, chosen))
        {
            throw new KubeletAllocationException($"{resourceName}: devices were allocated concurrently; retry");
        }

        ContainerAllocation? allocation = null;
        try
        {
            var response = await Call(resourceName, "Allocate", () => plugin.Client.AllocateAsync(
                new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { chosen } } } },
                deadline: Deadline, cancellationToken: ct).ResponseAsync);
            if (response.ContainerResponses.Count != 1)
            {
                throw new KubeletAllocationException(
                    $"{resourceName}: AllocateResponse has {response.ContainerResponses.Count} container responses for 1 request");
            }

            if (state.PreStartRequired)
            {
                await Call(resourceName, "PreStartContainer", () => plugin.Client.PreStartContainerAsync(
                    new PreStartContainerRequest { DevicesIds = { chosen } }, deadline: Deadline, cancellationToken: ct).ResponseAsync);
            }

            allocation = new ContainerAllocation(pod, container, resourceName, chosen, response.ContainerResponses[0],
                state.GetPreferredAllocationAvailable);
            return allocation;
        }
        finally
        {
            _table.Complete(resourceName, chosen, allocation);
        }
    }

    private static async Task<T> Call<T>(string resource, string rpc, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            throw new KubeletAllocationException(
                $"device plugin {resource} failed {rpc}: {e.Status.StatusCode} {e.Status.Detail}", e);
        }
    }
}
