using System.Diagnostics;

namespace Sriov.Sim.Node.Kernel;

/// <summary>Killing a client at its Nth write, from outside (no fault-injection switch in the client).</summary>
internal sealed partial class KernelEmulator
{
    private readonly Lock _killGate = new();
    private int _clientWrites;
    private (int Pid, int At)? _kill;

    public int ClientWrites => Volatile.Read(ref _clientWrites);

    /// <summary>Kills <paramref name="pid"/> at the <paramref name="nthWrite"/>-th client write counted from now.</summary>
    public void KillAt(int pid, int nthWrite)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nthWrite);
        lock (_killGate)
        {
            _kill = (pid, ClientWrites + nthWrite);
        }
    }

    // Called on the emulator's thread before it reacts to a client write, so the killed client never sees the reaction.
    private void CountClientWrite()
    {
        var n = Interlocked.Increment(ref _clientWrites);
        lock (_killGate)
        {
            if (_kill is not { } kill || kill.At != n)
            {
                return;
            }

            _kill = null;
            try
            {
                using var process = Process.GetProcessById(kill.Pid);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
    }
}
