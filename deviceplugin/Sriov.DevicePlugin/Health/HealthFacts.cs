namespace Sriov.DevicePlugin.Health;

/// <summary>What the health rules look at besides the device: the PFs being reconfigured and the PF netdevs' links.</summary>
internal sealed record HealthFacts(IReadOnlySet<string> ReconfiguringPfs, IReadOnlyDictionary<string, LinkState> Links, bool LinkRule);
