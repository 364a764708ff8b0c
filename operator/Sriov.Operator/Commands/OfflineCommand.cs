using Sriov.Api.Manifests;

namespace Sriov.Operator.Commands;

/// <summary>
/// The shell shared by <c>render</c> and <c>validate</c>: parse flags, read the inputs, run the command's pure body,
/// print. Exit status: 0 success, 1 the body reported errors or rejections, 2 bad usage or malformed input.
/// </summary>
internal static class OfflineCommand
{
    public static int Run(
        IReadOnlyList<string> args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        Func<CommandOptions, InputSet, CommandOutcome> body)
    {
        CommandOptions options;
        InputSet input;
        try
        {
            options = CommandLine.Parse(args);
            input = InputSet.Load(InputFiles.Read(options.Paths, stdin), options.Namespace);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine(CommandLine.Usage);
            return 2;
        }
        catch (ManifestException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        var outcome = body(options, input);
        stdout.Write(OutputWriter.Format(outcome.Output, options.Output));
        foreach (var w in outcome.Warnings)
        {
            stderr.WriteLine($"warning: {w}");
        }

        foreach (var n in outcome.Notes)
        {
            stderr.WriteLine(n);
        }

        foreach (var e in outcome.Errors)
        {
            stderr.WriteLine($"error: {e}");
        }

        return outcome.Success ? 0 : 1;
    }
}
