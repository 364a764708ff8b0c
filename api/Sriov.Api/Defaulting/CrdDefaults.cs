using Sriov.Api.Networks;
using Sriov.Api.Policies;

namespace Sriov.Api.Defaulting;

/// <summary>
/// The <c>default:</c> values of our CRD schemas (<c>deploy/crds</c>), applied the way the API server applies them
/// when an object is stored, so offline tools see objects as the cluster would hold them. A test checks this list
/// against the CRD files.
/// </summary>
public static class CrdDefaults
{
    public const string PolicyDeviceType = "netdevice";
    public const string SriovNetworkLogLevel = "info";

    /// <summary>Fills absent defaulted fields of a decoded object; objects of other types are left alone.</summary>
    public static void Apply(object value)
    {
        switch (value)
        {
            case SriovNetworkNodePolicy policy:
                policy.Spec.DeviceType ??= PolicyDeviceType;
                break;
            case SriovNetwork network:
                network.Spec.LogLevel ??= SriovNetworkLogLevel;
                break;
        }
    }
}
