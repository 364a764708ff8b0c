using System.Text.Json;
using Sriov.Cni.Logging;

namespace Sriov.Cni.Config;

/// <summary>
/// One parsed network configuration (stdin): the generic CNI keys and every sriov-cni key (spec cni.md §1.2), with the
/// same names and meanings. Values are as given (validated by <see cref="NetConfLoader"/>); the PF-side settings they
/// ask for are in <see cref="PfSettings"/>. JSON sub-objects are detached copies, so the parsed document can go.
/// </summary>
internal sealed record NetConf
{
    /// <summary>The stdin bytes as received: delegates get exactly these (CNI SPEC: "the complete config").</summary>
    public required byte[] Raw { get; init; }

    /// <summary><c>cniVersion</c>, with "" read as 0.1.0.</summary>
    public required string CniVersion { get; init; }

    public required string Name { get; init; }

    public string? Type { get; init; }

    /// <summary>The VF's PCI address (<c>0000:af:06.0</c>); empty when absent (an error for ADD and CHECK).</summary>
    public string DeviceId { get; init; } = string.Empty;

    public int? Vlan { get; init; }

    public int? VlanQos { get; init; }

    /// <summary><c>vlanProto</c> lower-cased (<c>802.1q</c>, <c>802.1ad</c>).</summary>
    public string? VlanProto { get; init; }

    /// <summary><c>mac</c> as given.</summary>
    public string? Mac { get; init; }

    public string? SpoofChk { get; init; }

    public string? Trust { get; init; }

    public string? LinkState { get; init; }

    public int? MinTxRate { get; init; }

    public int? MaxTxRate { get; init; }

    /// <summary>The whole <c>ipam</c> object (null when absent).</summary>
    public JsonElement? Ipam { get; init; }

    /// <summary><c>ipam.type</c>; null or empty: no IPAM.</summary>
    public string? IpamType { get; init; }

    public JsonElement? Dns { get; init; }

    public JsonElement? Capabilities { get; init; }

    /// <summary><c>runtimeConfig.mac</c> (the <c>mac</c> capability).</summary>
    public string? RuntimeMac { get; init; }

    public JsonElement? PrevResult { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary><c>logLevel</c> as given (kept in the cache for upstream).</summary>
    public string? LogLevelText { get; init; }

    /// <summary><c>logFile</c> as given (an absolute path under <c>/var/log</c>).</summary>
    public string? LogFile { get; init; }

    /// <summary>GC: <c>cni.dev/valid-attachments</c> (or <c>cni.dev/attachments</c>); null when absent.</summary>
    public IReadOnlyList<Attachment>? ValidAttachments { get; init; }

    public bool HasIpam => !string.IsNullOrEmpty(IpamType);
}
