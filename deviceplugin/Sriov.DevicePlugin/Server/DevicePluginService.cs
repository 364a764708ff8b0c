using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sriov.DevicePlugin.Allocation;
using Sriov.DevicePlugin.Devices;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using KubeletDevicePlugin = Sriov.Kubelet.DevicePlugin.V1Beta1.DevicePlugin;

namespace Sriov.DevicePlugin.Server;

/// <summary>
/// The kubelet's <c>v1beta1.DevicePlugin</c> service for one pool; thin: the decisions are <see cref="AllocationBuilder"/>
/// and <see cref="PreferredAllocation"/>, the state is the pool's current <see cref="PoolView"/>.
/// </summary>
internal sealed class DevicePluginService(PoolRuntime pool, DeviceInfoWriter deviceInfo, bool useCdi, ILogger logger)
    : KubeletDevicePlugin.DevicePluginBase
{
    /// <summary>GetPreferredAllocation is offered (upstream does not); PreStartContainer is not needed.</summary>
    public static DevicePluginOptions Options { get; } = new() { PreStartRequired = false, GetPreferredAllocationAvailable = true };

    public override Task<DevicePluginOptions> GetDevicePluginOptions(Empty request, ServerCallContext context) => Task.FromResult(Options);

    public override async Task ListAndWatch(Empty request, IServerStreamWriter<ListAndWatchResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var updates = pool.Subscribe(out var unsubscribe);
        ServerLog.StreamOpened(logger, pool.FullName);
        try
        {
            await foreach (var update in updates.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(update, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The kubelet closed the stream.
        }
        finally
        {
            unsubscribe();
        }
    }

    public override Task<PreferredAllocationResponse> GetPreferredAllocation(PreferredAllocationRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = pool.View;
        var devices = view.ById.ToDictionary(p => p.Key, p => p.Value.Device, StringComparer.Ordinal);
        var response = new PreferredAllocationResponse();
        foreach (var r in request.ContainerRequests)
        {
            response.ContainerResponses.Add(new ContainerPreferredAllocationResponse
            {
                DeviceIDs = { PreferredAllocation.Choose(r.AvailableDeviceIDs, r.MustIncludeDeviceIDs, r.AllocationSize, devices) },
            });
        }

        return Task.FromResult(response);
    }

    public override Task<AllocateResponse> Allocate(AllocateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = pool.View;
        var response = new AllocateResponse();
        foreach (var r in request.ContainerRequests)
        {
            var devices = new List<PoolDevice>(r.DevicesIds.Count);
            foreach (var id in r.DevicesIds)
            {
                if (!view.ById.TryGetValue(id, out var entry))
                {
                    var error = $"device {id} is not in pool {view.Spec.FullName} (removed by a rediscovery or a config change); the kubelet will retry with the current devices";
                    ServerLog.AllocateRefused(logger, view.Spec.FullName, error);
                    throw new RpcException(new Status(StatusCode.NotFound, error));
                }

                devices.Add(entry.Device);
            }

            response.ContainerResponses.Add(AllocationBuilder.Build(view.Spec, devices, useCdi));
            foreach (var device in devices)
            {
                try
                {
                    deviceInfo.Write(view.Spec, device);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    var error = $"cannot write the device-info file of {device.Id} in {deviceInfo.Directory}: {e.Message}";
                    ServerLog.AllocateRefused(logger, view.Spec.FullName, error);
                    throw new RpcException(new Status(StatusCode.Internal, error));
                }
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                ServerLog.Allocated(logger, view.Spec.FullName, string.Join(",", r.DevicesIds));
            }
        }

        return Task.FromResult(response);
    }

    public override Task<PreStartContainerResponse> PreStartContainer(PreStartContainerRequest request, ServerCallContext context) =>
        Task.FromResult(new PreStartContainerResponse());
}
