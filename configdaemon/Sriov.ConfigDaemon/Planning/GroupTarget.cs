using Sriov.Api.NodeStates;

namespace Sriov.ConfigDaemon.Planning;

/// <summary>A VF group of the spec, parsed: its VF index range and the driver its VFs belong on.</summary>
internal sealed record GroupTarget(VfRange Range, string? Driver, int? Mtu, string Label)
{
    public const string Netdevice = "netdevice";

    /// <summary>True for <c>netdevice</c> groups (the VF stays on its kernel driver); false for a user-space driver.</summary>
    public bool IsNetdevice => Driver is null;

    /// <summary>Parses a group; null (with a problem added) when its range is unusable.</summary>
    public static GroupTarget? Parse(VfGroup group, int index, string pfLabel, int numVfs, List<PlanProblem> problems)
    {
        var label = $"vfGroups[{index}] ({group.ResourceName ?? "no resourceName"}) of {pfLabel}";
        if (!VfRange.TryParse(group.VfRange, out var range))
        {
            problems.Add(new PlanProblem($"{label}: vfRange \"{group.VfRange}\" is not \"first-last\" (e.g. \"0-7\"); fix the policy's pfNames range"));
            return null;
        }

        if (range.Last >= numVfs)
        {
            problems.Add(new PlanProblem($"{label}: vfRange {range} goes beyond the PF's {numVfs} VFs (last index {numVfs - 1}); lower the range or raise numVfs"));
            return null;
        }

        if (!string.IsNullOrEmpty(group.VdpaType))
        {
            problems.Add(new PlanProblem($"{label}: vdpaType {group.VdpaType} needs switchdev mode, which this config daemon does not configure yet; remove vdpaType from the policy"));
            return null;
        }

        var type = string.IsNullOrEmpty(group.DeviceType) ? Netdevice : group.DeviceType;
        return new GroupTarget(range, type == Netdevice ? null : type, group.Mtu is > 0 ? group.Mtu : null, label);
    }

    public bool Contains(int vf) => vf >= Range.First && vf <= Range.Last;
}
