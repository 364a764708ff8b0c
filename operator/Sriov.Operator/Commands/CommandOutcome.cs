using System.Text.Json.Nodes;

namespace Sriov.Operator.Commands;

/// <summary>What an offline command prints on stdout and stderr, and whether it succeeded.</summary>
internal sealed record CommandOutcome(JsonNode Output, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<string> Notes, bool Success);
