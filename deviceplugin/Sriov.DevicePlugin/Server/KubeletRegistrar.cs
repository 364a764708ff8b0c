using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.DevicePlugin.Server;

/// <summary>
/// Registration through <c>kubelet.sock</c> (the mode without <c>plugins_registry</c>): <c>Register</c> with version
/// v1beta1, the socket's file name (the kubelet dials it relative to its directory), the resource name and our options
/// (upstream sends none, so the kubelet never asks it for a preferred allocation). The kubelet dials our socket back
/// before it answers, so the pool's server must be up first.
/// </summary>
internal sealed class KubeletRegistrar(string devicePluginDir, TimeSpan timeout)
{
    public string KubeletSocket { get; } = Path.Join(devicePluginDir, KubeletPaths.KubeletSocketName);

    public bool KubeletPresent => File.Exists(KubeletSocket);

    /// <summary>The kubelet socket's creation stamp (a restarted kubelet re-creates it); null when absent.</summary>
    public DateTime? KubeletStamp => File.Exists(KubeletSocket) ? File.GetLastWriteTimeUtc(KubeletSocket) : null;

    public async Task RegisterAsync(string resourceName, string socketPath, CancellationToken ct)
    {
        using var channel = UnixSocketChannel.Create(KubeletSocket);
        var client = new Registration.RegistrationClient(channel);
        await client.RegisterAsync(new RegisterRequest
        {
            Version = DevicePluginApi.Version,
            Endpoint = Path.GetFileName(socketPath),
            ResourceName = resourceName,
            Options = DevicePluginService.Options,
        }, deadline: DateTime.UtcNow + timeout, cancellationToken: ct);
    }
}
