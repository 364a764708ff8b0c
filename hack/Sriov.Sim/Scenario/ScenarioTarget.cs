using Sriov.Host;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;

namespace Sriov.Sim.Scenario;

/// <summary>
/// What a scenario runs against: a host root and one PF in it, the PF-side VF control, and for the simulator the node
/// token that goes in front of every name the script gives (the simulator's interfaces share the host's namespace)
/// and a settle step (wait until the kernel emulator and the veth tracking have caught up; the real kernel acts
/// within each call).
/// </summary>
internal sealed class ScenarioTarget
{
    public required HostRoot Root { get; init; }

    public required PciAddress Pf { get; init; }

    public required IVfControl VfControl { get; init; }

    /// <summary><c>real</c> or <c>sim:PROFILE</c>, as the record shows it.</summary>
    public required string Name { get; init; }

    /// <summary>Put in front of every interface and namespace name the script gives, and removed from every recorded name and message.</summary>
    public string NamePrefix { get; init; } = "";

    /// <summary>Run after each operation, before the state is read.</summary>
    public Func<CancellationToken, Task>? SettleAsync { get; init; }

    public PciControlTimeouts Timeouts { get; init; } = PciControlTimeouts.Default;

    /// <summary>The sysfs writer of the runner's PciControl; null for the kernel's (<see cref="KernelSysfsWriter"/>).</summary>
    public ISysfsWriter? Writer { get; init; }

    /// <summary>
    /// The PF's devlink e-switch mode, asked by <c>discover</c>: <c>DevlinkClient</c> on a real kernel; a simulated node
    /// has no devlink, so its target answers for the profile's driver.
    /// </summary>
    public required Func<PciAddress, EswitchMode> EswitchMode { get; init; }

    /// <summary>The kernel release shown in the record.</summary>
    public string Kernel { get; init; } = ReadKernelRelease();

    /// <summary>Removes the simulator's root directory and node token from a message, so both targets' texts compare.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Root.Path.TrimEnd('/');
        if (root.Length > 0)
        {
            text = text.Replace(root + "/", "/", StringComparison.Ordinal);
        }

        return NamePrefix.Length == 0 ? text : text.Replace(NamePrefix, "", StringComparison.Ordinal);
    }

    private static string ReadKernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
