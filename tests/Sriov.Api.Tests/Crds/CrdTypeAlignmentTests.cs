using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sriov.Api.Common;
using Sriov.Api.NetworkAttachments;
using Sriov.Api.Networks;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Api.Schema;

namespace Sriov.Api.Tests.Crds;

/// <summary>
/// The C# types and the CRD schemas describe the same fields with the same JSON names and compatible types, both ways:
/// a field only in the CRD would be dropped by our components, a field only in C# would be pruned by the API server.
/// </summary>
public sealed class CrdTypeAlignmentTests
{
    public static TheoryData<string, Type> Kinds() => new()
    {
        { SriovNetworkNodePolicy.KindName, typeof(SriovNetworkNodePolicy) },
        { SriovNetworkNodeState.KindName, typeof(SriovNetworkNodeState) },
        { SriovNetwork.KindName, typeof(SriovNetwork) },
        { SriovIBNetwork.KindName, typeof(SriovIBNetwork) },
        { OvsNetwork.KindName, typeof(OvsNetwork) },
        { SriovOperatorConfig.KindName, typeof(SriovOperatorConfig) },
        { SriovNetworkPoolConfig.KindName, typeof(SriovNetworkPoolConfig) },
        { NetworkAttachmentDefinition.KindName, typeof(NetworkAttachmentDefinition) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Crd_schema_and_CSharp_type_have_the_same_fields(string kind, Type type)
    {
        var schema = CrdSchemaSet.Embedded.Schemas.Single(s => s.Kind == kind);
        var problems = new List<string>();

        Compare(schema.OpenApiV3Schema, type, "", problems, root: true);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Compare(JsonObject schema, Type type, string path, List<string> problems, bool root = false)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schemaType = (string?)schema["type"];
        if (schema["x-kubernetes-int-or-string"] is not null)
        {
            Expect(type == typeof(IntegerOrString), path, "int-or-string", type, problems);
            return;
        }

        switch (schemaType)
        {
            case "string":
                // Timestamps (format date-time) are DateTime in KubernetesClient's models, written as RFC 3339 strings.
                Expect(type == typeof(string) || ((string?)schema["format"] == "date-time" && type == typeof(DateTime)), path, schemaType, type, problems);
                return;
            case "integer":
                Expect(type == typeof(int) || type == typeof(long), path, schemaType, type, problems);
                return;
            case "boolean":
                Expect(type == typeof(bool), path, schemaType, type, problems);
                return;
            case "array":
                var element = ElementType(type, typeof(IList<>)) ?? ElementType(type, typeof(IEnumerable<>));
                Expect(element is not null && type != typeof(string), path, schemaType, type, problems);
                if (element is not null && schema["items"] is JsonObject items)
                {
                    Compare(items, element, path + "[]", problems);
                }

                return;
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            var args = Dictionary(type);
            Expect(args is not null, path, "map", type, problems);
            if (args is not null)
            {
                Compare(additional, args[1], path + "{}", problems);
            }

            return;
        }

        var properties = schema["properties"] as JsonObject ?? [];
        var clr = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Json: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
            .Where(p => p.Json is not null)
            .ToDictionary(p => p.Json!, p => p.Property);
        foreach (var (name, propertySchema) in properties)
        {
            if (root && name is "metadata")
            {
                continue; // V1ObjectMeta: the API server's own schema.
            }

            if (!clr.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name}: in the CRD, not in {type.Name}");
                continue;
            }

            Compare((JsonObject)propertySchema!, property.PropertyType, $"{path}.{name}", problems);
        }

        foreach (var name in clr.Keys.Where(k => !properties.ContainsKey(k)))
        {
            problems.Add($"{path}.{name}: in {type.Name}, not in the CRD");
        }
    }

    private static void Expect(bool ok, string path, string schemaType, Type type, List<string> problems)
    {
        if (!ok)
        {
            problems.Add($"{path}: CRD type {schemaType}, C# type {type.Name}");
        }
    }

    private static Type? ElementType(Type type, Type generic) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type : null)?.GetGenericArguments()[0]
        ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments()[0];

    private static Type[]? Dictionary(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type : null)?.GetGenericArguments()
        ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments();
}
