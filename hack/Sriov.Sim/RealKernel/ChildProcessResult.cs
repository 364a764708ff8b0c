namespace Sriov.Sim.RealKernel;

/// <summary>How a helper program ended (see <see cref="ChildProcess"/>).</summary>
internal sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed);
