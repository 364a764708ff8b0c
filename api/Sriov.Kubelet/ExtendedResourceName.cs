namespace Sriov.Kubelet;

/// <summary>
/// The kubelet's check of a device plugin's resource name: an extended resource is a qualified name with a domain
/// prefix (<c>openshift.io/intelnics</c>), not a native resource (no prefix, or a <c>kubernetes.io/</c> prefix) and
/// not starting with <c>requests.</c>. The kubelet refuses <c>Register</c> for any other name.
/// </summary>
public static class ExtendedResourceName
{
    private const int MaxPrefixLength = 253;
    private const int MaxNameLength = 63;

    /// <summary>Returns null when <paramref name="resourceName"/> is a valid extended resource name, or the reason it
    /// is not.</summary>
    public static string? Validate(string? resourceName)
    {
        if (string.IsNullOrEmpty(resourceName))
        {
            return "the resource name is empty";
        }

        var slash = resourceName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return $"\"{resourceName}\" has no domain prefix (expected <domain>/<name>, e.g. openshift.io/intelnics)";
        }

        if (resourceName.Contains("kubernetes.io/", StringComparison.Ordinal))
        {
            return $"\"{resourceName}\" is in the kubernetes.io domain, which is reserved for native resources";
        }

        if (resourceName.StartsWith("requests.", StringComparison.Ordinal))
        {
            return $"\"{resourceName}\" starts with \"requests.\", which is reserved for quota";
        }

        var prefix = resourceName[..slash];
        var name = resourceName[(slash + 1)..];
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return $"\"{resourceName}\" has more than one '/'";
        }

        return ValidatePrefix(resourceName, prefix) ?? ValidateName(resourceName, name);
    }

    private static string? ValidatePrefix(string full, string prefix)
    {
        if (prefix.Length == 0 || prefix.Length > MaxPrefixLength)
        {
            return $"the domain prefix of \"{full}\" must be 1 to {MaxPrefixLength} characters";
        }

        foreach (var label in prefix.Split('.'))
        {
            // RFC 1123 labels: lowercase alphanumerics and '-', starting and ending alphanumeric.
            if (label.Length == 0 || label.Length > 63 || !IsLowerAlnum(label[0]) || !IsLowerAlnum(label[^1])
                || label.Any(c => !IsLowerAlnum(c) && c != '-'))
            {
                return $"the domain prefix \"{prefix}\" of \"{full}\" is not a lowercase DNS subdomain";
            }
        }

        return null;
    }

    private static string? ValidateName(string full, string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return $"the name part of \"{full}\" must be 1 to {MaxNameLength} characters";
        }

        if (!IsAlnum(name[0]) || !IsAlnum(name[^1]) || name.Any(c => !IsAlnum(c) && c is not ('-' or '_' or '.')))
        {
            return $"the name part \"{name}\" of \"{full}\" must consist of alphanumerics, '-', '_' or '.', " +
                   "starting and ending with an alphanumeric";
        }

        return null;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsAlnum(char c) => IsLowerAlnum(c) || c is >= 'A' and <= 'Z';
}
