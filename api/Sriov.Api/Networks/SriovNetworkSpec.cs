using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>The spec of a <see cref="SriovNetwork"/> (operator.md §1.3); each field maps to a <c>sriov</c> CNI key.</summary>
public sealed class SriovNetworkSpec : NetworkSpec
{
    /// <summary>0..4094; 0 means untagged.</summary>
    [JsonPropertyName("vlan")]
    public int? Vlan { get; set; }

    /// <summary>802.1p priority 0..7.</summary>
    [JsonPropertyName("vlanQoS")]
    public int? VlanQoS { get; set; }

    /// <summary><c>802.1q</c> or <c>802.1ad</c> (either case).</summary>
    [JsonPropertyName("vlanProto")]
    public string? VlanProto { get; set; }

    /// <summary><c>on</c> or <c>off</c>.</summary>
    [JsonPropertyName("spoofChk")]
    public string? SpoofChk { get; set; }

    /// <summary><c>on</c> or <c>off</c>.</summary>
    [JsonPropertyName("trust")]
    public string? Trust { get; set; }

    /// <summary><c>auto</c>, <c>enable</c> or <c>disable</c>.</summary>
    [JsonPropertyName("linkState")]
    public string? LinkState { get; set; }

    /// <summary>Mbps; 0 means no limit.</summary>
    [JsonPropertyName("minTxRate")]
    public int? MinTxRate { get; set; }

    /// <summary>Mbps; 0 means no limit.</summary>
    [JsonPropertyName("maxTxRate")]
    public int? MaxTxRate { get; set; }

    /// <summary><c>panic</c>, <c>error</c>, <c>warning</c>, <c>info</c> (CRD default), <c>debug</c> or empty.</summary>
    [JsonPropertyName("logLevel")]
    public string? LogLevel { get; set; }

    [JsonPropertyName("logFile")]
    public string? LogFile { get; set; }
}
