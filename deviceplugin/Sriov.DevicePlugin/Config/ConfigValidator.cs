using Sriov.Api.Node.DevicePlugin;
using Sriov.Host.Sysfs;
using Sriov.Kubelet;

namespace Sriov.DevicePlugin.Config;

/// <summary>
/// Turns the parsed resource config into <see cref="PoolSpec"/>s, or refuses it naming every mistake:
/// <c>resourceList[1] "dpdk": selectors[0].pfNames[0] "ens1f0#3-": function list after '#': ...</c>. Upstream's rules
/// (resourceName pattern, unique <c>prefix/name</c>, isRdma with vdpaType, auxTypes <c>["sf"]</c>) plus the checks
/// upstream leaves to run time, where they silently select nothing or crash: a missing or empty <c>selectors</c>,
/// malformed <c>#</c> ranges, ids and addresses that can never match, an unknown <c>vdpaType</c>, a resource name the
/// kubelet would refuse. Fields that do not apply to the resource's device type are ignored, as upstream's
/// type-specific decoding ignores them, with a warning.
/// </summary>
internal static class ConfigValidator
{
    public static PoolConfig Validate(ResourceConfigList config, string defaultPrefix, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        var warnings = new List<string>();
        var pools = new List<PoolSpec>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = config.ResourceList ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var resource = list[i];
            var where = resource?.ResourceName is { Length: > 0 } n ? $"resourceList[{i}] \"{n}\"" : $"resourceList[{i}]";
            if (resource is null)
            {
                errors.Add($"{where}: is null; expected a resource object");
                continue;
            }

            var before = errors.Count;
            var pool = Resource(resource, i, defaultPrefix, where, errors, warnings);
            if (pool is null || errors.Count > before)
            {
                continue;
            }

            if (names.TryGetValue(pool.FullName, out var first))
            {
                errors.Add($"{where}: resource {pool.FullName} is already defined by resourceList[{first}]; resource names must be unique per prefix");
                continue;
            }

            names[pool.FullName] = i;
            pools.Add(pool);
        }

        if (errors.Count > 0)
        {
            throw new ConfigException($"{source}: invalid device plugin config:\n  " + string.Join("\n  ", errors));
        }

        return new PoolConfig(pools, warnings.Select(w => $"{source}: {w}").ToList());
    }

    private static PoolSpec? Resource(ResourceConfig r, int index, string defaultPrefix, string where, List<string> errors, List<string> warnings)
    {
        if (string.IsNullOrEmpty(r.ResourceName))
        {
            errors.Add($"{where}: resourceName is missing; give the pool a name matching ^[a-zA-Z0-9_-]+$");
        }
        else if (!r.ResourceName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add($"{where}: resourceName \"{r.ResourceName}\" must match ^[a-zA-Z0-9_-]+$ (letters, digits, '_' and '-')");
        }

        var prefix = string.IsNullOrEmpty(r.ResourcePrefix) ? defaultPrefix : r.ResourcePrefix;
        if (!string.IsNullOrEmpty(r.ResourceName) && ExtendedResourceName.Validate(prefix + "/" + r.ResourceName) is { } bad)
        {
            var field = string.IsNullOrEmpty(r.ResourcePrefix) ? "the -resource-prefix flag" : $"resourcePrefix \"{prefix}\"";
            errors.Add($"{where}: the kubelet would refuse this resource ({field}): {bad}");
        }

        var type = string.IsNullOrEmpty(r.DeviceType) ? DeviceTypes.NetDevice : r.DeviceType;
        if (type is not (DeviceTypes.NetDevice or DeviceTypes.Accelerator or DeviceTypes.AuxNetDevice))
        {
            errors.Add($"{where}: deviceType \"{r.DeviceType}\" is not supported; use netDevice, accelerator or auxNetDevice");
            return null;
        }

        if (r.Selectors is null)
        {
            errors.Add($"{where}: selectors is missing; give a selector object or an array of them ({{}} selects every {type})");
            return null;
        }

        if (r.Selectors.Count == 0)
        {
            errors.Add($"{where}: selectors is an empty array; give at least one selector object");
            return null;
        }

        var selectors = new List<SelectorSpec>();
        for (var j = 0; j < r.Selectors.Count; j++)
        {
            var at = r.Selectors.WriteAsArray ? $"{where}: selectors[{j}]" : $"{where}: selectors";
            selectors.Add(SelectorValidator.Validate(r.Selectors[j], type, at, errors, warnings));
        }

        var info = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, values) in r.AdditionalInfo ?? [])
        {
            if (key != "*" && !PciAddress.TryParse(key, out _) && type != DeviceTypes.AuxNetDevice)
            {
                warnings.Add($"{where}: additionalInfo key \"{key}\" is neither \"*\" nor a PCI address (0000:3b:02.0); it applies to no device");
            }

            info[key] = new Dictionary<string, string>(values ?? [], StringComparer.Ordinal);
        }

        return new PoolSpec
        {
            Index = index,
            Prefix = prefix,
            Name = r.ResourceName ?? "",
            DeviceType = type,
            ExcludeTopology = r.ExcludeTopology,
            Selectors = selectors,
            AdditionalInfo = info,
        };
    }

}
