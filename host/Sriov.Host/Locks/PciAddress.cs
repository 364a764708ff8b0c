namespace Sriov.Host.Locks;

/// <summary>
/// Checks a PCI address in the kernel's canonical form (<c>0000:3b:02.1</c>: domain, bus, device, function, lower-case
/// hex) before it becomes part of a path, so that no value from a netconf can point a lock file elsewhere.
/// </summary>
internal static class PciAddress
{
    public static bool IsCanonical(string? address)
    {
        if (address is null || address.Length != 12 || address[4] != ':' || address[7] != ':' || address[10] != '.')
        {
            return false;
        }

        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 7 or 10)
            {
                continue;
            }

            var c = address[i];
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        // Device 0-1f, function 0-7.
        return address[8] <= '1' && address[11] <= '7';
    }
}
