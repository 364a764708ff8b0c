using System.Text;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// CDI spec files (<c>-use-cdi</c>), one per pool, rewritten whenever the pool's devices change: kind
/// <c>&lt;prefix&gt;/&lt;cdiKind&gt;</c>, one CDI device per pool device that has device nodes (a device without edits is
/// invalid in CDI), each with its nodes. Written as YAML (write-then-rename, so a runtime never reads half a spec);
/// every <c>sriov-dp-*</c> file is removed at start-up and shutdown, as upstream does.
/// </summary>
internal sealed class CdiSpecWriter(string directory)
{
    /// <summary>The CDI spec version container-device-interface v0.5 writes (device nodes with hostPath need 0.5.0).</summary>
    public const string CdiVersion = "0.5.0";

    public string Directory { get; } = directory;

    public string PathOf(PoolSpec pool) => Path.Join(Directory, CdiNames.SpecFile(pool.Prefix, pool.CdiKind, pool.Name));

    public void Write(PoolSpec pool, IEnumerable<PoolDevice> devices)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(pool);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Render(pool, devices));
        File.Move(temp, path, overwrite: true);
    }

    public void Remove(PoolSpec pool) => File.Delete(PathOf(pool));

    /// <summary>Removes every spec file this plugin (or upstream's) wrote.</summary>
    public void RemoveAll()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, CdiNames.FilePrefix + "*"))
        {
            File.Delete(file);
        }
    }

    public static string Render(PoolSpec pool, IEnumerable<PoolDevice> devices)
    {
        var yaml = new StringBuilder();
        yaml.Append("cdiVersion: ").Append(Quote(CdiVersion)).Append('\n');
        yaml.Append("kind: ").Append(Quote(CdiNames.Kind(pool.Prefix, pool.CdiKind))).Append('\n');
        var withNodes = devices.Where(d => d.Nodes.Count > 0).ToList();
        if (withNodes.Count == 0)
        {
            yaml.Append("devices: []\n");
        }
        else
        {
            yaml.Append("devices:\n");
        }

        foreach (var device in withNodes)
        {
            yaml.Append("- name: ").Append(Quote(device.Id)).Append('\n');
            yaml.Append("  containerEdits:\n");
            yaml.Append("    deviceNodes:\n");
            foreach (var node in device.Nodes)
            {
                yaml.Append("    - path: ").Append(Quote(node.ContainerPath)).Append('\n');
                yaml.Append("      hostPath: ").Append(Quote(node.HostPath)).Append('\n');
                yaml.Append("      permissions: ").Append(Quote(node.Permissions)).Append('\n');
            }
        }

        yaml.Append("containerEdits: {}\n");
        return yaml.ToString();
    }

    // Double-quoted YAML scalars: ids contain ':' and paths are plain ASCII; escape the two characters that need it.
    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
