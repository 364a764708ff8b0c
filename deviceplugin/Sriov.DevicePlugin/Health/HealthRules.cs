using Sriov.DevicePlugin.Devices;
using Sriov.DevicePlugin.Pools;

namespace Sriov.DevicePlugin.Health;

/// <summary>
/// The health rules (upstream reports every device Healthy forever): a device is Unhealthy while its function is gone,
/// while it is bound to no driver, while its PF (or the function itself) carries the config daemon's reconfiguring
/// marker (ARCHITECTURE.md "Who owns a VF"), and, with the link rule on, while its PF netdev is down or has no carrier.
/// Pure: returns the first rule that applies, as a reason the logs can show.
/// </summary>
internal static class HealthRules
{
    public static (bool Healthy, string? Reason) Evaluate(PoolDevice device, Presence presence, HealthFacts facts)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(facts);
        var d = device.Candidate;
        switch (presence)
        {
            case Presence.Missing:
                return (false, $"function {d.Pci} is gone");
            case Presence.Unbound:
                return (false, $"function {d.Pci} is bound to no driver");
        }

        var pf = d.PfAddress?.ToString();
        if (pf is not null && facts.ReconfiguringPfs.Contains(pf))
        {
            return (false, $"PF {pf} is being reconfigured");
        }

        if (facts.ReconfiguringPfs.Contains(d.Pci.ToString()))
        {
            return (false, $"{d.Pci} is being reconfigured");
        }

        if (facts.LinkRule && d.PfName is { } pfName && facts.Links.TryGetValue(pfName, out var link) && !link.Usable)
        {
            return (false, link.Up ? $"PF netdev {pfName} has no carrier" : $"PF netdev {pfName} is down");
        }

        return (true, null);
    }
}
