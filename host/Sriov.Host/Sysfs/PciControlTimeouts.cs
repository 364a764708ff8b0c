namespace Sriov.Host.Sysfs;

/// <summary>
/// How long each write and its visible result may take. The defaults are upstream's bounds
/// (sriov-network-operator: a <c>sriov_numvfs</c> write ≤ 2 min, the VFs to appear ≤ 120 s, a VF netdev ≤ 10 s);
/// upstream has no bound for bind/unbind, for which 30 s is generous (a real unbind takes ≤ 100 ms).
/// </summary>
public sealed record PciControlTimeouts
{
    public static PciControlTimeouts Default { get; } = new();

    /// <summary>The <c>sriov_numvfs</c> write itself (the driver creates or destroys VFs inside the write).</summary>
    public TimeSpan NumVfsWrite { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>All VFs to appear with their <c>virtfnN</c> and <c>physfn</c> links (or disappear, after writing 0).</summary>
    public TimeSpan VfsAppear { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A VF's interface to appear under <c>net/</c> once it is on a netdev driver.</summary>
    public TimeSpan Netdev { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A bind/unbind/drivers_probe write, and the <c>driver</c> link to show its result.</summary>
    public TimeSpan Bind { get; init; } = TimeSpan.FromSeconds(30);
}
