using System.Text.Json.Serialization;

namespace Sriov.Api.OperatorConfigs;

/// <summary>Persistent log files of the config daemon on the host.</summary>
public sealed class LogConfig
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("compress")]
    public bool? Compress { get; set; }

    [JsonPropertyName("hostPath")]
    public string? HostPath { get; set; }

    /// <summary>0..365.</summary>
    [JsonPropertyName("maxAgeDays")]
    public int? MaxAgeDays { get; set; }

    /// <summary>1..20.</summary>
    [JsonPropertyName("maxFiles")]
    public int? MaxFiles { get; set; }

    /// <summary>1..1024.</summary>
    [JsonPropertyName("maxSizeMB")]
    public int? MaxSizeMb { get; set; }
}
