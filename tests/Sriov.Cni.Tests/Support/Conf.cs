using System.Text.Json.Nodes;

namespace Sriov.Cni.Tests.Support;

/// <summary>Builds network configurations for tests: a base object with keys added, replaced or removed.</summary>
public static class Conf
{
    public static JsonObject Base(string deviceId = "0000:af:06.0", string version = "1.0.0", string name = "sriov-net") => new()
    {
        ["cniVersion"] = version,
        ["name"] = name,
        ["type"] = "sriov",
        ["deviceID"] = deviceId,
    };

    /// <summary>The base object with the members of <paramref name="json"/> merged in (a member set to null is removed).</summary>
    public static string With(string json, string deviceId = "0000:af:06.0")
    {
        var conf = Base(deviceId);
        foreach (var (key, value) in JsonNode.Parse(json)!.AsObject().ToList())
        {
            if (value is null)
            {
                conf.Remove(key);
            }
            else
            {
                conf[key] = value.DeepClone();
            }
        }

        return conf.ToJsonString();
    }
}
