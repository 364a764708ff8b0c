using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// Remembers each function's DDP profile across discovery rounds, keyed by address and driver: <c>ddptool</c> is a
/// child process per function (up to 10 s each), and the resync runs every 5 s. The ice/i40e drivers load the DDP
/// package when they probe the PF, so the profile can change only with a driver (re)bind: another driver is another
/// key, and an entry not seen bound at a round is dropped, so the function is asked again once it is bound again.
/// Used by one discovery thread at a time.
/// </summary>
internal sealed class DdpProfileCache(IDdpProfiles source)
{
    private Dictionary<(PciAddress, string), string?> _known = [];
    private Dictionary<(PciAddress, string), string?> _seen = [];

    public string? Read(PciAddress address, string driver)
    {
        var key = (address, driver);
        if (!_seen.TryGetValue(key, out var profile))
        {
            profile = _known.TryGetValue(key, out var known) ? known : source.Read(address.ToString());
            _seen[key] = profile;
        }

        return profile;
    }

    /// <summary>Ends a round: what was not read in it is forgotten (the function is gone, unbound or rebound).</summary>
    public void EndRound()
    {
        (_known, _seen) = (_seen, _known);
        _seen.Clear();
    }
}
