using System.Text.Json.Serialization;

namespace Sriov.Sim.Scenario;

/// <summary>The JSON form of scenario records (camelCase, indented, nulls kept so a missing value is visible).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ScenarioRecord))]
internal sealed partial class ScenarioJson : JsonSerializerContext;
