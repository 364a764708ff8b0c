using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Sriov.Sim.Node.Description;

/// <summary>Reads and writes node descriptions as YAML (JSON is accepted too: it is YAML).</summary>
public static class NodeDescriptionFile
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>Parses and validates; errors name the source, the line and the field.</summary>
    public static NodeDescription Parse(string text, string source = "<text>")
    {
        NodeDescription? description;
        try
        {
            description = Reader.Deserialize<NodeDescription>(text);
        }
        catch (YamlException e)
        {
            var detail = e.InnerException?.Message ?? e.Message;
            throw new NodeDescriptionException($"{source}:{e.Start.Line}:{e.Start.Column}: {detail}", e);
        }

        if (description is null)
        {
            throw new NodeDescriptionException($"{source}: empty node description");
        }

        try
        {
            NodeDescriptionValidator.Validate(description);
        }
        catch (NodeDescriptionException e)
        {
            throw new NodeDescriptionException($"{source}: {e.Message}", e);
        }

        return description;
    }

    public static NodeDescription Load(string path) => Parse(File.ReadAllText(path), path);

    public static string Serialize(NodeDescription description) => Writer.Serialize(description);

    public static void Save(NodeDescription description, string path) => File.WriteAllText(path, Serialize(description));
}
