namespace Sriov.Operator.Commands;

/// <summary>
/// Parses <c>-f PATH... [--namespace N] [--resource-prefix P] [-o json|yaml]</c>. <c>-f</c> may be repeated and takes
/// every following argument that is not a flag; <c>--flag=value</c> works too.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        usage:
          sriov-operator render   -f PATH... [--namespace sriov-network-operator] [--resource-prefix openshift.io] [-o json|yaml]
          sriov-operator validate -f PATH... [--namespace sriov-network-operator] [--resource-prefix openshift.io] [-o json|yaml]

        PATH is a YAML or JSON file (multi-document), a directory (its .yaml, .yml and .json files, recursively),
        or - for stdin. --namespace is the operator namespace; objects without a namespace are taken to be in it.
        render prints the objects the operator would write; validate prints the admission verdict of every policy,
        network, operator config and pool config (exit status 1 if any is rejected).
        """;

    public static CommandOptions Parse(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        var options = new CommandOptions(paths);
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{flag} needs a value");
                }

                return args[++i];
            }

            switch (flag)
            {
                case "-f" or "--filename":
                    if (inline is not null)
                    {
                        paths.Add(inline);
                        break;
                    }

                    var before = paths.Count;
                    while (i + 1 < args.Count && (args[i + 1] == "-" || !args[i + 1].StartsWith('-')))
                    {
                        paths.Add(args[++i]);
                    }

                    if (paths.Count == before)
                    {
                        throw new UsageException($"{flag} needs at least one file or directory");
                    }

                    break;
                case "-n" or "--namespace":
                    options = options with { Namespace = NonEmpty(flag, Value()) };
                    break;
                case "--resource-prefix":
                    options = options with { ResourcePrefix = NonEmpty(flag, Value()) };
                    break;
                case "-o" or "--output":
                    options = options with
                    {
                        Output = Value() switch
                        {
                            "json" => OutputFormat.Json,
                            "yaml" => OutputFormat.Yaml,
                            var other => throw new UsageException($"-o {other}: use json or yaml"),
                        },
                    };
                    break;
                default:
                    throw new UsageException($"unknown argument \"{args[i]}\"");
            }
        }

        if (paths.Count == 0)
        {
            throw new UsageException("no input: give the objects with -f PATH");
        }

        return options;
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string NonEmpty(string flag, string value) =>
        value.Length > 0 ? value : throw new UsageException($"{flag} needs a non-empty value");
}
