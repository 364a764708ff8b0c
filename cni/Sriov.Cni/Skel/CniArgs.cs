namespace Sriov.Cni.Skel;

/// <summary>
/// CNI_ARGS (<c>K=V;K=V</c>): the plugin reads <c>MAC</c> and understands <c>IgnoreUnknown</c> (<c>1</c>/<c>true</c>, any
/// case), as upstream's Go types do; keys match case-sensitively. Any other key is an error unless IgnoreUnknown is
/// set (Multus and podman always set it, since they pass <c>K8S_POD_*</c>). Empty pairs (a trailing ';') are skipped.
/// </summary>
internal sealed record CniArgs(string? Mac, bool IgnoreUnknown)
{
    public static CniArgs Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new CniArgs(null, false);
        }

        string? mac = null;
        var ignoreUnknown = false;
        var unknown = new List<string>();
        foreach (var pair in text.Split(';'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_ARGS: invalid pair \"{pair}\"; expected KEY=VALUE");
            }

            var key = pair[..eq];
            var value = pair[(eq + 1)..];
            switch (key)
            {
                case "MAC":
                    mac = value;
                    break;
                case "IgnoreUnknown":
                    ignoreUnknown = value.ToLowerInvariant() switch
                    {
                        "1" or "true" => true,
                        "0" or "false" => false,
                        _ => throw new CniException(
                            CniErrorCode.InvalidEnvironment, $"CNI_ARGS: IgnoreUnknown=\"{value}\" is not a boolean (1, true, 0 or false)"),
                    };
                    break;
                default:
                    unknown.Add(key);
                    break;
            }
        }

        if (unknown.Count > 0 && !ignoreUnknown)
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"CNI_ARGS: unknown args [{string.Join(" ", unknown)}]; only MAC is read (add IgnoreUnknown=1 to pass others)");
        }

        return new CniArgs(mac, ignoreUnknown);
    }
}
