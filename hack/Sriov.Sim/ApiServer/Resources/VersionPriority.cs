using System.Globalization;
using System.Text.RegularExpressions;

namespace Sriov.Sim.ApiServer.Resources;

/// <summary>
/// Kubernetes' version ordering (GA before beta before alpha, higher numbers first, then anything else), used to pick
/// the preferred version in discovery.
/// </summary>
internal static partial class VersionPriority
{
    public static long Of(string version)
    {
        var m = KubeVersion().Match(version);
        if (!m.Success)
        {
            return 0;
        }

        var major = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var stage = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success ? long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (stage * 1_000_000) + (major * 1_000) + minor;
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+)?)?$")]
    private static partial Regex KubeVersion();
}
