using System.Collections.Frozen;

namespace Sriov.Api.Common;

/// <summary>The feature gates of <c>SriovOperatorConfig.spec.featureGates</c> and their defaults (operator.md §1.6).</summary>
public static class FeatureGates
{
    public const string ParallelNicConfig = "parallelNicConfig";
    public const string ResourceInjectorMatchCondition = "resourceInjectorMatchCondition";
    public const string MetricsExporter = "metricsExporter";
    public const string ManageSoftwareBridges = "manageSoftwareBridges";
    public const string BlockDevicePluginUntilConfigured = "blockDevicePluginUntilConfigured";
    public const string MellanoxFirmwareReset = "mellanoxFirmwareReset";

    /// <summary>Every known gate with its default; the user's map overlays these.</summary>
    public static FrozenDictionary<string, bool> Defaults { get; } = new Dictionary<string, bool>
    {
        [ParallelNicConfig] = false,
        [ResourceInjectorMatchCondition] = false,
        [MetricsExporter] = false,
        [ManageSoftwareBridges] = false,
        [BlockDevicePluginUntilConfigured] = true,
        [MellanoxFirmwareReset] = true,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The effective value of a gate: the user's value if set, else the default, else false.</summary>
    public static bool IsEnabled(IReadOnlyDictionary<string, bool>? userGates, string gate)
    {
        if (userGates is not null && userGates.TryGetValue(gate, out var value))
        {
            return value;
        }

        return Defaults.TryGetValue(gate, out var def) && def;
    }
}
