using System.Text.Json.Serialization;

namespace Sriov.Api.OperatorConfigs;

/// <summary>The spec of the <see cref="SriovOperatorConfig"/> (operator.md §1.6).</summary>
public sealed class SriovOperatorConfigSpec
{
    /// <summary>Nodes that get a config daemon and a node state; empty means worker + linux.</summary>
    [JsonPropertyName("configDaemonNodeSelector")]
    public Dictionary<string, string>? ConfigDaemonNodeSelector { get; set; }

    [JsonPropertyName("enableInjector")]
    public bool? EnableInjector { get; set; }

    [JsonPropertyName("enableOperatorWebhook")]
    public bool? EnableOperatorWebhook { get; set; }

    /// <summary>0..2.</summary>
    [JsonPropertyName("logLevel")]
    public int? LogLevel { get; set; }

    [JsonPropertyName("disableDrain")]
    public bool? DisableDrain { get; set; }

    /// <summary>Declared upstream but unused; kept so users' objects round-trip.</summary>
    [JsonPropertyName("enableOvsOffload")]
    public bool? EnableOvsOffload { get; set; }

    /// <summary><c>daemon</c> or <c>systemd</c>.</summary>
    [JsonPropertyName("configurationMode")]
    public string? ConfigurationMode { get; set; }

    [JsonPropertyName("useCDI")]
    public bool? UseCdi { get; set; }

    /// <summary>Config daemon plugins to disable; only <c>mellanox</c> exists.</summary>
    [JsonPropertyName("disablePlugins")]
    public List<string>? DisablePlugins { get; set; }

    /// <summary>Overlays <see cref="Common.FeatureGates.Defaults"/>.</summary>
    [JsonPropertyName("featureGates")]
    public Dictionary<string, bool>? FeatureGates { get; set; }

    [JsonPropertyName("configDaemonEnvVars")]
    public Dictionary<string, string>? ConfigDaemonEnvVars { get; set; }

    [JsonPropertyName("logConfig")]
    public LogConfig? LogConfig { get; set; }
}
