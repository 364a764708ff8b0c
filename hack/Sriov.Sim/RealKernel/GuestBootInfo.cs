using System.Globalization;

namespace Sriov.Sim.RealKernel;

/// <summary>What guest/init reported about the boot (the results share's boot.txt and done files).</summary>
public sealed record GuestBootInfo
{
    public string Kernel { get; init; } = "";

    /// <summary>The igb PF's PCI address, always 0000:01:00.0 (the one device behind run.sh's root port).</summary>
    public string PfPci { get; init; } = "";

    /// <summary>The PF's netdev as the kernel named it (no udev in the guest, so eth0).</summary>
    public string PfInterface { get; init; } = "";

    /// <summary>The guest has IOMMU groups.</summary>
    public bool Iommu { get; init; }

    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>Guest uptime when /init started.</summary>
    public TimeSpan? Init { get; init; }

    /// <summary>Guest uptime when the PF had carrier (null when it was left down).</summary>
    public TimeSpan? Carrier { get; init; }

    /// <summary>Guest uptime after the last step, just before power-off.</summary>
    public TimeSpan? End { get; init; }

    /// <summary>Parses boot.txt and done (key=value lines); missing keys stay empty.</summary>
    public static GuestBootInfo Parse(string bootText, string doneText)
    {
        ArgumentNullException.ThrowIfNull(bootText);
        ArgumentNullException.ThrowIfNull(doneText);
        var v = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (bootText + "\n" + doneText).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                v[line[..eq]] = line[(eq + 1)..];
            }
        }

        return new GuestBootInfo
        {
            Kernel = v.GetValueOrDefault("kernel", ""),
            PfPci = v.GetValueOrDefault("pf_pci", ""),
            PfInterface = v.GetValueOrDefault("pf_if", ""),
            Iommu = v.GetValueOrDefault("iommu") == "1",
            Modules = v.GetValueOrDefault("modules", "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Init = Milliseconds(v.GetValueOrDefault("init_ms")),
            Carrier = Milliseconds(v.GetValueOrDefault("carrier_ms")),
            End = Milliseconds(v.GetValueOrDefault("end_ms")),
        };
    }

    private static TimeSpan? Milliseconds(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
}
