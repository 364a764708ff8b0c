using System.Globalization;
using Sriov.Cni.Config;
using Sriov.Cni.Delegation;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Plugin;

/// <summary>
/// CNI STATUS (1.1.0): ready when the state directory takes a file (write, then remove, a probe) and, for an IPAM
/// delegate that speaks 1.1.0 (asked with VERSION), its STATUS succeeds. Code 50 otherwise, naming what is wrong.
/// </summary>
internal sealed class StatusCommand
{
    private readonly PluginContext _context;

    public StatusCommand(PluginContext context) => _context = context;

    public void Run(CniEnvironment env, NetConf conf)
    {
        var dir = _context.Journals.Directory;
        var probe = Path.Join(dir, string.Create(CultureInfo.InvariantCulture, $".status-{Environment.ProcessId}"));
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.NotAvailable, $"the state directory {dir} is not writable: {e.Message}");
        }

        if (!conf.HasIpam)
        {
            return;
        }

        var ipam = new IpamDelegate(_context.Delegates);
        var request = DelegateRequest.Ipam(conf, env, "STATUS");
        if (!ipam.Supports(request, CniVersion.V110))
        {
            return;
        }

        try
        {
            ipam.Status(request);
        }
        catch (DelegateException e)
        {
            throw new CniException(e.Code is CniErrorCode.NotAvailable or 51 ? e.Code : CniErrorCode.NotAvailable, $"IPAM plugin {conf.IpamType} is not ready: {e.Message}", e.Details);
        }
    }
}
