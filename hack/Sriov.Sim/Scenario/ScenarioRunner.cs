using System.Diagnostics;
using System.Globalization;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Netdevs;

namespace Sriov.Sim.Scenario;

/// <summary>
/// Runs a <see cref="ScenarioScript"/> against a <see cref="ScenarioTarget"/> through <c>Sriov.Host</c> (PciControl and
/// PciDiscovery for sysfs, IVfControl for VF attributes, RouteNetlink for interfaces and namespace moves) and records,
/// per operation, what our code answered and the state afterwards. Every operation runs whatever the previous one
/// did; afterwards the runner puts the PF back in its starting state (namespaces deleted, PF bound and up, no VFs), so
/// scripts run one after another in one process. Called from a host-namespace thread (it starts <c>ip netns</c>).
/// </summary>
internal sealed class ScenarioRunner : IDisposable
{
    private static readonly TimeSpan CarrierWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReturnWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly ScenarioTarget _target;
    private readonly PciControl _control;
    private readonly PciDiscovery _discovery;
    private readonly RouteNetlink _host;
    private readonly Dictionary<string, ScenarioNetns> _netns = new(StringComparer.Ordinal);

    // VFs whose interface the script moved out of the host namespace: where it is and under which name.
    private readonly Dictionary<int, (ScenarioNetns Netns, string Name)> _away = [];
    private string? _pfName;

    private ScenarioRunner(ScenarioTarget target)
    {
        _target = target;
        _control = new PciControl(target.Root, TimeProvider.System, target.Writer, target.Timeouts);
        _discovery = new PciDiscovery(target.Root);
        _host = RouteNetlink.Open();
    }

    /// <summary>Runs every operation of <paramref name="script"/>, then cleans up; <paramref name="cleanupProblems"/> gets what the cleanup could not undo.</summary>
    public static async Task<ScenarioRecord> RunAsync(
        ScenarioScript script, ScenarioTarget target, Action<string>? cleanupProblems = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(target);
        using var runner = new ScenarioRunner(target);
        runner._pfName = runner.PfName();
        var steps = new List<StepRecord>();
        try
        {
            foreach (var op in script.Ops)
            {
                steps.Add(await runner.StepAsync(steps.Count, op, cancellationToken));
            }
        }
        finally
        {
            foreach (var problem in await runner.CleanUpAsync(CancellationToken.None))
            {
                cleanupProblems?.Invoke($"{script.Name}: cleanup: {problem}");
            }
        }

        return new ScenarioRecord { Script = script.Name, Target = target.Name, Kernel = target.Kernel, Steps = steps };
    }

    public void Dispose()
    {
        foreach (var ns in _netns.Values)
        {
            ns.Dispose();
        }

        _host.Dispose();
    }

