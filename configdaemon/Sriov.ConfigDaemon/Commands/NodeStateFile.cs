using Sriov.Api.Manifests;
using Sriov.Api.NodeStates;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>Reads the <c>--node-state</c> file: a SriovNetworkNodeState in YAML or JSON (a List holding one works too).</summary>
internal static class NodeStateFile
{
    public static SriovNetworkNodeState Read(string path)
    {
        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--node-state {path}: cannot read: {e.Message}", e);
        }

        try
        {
            foreach (var doc in ManifestReader.Read(text, path))
            {
                foreach (var obj in ManifestDecoder.Decode(doc))
                {
                    if (obj.Kind != SriovNetworkNodeState.KindName)
                    {
                        continue;
                    }

                    return obj.Value as SriovNetworkNodeState
                        ?? throw new UsageException($"{obj.Where} does not match the CRD schema: {string.Join("; ", obj.SchemaErrors)}");
                }
            }
        }
        catch (ManifestException e)
        {
            throw new UsageException(e.Message, e);
        }

        throw new UsageException($"--node-state {path}: no SriovNetworkNodeState in it (apiVersion sriovnetwork.openshift.io/v1, kind SriovNetworkNodeState)");
    }
}
