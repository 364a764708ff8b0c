using System.Text;
using System.Text.Json;

namespace Sriov.Cni.Tests.Support;

/// <summary>What one invocation printed and its exit status, with the CNI error fields when it failed.</summary>
public sealed record CniOutput(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public int Code => ExitCode == 0 ? 0 : Json.GetProperty("code").GetInt32();

    public string Message => ExitCode == 0 ? string.Empty : Json.GetProperty("msg").GetString()!;

    public static CniOutput From(byte[] stdout, int exitCode, string stderr = "") => new(exitCode, Encoding.UTF8.GetString(stdout), stderr);

    public override string ToString() => $"exit {ExitCode}: {Stdout}\n{Stderr}";
}