    private async Task<StepRecord> StepAsync(int index, ScenarioOp op, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        bool? changed = null;
        string outcome = "ok";
        string? type = null, message = null;
        SortedDictionary<string, string?>? inventory = null;
        try
        {
            (changed, inventory) = await ExecuteAsync(op, ct);
        }
        catch (Exception e) when (Outcome(e) is { } o)
        {
            outcome = o;
            type = e.GetType().Name;
            message = _target.Normalize(e.Message);
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var reading = Stopwatch.GetTimestamp();
        if (_target.SettleAsync is { } settle)
        {
            await settle(ct);
        }

        _pfName = PfName() ?? _pfName;
        var state = StateReader.Read(_target, _discovery, _host, _pfName, _netns.Values);
        foreach (var (key, value) in inventory ?? [])
        {
            state[key] = value;
        }

        return new StepRecord
        {
            Index = index,
            Op = op.Text,
            Outcome = outcome,
            ErrorType = type,
            Message = message,
            Changed = changed,
            Milliseconds = elapsed,
            StateMilliseconds = (long)Stopwatch.GetElapsedTime(reading).TotalMilliseconds,
            State = state,
        };
    }

    /// <summary>The errno name, or "error" when our own code refused; null for exceptions that are bugs (rethrown).</summary>
    private static string? Outcome(Exception e) => e switch
    {
        NetlinkException n => n.ErrnoName,
        SysfsWriteException w => Errno.Name(w.Errno),
        SysfsTimeoutException => "timeout",
        NetnsException { Errno: not 0 } n => Errno.Name(n.Errno),
        SysfsRequestException or NetnsException or ScenarioException or ArgumentException or IOException => "error",
        _ => null,
    };

    private async Task<(bool? Changed, SortedDictionary<string, string?>? Inventory)> ExecuteAsync(ScenarioOp op, CancellationToken ct)
    {
        var vfs = _target.VfControl;
        switch (op.Kind)
        {
            case ScenarioOpKind.Discover:
                var inventory = new SortedDictionary<string, string?>(StringComparer.Ordinal);
                StateReader.AddInventory(inventory, _discovery.DiscoverAll(), _target);
                inventory["pf.eswitch"] = _target.EswitchMode(_target.Pf).ToString();
                return (null, inventory);
            case ScenarioOpKind.NumVfs:
                return (await _control.SetNumVfsAsync(_target.Pf, op.Number, ct), null);
            case ScenarioOpKind.NumVfsRaw:
                await _control.WriteNumVfsUncheckedAsync(_target.Pf, op.Number, ct);
                return (null, null);
            case ScenarioOpKind.Bind:
                return (await _control.BindDriverAsync(Address(op), op.Word!, ct), null);
            case ScenarioOpKind.BindDefault:
                return (await _control.BindDefaultDriverAsync(Address(op), ct), null);
            case ScenarioOpKind.Unbind:
                return (await _control.UnbindAsync(Address(op), ct), null);
            case ScenarioOpKind.WaitNetdev:
                await _control.WaitForNetdevAsync(Address(op), ct);
                return (null, null);
            case ScenarioOpKind.VfMac:
                vfs.SetMac(Pf(), op.Vf!.Value, op.Mac);
                break;
            case ScenarioOpKind.VfVlan:
                vfs.SetVlan(Pf(), op.Vf!.Value, op.Number, op.Number2, op.Protocol);
                break;
            case ScenarioOpKind.VfRate:
                vfs.SetRate(Pf(), op.Vf!.Value, op.Number, op.Number2);
                break;
            case ScenarioOpKind.VfSpoofCheck:
                vfs.SetSpoofCheck(Pf(), op.Vf!.Value, op.Flag);
                break;
            case ScenarioOpKind.VfTrust:
                vfs.SetTrust(Pf(), op.Vf!.Value, op.Flag);
                break;
            case ScenarioOpKind.VfLinkState:
                vfs.SetLinkState(Pf(), op.Vf!.Value, op.LinkState);
                break;
            case ScenarioOpKind.VfNodeGuid:
                vfs.SetNodeGuid(Pf(), op.Vf!.Value, op.Guid);
                break;
            case ScenarioOpKind.VfPortGuid:
                vfs.SetPortGuid(Pf(), op.Vf!.Value, op.Guid);
                break;
            case ScenarioOpKind.VfGet:
                _ = vfs.GetVf(Pf(), op.Vf!.Value);
                break;
            case ScenarioOpKind.PfDown:
                _host.SetDown(_host.GetLink(Pf()));
                break;
            case ScenarioOpKind.PfUp:
                _host.SetUp(_host.GetLink(Pf()));
                break;
            case ScenarioOpKind.WaitCarrier:
                await WaitCarrierAsync(ct);
                break;
            case ScenarioOpKind.NetnsAdd:
                AddNetns(op.Word!);
                break;
            case ScenarioOpKind.NetnsDelete:
                await DeleteNetnsAsync(op.Word!, ct);
                break;
            case ScenarioOpKind.Move:
                Move(op.Vf!.Value, Netns(op.Word!), op.NewName);
                break;
            case ScenarioOpKind.MoveHome:
                MoveHome(op.Vf!.Value);
                break;
            case ScenarioOpKind.Rename:
                Rename(op.Vf!.Value, _target.NamePrefix + op.Word);
                break;
            case ScenarioOpKind.Mtu:
                OnInterface(op.Vf!.Value, (client, link) => client.SetMtu(link, op.Number));
                break;
            case ScenarioOpKind.LinkUp:
                OnInterface(op.Vf!.Value, (client, link) => client.SetUp(link));
                break;
            case ScenarioOpKind.LinkDown:
                OnInterface(op.Vf!.Value, (client, link) => client.SetDown(link));
                break;
            case ScenarioOpKind.LinkMac:
                OnInterface(op.Vf!.Value, (client, link) => client.SetMac(link, op.Mac));
                break;
            default:
                throw new ScenarioException($"operation {op.Kind} is not implemented");
        }

        return (null, null);
    }

    private string Pf() => _pfName ?? throw new ScenarioException($"PF {_target.Pf} has no interface, so its VFs cannot be reached over netlink");

    private string? PfName() => _discovery.Discover(_target.Pf) is { Netdevs.Count: > 0 } pf ? pf.Netdevs[0].Name : null;

    private PciAddress Address(ScenarioOp op) => op.OnPf ? _target.Pf : Vf(op.Vf!.Value).Address;

    private PciFunction Vf(int vf) =>
        _discovery.DiscoverVfs(_target.Pf)?.FirstOrDefault(f => f.VfIndex == vf)
        ?? throw new ScenarioException(string.Create(CultureInfo.InvariantCulture, $"PF {_target.Pf} has no VF {vf}"));

    private ScenarioNetns Netns(string logicalName) =>
        _netns.TryGetValue(logicalName, out var ns) ? ns : throw new ScenarioException($"the script never added namespace {logicalName}");

    /// <summary>Where VF <paramref name="vf"/>'s interface is now: a namespace the script moved it to, else the host's.</summary>
    private (RouteNetlink Client, LinkInfo Link) Interface(int vf)
    {
        if (_away.TryGetValue(vf, out var away))
        {
            return (away.Netns.Client, away.Netns.Client.GetLink(away.Name));
        }

        var f = Vf(vf);
        var name = f.Netdevs.Count > 0 ? f.Netdevs[0].Name
            : throw new ScenarioException($"VF {vf} ({f.Address}, driver {f.Driver ?? "none"}) has no interface in the host namespace");
        return (_host, _host.GetLink(name));
    }

    private void OnInterface(int vf, Action<RouteNetlink, LinkInfo> action)
    {
        var (client, link) = Interface(vf);
        action(client, link);
    }

    private void AddNetns(string logicalName)
    {
        if (_netns.ContainsKey(logicalName))
        {
            throw new ScenarioException($"namespace {logicalName} was added already");
        }

        var name = _target.NamePrefix + logicalName;
        IpCommand.Run(["netns", "add", name]);
        var handle = NetNs.Open("/run/netns/" + name);
        _netns[logicalName] = new ScenarioNetns(logicalName, name, handle, RouteNetlink.OpenIn(handle));
    }

    /// <summary>
    /// Deletes the namespace and waits for the VF interfaces that were in it to come back: the kernel moves physical
    /// devices to the initial namespace when theirs goes away (default_device_exit_net), from a work queue, so later.
    /// </summary>
    private async Task DeleteNetnsAsync(string logicalName, CancellationToken ct)
    {
        var ns = Netns(logicalName);
        var inside = _away.Where(a => a.Value.Netns == ns).Select(a => a.Key).ToList();
        ns.Dispose();
        _netns.Remove(logicalName);
        IpCommand.Run(["netns", "del", ns.Name]);
        foreach (var vf in inside)
        {
            _away.Remove(vf);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(ReturnWait.TotalSeconds * Stopwatch.Frequency);
        while (inside.Any(vf => _discovery.DiscoverVfs(_target.Pf)?.FirstOrDefault(f => f.VfIndex == vf) is { Netdevs.Count: 0 }))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new ScenarioException($"the VF interfaces of namespace {logicalName} did not come back to the host within {ReturnWait.TotalSeconds} s");
            }

            await Task.Delay(Poll, ct);
            if (_target.SettleAsync is { } settle)
            {
                await settle(ct);
            }
        }
    }

