using System.Diagnostics;
using System.Text.Json;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// Reads the DDP profile with Intel's <c>ddptool -l -a -j -s &lt;pci&gt;</c> (upstream's fallback route; upstream's image
/// bundles the tool): <c>DDPInventory.DDPpackage.name</c> of its JSON. Exit 8 is "no profile loaded"; a missing tool
/// (exit 127, or no executable) means no profile. Bounded at 10 s per call.
/// </summary>
internal sealed class DdptoolProfiles(string tool = "ddptool") : IDdpProfiles
{
    public string? Read(string pciAddress)
    {
        Sriov.Host.Namespaces.NetnsRunner.ThrowIfInForeignNetns(tool);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, ["-l", "-a", "-j", "-s", pciAddress])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? Parse(output.GetAwaiter().GetResult()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The package name in ddptool's JSON, or null.</summary>
    internal static string? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            // TryGetProperty throws on anything but an object, so each level's kind is checked first.
            return doc.RootElement is { ValueKind: JsonValueKind.Object } root
                   && root.TryGetProperty("DDPInventory", out var inv) && inv.ValueKind == JsonValueKind.Object
                   && inv.TryGetProperty("DDPpackage", out var pkg) && pkg.ValueKind == JsonValueKind.Object
                   && pkg.TryGetProperty("name", out var name)
                   && name.ValueKind == JsonValueKind.String
                   && name.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
