using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sriov.Kubelet;
using Sriov.Kubelet.PluginRegistration.V1;

namespace Sriov.DevicePlugin.Server;

/// <summary>
/// The plugin-watcher side of registration (<c>pluginregistration.Registration</c>) on a pool's socket in
/// <c>plugins_registry</c>: GetInfo names the resource and socket; NotifyRegistrationStatus reports the kubelet's answer.
/// A refusal is logged and the socket kept: the kubelet retries a plugin whose socket stays (upstream stops serving).
/// </summary>
internal sealed class PluginInfoService(PoolRuntime pool, string socketPath, ILogger logger) : Registration.RegistrationBase
{
    public override Task<PluginInfo> GetInfo(InfoRequest request, ServerCallContext context)
    {
        ServerLog.InfoRequested(logger, pool.FullName);
        return Task.FromResult(new PluginInfo
        {
            Type = PluginRegistrationApi.DevicePluginType,
            Name = pool.FullName,
            Endpoint = socketPath,
            SupportedVersions = { "v1alpha1", DevicePluginApi.Version },
        });
    }

    public override Task<RegistrationStatusResponse> NotifyRegistrationStatus(RegistrationStatus request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PluginRegistered)
        {
            ServerLog.WatcherRegistered(logger, pool.FullName);
        }
        else
        {
            ServerLog.WatcherRefused(logger, pool.FullName, request.Error);
        }

        return Task.FromResult(new RegistrationStatusResponse());
    }
}
