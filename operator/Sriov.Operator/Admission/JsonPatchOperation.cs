using System.Text.Json.Nodes;

namespace Sriov.Operator.Admission;

/// <summary>One RFC 6902 JSON Patch operation, as a mutating admission webhook returns them.</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value);
