using System.Globalization;
using System.Text.RegularExpressions;

namespace Sriov.Sim.RealKernel;

/// <summary>hack/realkernel/run.sh's command line for a run directory, guest options and an overall time bound.</summary>
internal static partial class RunArguments
{
    public static IReadOnlyList<string> Build(string runDirectory, GuestOptions options, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Cpus is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Cpus, "GuestOptions.Cpus must be between 1 and 16");
        }

        if (options.MemoryMiB is < 256 or > 8192)
        {
            // Below ~256 MiB the Debian kernel, the initramfs and seven igbvf netdevs do not fit comfortably.
            throw new ArgumentOutOfRangeException(nameof(options), options.MemoryMiB, "GuestOptions.MemoryMiB must be between 256 and 8192");
        }

        if (options.Modules.Count == 0)
        {
            throw new ArgumentException("GuestOptions.Modules is empty; the guest needs at least its PF driver (igb)", nameof(options));
        }

        foreach (var module in options.Modules)
        {
            if (!ModulePattern().IsMatch(module))
            {
                throw new ArgumentException($"GuestOptions.Modules: '{module}' is not a kernel module name", nameof(options));
            }
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the run's timeout must be positive");
        }

        var args = new List<string>
        {
            "--dir", runDirectory,
            "--timeout", ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "--smp", options.Cpus.ToString(CultureInfo.InvariantCulture),
            "--memory", options.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "--modules", string.Join(',', options.Modules),
        };
        if (options.Iommu)
        {
            args.Add("--iommu");
        }

        if (!options.PfUp)
        {
            args.Add("--no-pf-up");
        }

        return args;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ModulePattern();
}
