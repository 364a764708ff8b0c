using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>The object after a write (a copy, in storage form) and what the write did.</summary>
internal sealed record WriteResult(JsonObject Object, WriteOutcome Outcome);
