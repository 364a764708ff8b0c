using System.Text.RegularExpressions;

namespace Sriov.Sim.ApiServer.Objects;

/// <summary>
/// Kubernetes' name and label rules (apimachinery's <c>validation</c> package facts): RFC 1123 subdomains and labels,
/// qualified names (<c>[prefix/]name</c>) for label and annotation keys, and label values.
/// </summary>
internal static partial class NameValidation
{
    public static string? Subdomain(string value) =>
        value.Length > 253 ? "must be no more than 253 characters"
        : SubdomainRegex().IsMatch(value) ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
          "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static string? Label(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : LabelRegex().IsMatch(value) ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start " +
          "and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is " +
          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static string? PathSegment(string value) =>
        value is "." or ".." ? $"may not be '{value}'"
        : value.Contains('/', StringComparison.Ordinal) ? "may not contain '/'"
        : value.Contains('%', StringComparison.Ordinal) ? "may not contain '%'"
        : null;

    /// <summary>A label or annotation key: an optional DNS-subdomain prefix and a 63-character name.</summary>
    public static string? QualifiedName(string value)
    {
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and " +
                   "end with an alphanumeric character, with an optional DNS subdomain prefix and '/'";
        }

        if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                return "prefix part must be non-empty";
            }

            if (Subdomain(parts[0]) is { } prefixError)
            {
                return $"prefix part {prefixError}";
            }
        }

        var name = parts[^1];
        return name.Length == 0 ? "name part must be non-empty"
            : name.Length > 63 ? "name part must be no more than 63 characters"
            : QualifiedNameRegex().IsMatch(name) ? null
            : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
              "alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is " +
              "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    }

    public static string? LabelValue(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : value.Length == 0 || QualifiedNameRegex().IsMatch(value) ? null
        : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
          "start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used for " +
          "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();
}
