namespace Sriov.DevicePlugin.Devices;

/// <summary>
/// One provider's part of a device's <c>_INFO</c> env JSON (<c>generic</c>, <c>vfio</c>, <c>uio</c>, <c>rdma</c>,
/// <c>vhost</c>, <c>vdpa</c>, <c>extra</c>), with its keys in the order upstream's documentation shows them.
/// </summary>
internal sealed record EnvProvider(string Name, IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public static EnvProvider Of(string name, params (string Key, string Value)[] values) =>
        new(name, [.. values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value))]);
}
