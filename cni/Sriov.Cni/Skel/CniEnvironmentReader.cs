using Sriov.Host.Netlink;

namespace Sriov.Cni.Skel;

/// <summary>
/// Reads and checks the CNI_* variables before anything else runs, and before any path is built from them: the
/// variables each command requires (SPEC.md "Parameters"; CNI_NETNS is optional for DEL), the container ID against
/// libcni's rule <c>^[A-Za-z0-9][A-Za-z0-9_.-]*$</c> (so it can never name another directory), and the interface name
/// against the kernel's (<see cref="InterfaceName"/>). Every failure is code 4 naming the variable and the value.
/// </summary>
internal static class CniEnvironmentReader
{
    public static CniEnvironment Read(Func<string, string?> getenv)
    {
        ArgumentNullException.ThrowIfNull(getenv);
        var commandText = getenv("CNI_COMMAND") ?? string.Empty;
        var command = ParseCommand(commandText);
        var containerId = getenv("CNI_CONTAINERID") ?? string.Empty;
        var netns = getenv("CNI_NETNS") ?? string.Empty;
        var ifName = getenv("CNI_IFNAME") ?? string.Empty;

        var missing = new List<string>();
        if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
        {
            if (containerId.Length == 0)
            {
                missing.Add("CNI_CONTAINERID");
            }

            if (netns.Length == 0 && command != CniCommand.Del)
            {
                missing.Add("CNI_NETNS");
            }

            if (ifName.Length == 0)
            {
                missing.Add("CNI_IFNAME");
            }
        }

        if (missing.Count > 0)
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"required environment variables [{string.Join(",", missing)}] missing for CNI_COMMAND={commandText}");
        }

        if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
        {
            if (!IsValidContainerId(containerId))
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"CNI_CONTAINERID \"{containerId}\" is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
            }

            if (InterfaceName.Problem(ifName) is { } problem)
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_IFNAME is invalid: {problem}");
            }
        }

        return new CniEnvironment
        {
            Command = command,
            ContainerId = containerId,
            Netns = netns,
            IfName = ifName,
            Args = getenv("CNI_ARGS") ?? string.Empty,
            Path = (getenv("CNI_PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    public static CniCommand ParseCommand(string text) => text switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "STATUS" => CniCommand.Status,
        "GC" => CniCommand.Gc,
        "VERSION" => CniCommand.Version,
        "" => throw new CniException(CniErrorCode.InvalidEnvironment, "required environment variables [CNI_COMMAND] missing"),
        _ => throw new CniException(
            CniErrorCode.InvalidEnvironment,
            $"CNI_COMMAND \"{text}\" is unknown; expected ADD, DEL, CHECK, STATUS, GC or VERSION"),
    };

    public static bool IsValidContainerId(string id)
    {
        if (id.Length == 0 || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