    /// <summary>
    /// Moves the interface; wherever a failed move-and-rename left it, the runner keeps track (RouteNetlink.FindMovedLink).
    /// Without the MAC: the move closes an up interface, and igbvf resets on close and takes the PF's administrative
    /// MAC, so the address before the move does not identify the device after it.
    /// </summary>
    private void Move(int vf, ScenarioNetns target, string? newName)
    {
        var (client, link) = Interface(vf);
        var name = newName is null ? null : _target.NamePrefix + newName;
        try
        {
            client.MoveToNetns(link, target.Handle, name);
        }
        finally
        {
            if (target.Client.FindMovedLink(link.Index, link.Name, name) is { } moved)
            {
                _away[vf] = (target, moved.Name);
            }
        }
    }

    private void MoveHome(int vf)
    {
        if (!_away.TryGetValue(vf, out var away))
        {
            throw new ScenarioException(string.Create(CultureInfo.InvariantCulture, $"VF {vf}'s interface is not in another namespace"));
        }

        using var home = NetNs.OpenHost();
        away.Netns.Client.MoveToNetns(away.Netns.Client.GetLink(away.Name), home);
        _away.Remove(vf);
    }

    private void Rename(int vf, string name)
    {
        var (client, link) = Interface(vf);
        client.SetName(link, name);
        if (_away.TryGetValue(vf, out var away))
        {
            _away[vf] = (away.Netns, name);
        }
    }

    private async Task WaitCarrierAsync(CancellationToken ct)
    {
        var pf = Pf();
        var deadline = Stopwatch.GetTimestamp() + (long)(CarrierWait.TotalSeconds * Stopwatch.Frequency);
        while (_host.TryGetLink(pf)?.Carrier != true)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new ScenarioException($"PF {_target.Normalize(pf)} has no carrier after {CarrierWait.TotalSeconds} s");
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>
    /// Back to the starting state: no namespaces of ours, the PF on its driver and up, no VFs. The PF's carrier comes
    /// back ~1.5 s later on igb; scripts that need it wait for it (wait-carrier) rather than every cleanup.
    /// </summary>
    private async Task<List<string>> CleanUpAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        async Task Try(string what, Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e) when (Outcome(e) is not null)
            {
                problems.Add($"{what}: {_target.Normalize(e.Message)}");
            }
        }

        foreach (var logical in _netns.Keys.ToList())
        {
            await Try($"delete namespace {logical}", () => DeleteNetnsAsync(logical, ct));
        }

        await Try("rebind the PF", () => _control.BindDefaultDriverAsync(_target.Pf, ct));
        await Try("remove the VFs", () => _control.SetNumVfsAsync(_target.Pf, 0, ct));
        if (PfName() is { } pf && _host.TryGetLink(pf) is { IsUp: false } link)
        {
            await Try("bring the PF up", () =>
            {
                _host.SetUp(link);
                return Task.CompletedTask;
            });
        }

        if (_target.SettleAsync is { } settle)
        {
            await settle(ct);
        }

        return problems;
    }
}
