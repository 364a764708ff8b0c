using System.Text;

namespace Sriov.Host.Netlink;

/// <summary>
/// The kernel's rule for interface names (<c>dev_valid_name</c> in net/core/dev.c): 1 to 15 bytes, not <c>.</c> or
/// <c>..</c>, no <c>/</c>, <c>:</c> or whitespace. Checked before a request is sent so the error names the value.
/// </summary>
public static class InterfaceName
{
    public const int MaxLength = 15;

    /// <summary>Null when valid, else why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "an interface name must not be empty";
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxLength)
        {
            return $"interface name \"{name}\" is {bytes} bytes long; the kernel allows at most {MaxLength}";
        }

        if (name is "." or "..")
        {
            return $"interface name \"{name}\" is reserved";
        }

        foreach (var c in name)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c))
            {
                return $"interface name \"{name}\" contains '{c}', which the kernel does not allow ('/', ':' or whitespace)";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> and the value when invalid.</summary>
    public static void Validate(string? name, string field)
    {
        var problem = Problem(name);
        if (problem is not null)
        {
            throw new ArgumentException($"{field}: {problem}", field);
        }
    }
}
