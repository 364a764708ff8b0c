using System.Runtime.InteropServices;
using Sriov.Sim.Node.Cli;

namespace Sriov.Sim.RealKernel;

/// <summary><c>sriov-sim realkernel ...</c>: the real-kernel tier's shared boots (<see cref="PrepareAll"/>).</summary>
internal static class RealKernelCommand
{
    public const string Usage = """
          realkernel prepare-all --results DIR TESTS.dll...
                                                       boot one plain and one IOMMU guest for the RealKernel scenarios
                                                       of every test assembly, and leave the results in DIR for the
                                                       test processes ($RK_RESULTS; hack/realkernel/test.sh runs it)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            {
                await (args.Count == 0 ? stderr : stdout).WriteLineAsync("usage:\n" + Usage);
                return args.Count == 0 ? 2 : 0;
            }

            if (args[0] != "prepare-all")
            {
                throw new UsageException($"realkernel: unknown subcommand '{args[0]}'");
            }

            var a = CliArgs.Parse(args.Skip(1), ["--results"]);
            if (a.Positional.Count == 0)
            {
                throw new UsageException("realkernel prepare-all: name at least one test assembly");
            }

            // SIGTERM or ^C kills the guests (ChildProcess kills run.sh's tree) before the process ends.
            using var stop = new CancellationTokenSource();
            Action<PosixSignalContext> onSignal = c => { c.Cancel = true; stop.Cancel(); };
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
            try
            {
                return await PrepareAll.RunAsync(new SharedResults(a.Required("--results")), a.Positional, stdout, stderr, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("realkernel prepare-all: stopped by a signal; guests killed");
                return 130;
            }
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"sriov-sim: {e.Message}\nusage:\n{Usage}");
            return 2;
        }
    }
}
