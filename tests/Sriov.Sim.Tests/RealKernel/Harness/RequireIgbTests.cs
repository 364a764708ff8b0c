using System.Diagnostics;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

/// <summary>
/// setup.sh's check that the QEMU it unpacked lists the igb device (lib.sh <c>rk_require_igb</c>), run against stub
/// QEMUs: the tier is about QEMU's Intel 82576, so a QEMU without it must stop the setup with a message naming it.
/// </summary>
public sealed class RequireIgbTests : IDisposable
{
    private const string Version = "QEMU emulator version 9.9.9 (stub)";

    private readonly string _dir = Directory.CreateTempSubdirectory("rk-require-igb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_qemu_that_lists_igb_passes_and_its_version_is_kept()
    {
        var (code, stdout, stderr) = await CheckAsync(Stub(versionExit: 0, devices:
            "name \"e1000e\", bus PCI, desc \"Intel 82574L GbE Controller\"\nname \"igb\", bus PCI, desc \"Intel 82576 Gigabit Ethernet Controller\""));

        Assert.True(code == 0, stderr);
        Assert.Equal($"version={Version}\n", stdout);
    }

    [Fact]
    public async Task A_qemu_without_igb_is_refused_naming_the_device_and_the_version()
    {
        var (code, stdout, stderr) = await CheckAsync(Stub(versionExit: 0, devices:
            "name \"e1000e\", bus PCI, desc \"Intel 82574L GbE Controller\"\nname \"igbx\", bus PCI\n  name \"igb\", bus PCI (indented: not a device line)"));

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal($"realkernel: the unpacked QEMU ({Version}) does not list the igb device; the tier needs QEMU's Intel 82576 (igb) emulation\n", stderr);
    }

    [Fact]
    public async Task A_qemu_that_does_not_start_is_refused_with_its_output()
    {
        var (code, _, stderr) = await CheckAsync(Stub(versionExit: 127, devices: ""));

        Assert.Equal(1, code);
        Assert.StartsWith("realkernel: the unpacked QEMU does not start: ", stderr, StringComparison.Ordinal);
        Assert.Contains("error while loading shared libraries", stderr, StringComparison.Ordinal);
    }

    // A stand-in for qemu.sh: --version prints the version (or a loader error and exits), -device help the given lines.
    private string Stub(int versionExit, string devices)
    {
        var path = Path.Combine(_dir, "qemu");
        var version = versionExit == 0
            ? $"echo '{Version}'; echo 'Copyright (c) 2003-2025'"
            : $"echo 'qemu-system-x86_64: error while loading shared libraries: libfoo.so.1' >&2; exit {versionExit}";
        File.WriteAllText(path, $$"""
            case "$*" in
              --version) {{version}} ;;
              "-machine none -device help") cat <<'DEVICES'
            {{devices}}
            DEVICES
                ;;
              *) echo "stub qemu: unexpected arguments: $*" >&2; exit 2 ;;
            esac
            """);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> CheckAsync(string qemu)
    {
        var lib = Path.Combine(RealKernelPaths.Discover().ScriptsDirectory, "lib.sh");
        var info = new ProcessStartInfo("bash", ["-c", """source "$1"; rk_require_igb bash "$2"; echo "version=$RK_QEMU_VERSION" """, "bash", lib, qemu])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(info)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        return (bash.ExitCode, await stdout, await stderr);
    }
}
