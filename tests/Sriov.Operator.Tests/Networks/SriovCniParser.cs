using System.Text;
using System.Text.Json.Nodes;
using Sriov.Cni.Config;
using Sriov.Cni.Skel;

namespace Sriov.Operator.Tests.Networks;

/// <summary>
/// Runs a rendered NetworkAttachmentDefinition config through the sriov CNI's own parser and validator
/// (<c>cni/Sriov.Cni</c>), as the plugin sees it at pod start: for a chain, the sriov entry with the list's
/// <c>cniVersion</c> and <c>name</c> (libcni injects them), and a <c>deviceID</c> (Multus adds it from the device
/// plugin's allocation). Returns the CNI's error as <c>code N: message</c>, or null when it accepts the config.
/// </summary>
internal static class SriovCniParser
{
    public static string? Check(string config)
    {
        var root = JsonNode.Parse(config)!.AsObject();
        var plugin = root;
        if (root["plugins"] is JsonArray plugins)
        {
            plugin = plugins.OfType<JsonObject>().Single(p => (string?)p["type"] == "sriov").DeepClone().AsObject();
            plugin["cniVersion"] = root["cniVersion"]?.DeepClone();
            plugin["name"] = root["name"]?.DeepClone();
        }

        plugin["deviceID"] ??= "0000:3b:02.0";
        try
        {
            var conf = NetConfLoader.Load(Encoding.UTF8.GetBytes(plugin.ToJsonString()));
            NetConfValidator.Validate(conf, CniArgs.Parse(null));
            return null;
        }
        catch (CniException e)
        {
            return $"code {e.Code}: {e.Message}";
        }
    }
}
