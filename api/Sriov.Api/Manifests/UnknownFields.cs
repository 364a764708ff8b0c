using System.Text.Json.Nodes;

namespace Sriov.Api.Manifests;

/// <summary>
/// Finds the fields of an input object that did not survive decoding into a C# type and encoding it again: these are
/// the fields the API server would prune (or, with strict field validation, reject).
/// </summary>
internal static class UnknownFields
{
    public static IReadOnlyList<string> Find(JsonNode input, JsonNode? roundTripped)
    {
        var found = new List<string>();
        Walk(input, roundTripped, "", found);
        return found;
    }

    private static void Walk(JsonNode? input, JsonNode? output, string path, List<string> found)
    {
        switch (input)
        {
            case JsonObject inObj:
                var outObj = output as JsonObject;
                foreach (var (key, value) in inObj)
                {
                    // A null in the input carries no data; the API server drops it too.
                    if (value is null)
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (outObj is null || !outObj.TryGetPropertyValue(key, out var outValue))
                    {
                        found.Add(childPath);
                        continue;
                    }

                    Walk(value, outValue, childPath, found);
                }

                break;
            case JsonArray inArr when output is JsonArray outArr && outArr.Count == inArr.Count:
                for (var i = 0; i < inArr.Count; i++)
                {
                    Walk(inArr[i], outArr[i], $"{path}[{i}]", found);
                }

                break;
        }
    }
}
