namespace Sriov.Host.Sysfs;

/// <summary>
/// Something discovery could not read, on one attribute of one function: the function is still reported with what
/// could be read. <see cref="Attribute"/> is the sysfs name relative to the device directory (<c>numa_node</c>,
/// <c>net/ens1f0/mtu</c>, <c>virtfn3</c>).
/// </summary>
public sealed record SysfsProblem(string Attribute, string Reason)
{
    public override string ToString() => $"{Attribute}: {Reason}";
}
