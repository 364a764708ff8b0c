using System.Globalization;

namespace Sriov.Api.SupportedNics;

/// <summary>
/// The NIC models the operator configures. Built in (spec/supported-nics.md) unless the operator namespace holds a
/// <c>supported-nic-ids</c> ConfigMap, which then <em>is</em> the list, as upstream reads it: to add a model, the
/// ConfigMap must list the built-in ones too (the Helm chart writes the defaults plus <c>supportedExtraNICs</c>).
/// Ids are compared case-insensitively and stored lowercase.
/// </summary>
public sealed class SupportedNicList
{
    private readonly HashSet<string> _vendors = new(StringComparer.Ordinal);
    private readonly HashSet<(string Vendor, string Device)> _pfs = [];
    private readonly HashSet<(string Vendor, string Device)> _vfs = [];
    private readonly HashSet<string> _pfDevices = new(StringComparer.Ordinal);

    public SupportedNicList(IEnumerable<NicModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = models.Select(m => m with
        {
            Vendor = Lower(m.Vendor),
            PfDeviceId = Lower(m.PfDeviceId),
            VfDeviceId = Lower(m.VfDeviceId),
        }).ToList();
        foreach (var m in Models)
        {
            _vendors.Add(m.Vendor);
            _pfs.Add((m.Vendor, m.PfDeviceId));
            _vfs.Add((m.Vendor, m.VfDeviceId));
            _pfDevices.Add(m.PfDeviceId);
        }
    }

    public static SupportedNicList BuiltIn { get; } = new(BuiltInNicModels.All);

    public IReadOnlyList<NicModel> Models { get; }

    public IEnumerable<string> Vendors => _vendors.Order(StringComparer.Ordinal);

    /// <summary>
    /// Parses the data of a <c>supported-nic-ids</c> ConfigMap: each value <c>"&lt;vendor&gt; &lt;pf device&gt; &lt;vf device&gt;"</c>,
    /// the key naming the model. Malformed entries are skipped and described in <paramref name="warnings"/>.
    /// </summary>
    public static SupportedNicList FromConfigMapData(IDictionary<string, string>? data, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var models = new List<NicModel>();
        foreach (var (key, value) in (data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var parts = (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !parts.All(IsHexId))
            {
                warnings.Add($"ConfigMap supported-nic-ids: entry {key}=\"{value}\" ignored: expected \"<vendor> <pf device> <vf device>\" in hex, e.g. \"8086 158b 154c\"");
                continue;
            }

            models.Add(new NicModel(key, parts[0], parts[1], parts[2]));
        }

        return new SupportedNicList(models);
    }

    public bool IsSupportedVendor(string? vendor) => vendor is not null && _vendors.Contains(Lower(vendor));

    public bool IsSupportedPf(string? vendor, string? device) =>
        vendor is not null && device is not null && _pfs.Contains((Lower(vendor), Lower(device)));

    public bool IsSupportedPfDevice(string? device) => device is not null && _pfDevices.Contains(Lower(device));

    public bool IsSupportedVf(string? vendor, string? device) =>
        vendor is not null && device is not null && _vfs.Contains((Lower(vendor), Lower(device)));

    /// <summary>
    /// The VF device id of the model whose PF device id is <paramref name="pfDevice"/> (and vendor, when given), or
    /// null. Upstream looks the PF id up without the vendor; ids do not collide across vendors in the shipped list.
    /// </summary>
    public string? VfDeviceFor(string? vendor, string pfDevice)
    {
        ArgumentNullException.ThrowIfNull(pfDevice);
        var device = Lower(pfDevice);
        var v = string.IsNullOrEmpty(vendor) ? null : Lower(vendor);
        return Models.FirstOrDefault(m => m.PfDeviceId == device && (v is null || m.Vendor == v))?.VfDeviceId;
    }

    private static bool IsHexId(string s) =>
        s.Length is > 0 and <= 4 && int.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static string Lower(string s) => s.ToLowerInvariant();
}
