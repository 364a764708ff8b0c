using System.Text.Json.Serialization;
using Sriov.Api.Node.DeviceInfo;
using Sriov.Api.Node.DevicePlugin;

namespace Sriov.Api.Node;

/// <summary>
/// Source-generated JSON metadata for the node-side contracts (NativeAOT-safe). Keys are read case-insensitively
/// because upstream's Go readers match them that way (device-plugin config: <c>isRdma</c> = <c>IsRdma</c>);
/// nulls are not written; output is compact like Go's <c>json.Marshal</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResourceConfigList))]
[JsonSerializable(typeof(ResourceSelector))]
[JsonSerializable(typeof(DeviceInfoFile))]
public sealed partial class NodeJsonContext : JsonSerializerContext
{
}
