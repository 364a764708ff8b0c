namespace Sriov.Host.Sysfs;

/// <summary>Every PCI function of the host at one moment, sorted by address, with lookups by address and by PF.</summary>
public sealed class PciInventory : IReadOnlyList<PciFunction>
{
    private readonly PciFunction[] _functions;
    private readonly Dictionary<PciAddress, PciFunction> _byAddress;

    public PciInventory(IEnumerable<PciFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _functions = [.. functions.OrderBy(f => f.Address)];
        _byAddress = new Dictionary<PciAddress, PciFunction>(_functions.Length);
        foreach (var f in _functions)
        {
            _byAddress[f.Address] = f;
        }
    }

    public int Count => _functions.Length;

    public PciFunction this[int index] => _functions[index];

    /// <summary>The function at <paramref name="address"/>, or null.</summary>
    public PciFunction? Find(PciAddress address) => _byAddress.GetValueOrDefault(address);

    /// <summary>The VFs of <paramref name="pf"/> in VF-index order (empty when it has none or is not here).</summary>
    public IReadOnlyList<PciFunction> VfsOf(PciAddress pf)
    {
        if (Find(pf) is not { } parent)
        {
            return [];
        }

        var vfs = new List<PciFunction>(parent.Vfs.Count);
        foreach (var slot in parent.Vfs)
        {
            if (Find(slot.Address) is { } vf)
            {
                vfs.Add(vf);
            }
        }

        return vfs;
    }

    /// <summary>The functions that can have VFs.</summary>
    public IEnumerable<PciFunction> PhysicalFunctions => _functions.Where(f => f.IsPhysicalFunction);

    public IEnumerator<PciFunction> GetEnumerator() => ((IEnumerable<PciFunction>)_functions).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _functions.GetEnumerator();
}
