using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sriov.Cni.Results;

/// <summary>How the plugin writes JSON to stdout: compact, and without escaping characters JSON allows as they are
/// (so a message reads <c>VF's</c>, not <c>VF\u0027s</c>); runtimes parse it either way.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
