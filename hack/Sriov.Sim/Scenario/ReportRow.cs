namespace Sriov.Sim.Scenario;

/// <summary>One row of the differential record: a step's real and simulated results (markdown cell text) and the verdict.</summary>
internal sealed record ReportRow(string Script, int Step, string Op, string Real, string Sim, string Verdict);
