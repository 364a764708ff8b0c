using System.Text.Json.Nodes;
using Sriov.Api.Manifests;
using Sriov.Operator.Commands;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Commands;

/// <summary>The offline commands end to end: files in, List or results out, exit status.</summary>
public sealed class CommandTests : IDisposable
{
    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-0
          labels: {feature.node.kubernetes.io/network-sriov.capable: "true", node-role.kubernetes.io/worker: "", kubernetes.io/os: linux, topology.kubernetes.io/zone: rack-1}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: telco}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: ignored}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sriov-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(Func<IReadOnlyList<string>, TextReader, TextWriter, TextWriter, int> command, string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = command(args, new StringReader(stdin), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Render_prints_node_states_configmap_nads_and_node_labels_for_the_samples()
    {
        var nodes = Write("nodes.yaml", Nodes);

        var (code, stdout, stderr) = Run(RenderCommand.Run, "", "-f", TestPaths.Samples, nodes);

        var list = JsonNode.Parse(stdout)!;
        var kinds = list["items"]!.AsArray().Select(i => $"{i!["kind"]}/{i["metadata"]!["name"]}").ToArray();
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal(["SriovNetworkNodeState/worker-0", "ConfigMap/device-plugin-config", "NetworkAttachmentDefinition/telco-data", "Node/worker-0"], kinds);
        var state = list["items"]![0]!;
        Assert.Null(state["metadata"]!["ownerReferences"]); // the sample operator config has no uid to point at
        Assert.Equal(2, state["spec"]!["interfaces"]!.AsArray().Count);
        Assert.Equal("exclusive", (string?)state["spec"]!["system"]!["rdmaMode"]);
        Assert.Contains("\"resourceName\":\"e810_dpdk\"", (string?)list["items"]![1]!["data"]!["worker-0"], StringComparison.Ordinal);
        Assert.Equal("Enabled", (string?)list["items"]![3]!["metadata"]!["labels"]!["sriovnetwork.openshift.io/device-plugin"]);
        Assert.Contains("kind Deployment (apps/v1) is not used; ignored", stderr, StringComparison.Ordinal);
        Assert.Contains("device-plugin-config: 1 nodes, ", stderr, StringComparison.Ordinal);
        // The IB and OVS samples target namespaces the input does not have: their networks are not ready.
        Assert.Contains("error: SriovIBNetwork sriov-network-operator/hpc-ib: Ready=False (NamespaceNotFound)", stderr, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Fact]
    public void Render_yaml_output_reads_back_as_the_json_output()
    {
        var nodes = Write("nodes.yaml", Nodes);

        var json = Run(RenderCommand.Run, "", "-f", TestPaths.Samples, nodes).Out;
        var yaml = Run(RenderCommand.Run, "", "-f", TestPaths.Samples, nodes, "-o", "yaml").Out;

        var fromYaml = Assert.Single(ManifestReader.Read(yaml, "out.yaml")).Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), fromYaml), yaml);
        Assert.Contains("pciAddress: \"0000:17:00.0\"", yaml, StringComparison.Ordinal);
        Assert.Contains("config: |-\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_reads_stdin_and_puts_objects_without_namespace_in_the_operator_namespace()
    {
        const string Input = """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":{"node-role.kubernetes.io/worker":"","kubernetes.io/os":"linux"}}}
            {"apiVersion":"sriovnetwork.openshift.io/v1","kind":"SriovNetworkNodePolicy","metadata":{"name":"p"},
             "spec":{"resourceName":"r","nodeSelector":{"node-role.kubernetes.io/worker":""},"numVfs":2,"nicSelector":{"pfNames":["ens1"]}}}
            """;

        var (code, stdout, stderr) = Run(RenderCommand.Run, Input, "-f", "-", "--namespace", "ops", "--resource-prefix", "intel.com");

        var list = JsonNode.Parse(stdout)!;
        var cm = list["items"]!.AsArray().Single(i => (string?)i!["kind"] == "ConfigMap")!;
        Assert.Equal("ops", (string?)cm["metadata"]!["namespace"]);
        Assert.Contains("\"pfNames\":[\"ens1\"]", (string?)cm["data"]!["n1"], StringComparison.Ordinal);
        Assert.Contains("no SriovOperatorConfig \"default\" in namespace ops", stderr, StringComparison.Ordinal);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("bad.yaml", "a: 1\n---\nb: [\n", "bad.yaml, document 2: invalid YAML")]
    [InlineData("bad.json", "{\"apiVersion\": \"v1\",", "bad.json, document 1: invalid JSON")]
    [InlineData("nokind.yaml", "apiVersion: v1\nmetadata: {name: x}\n", "nokind.yaml, document 1: a Kubernetes object needs string fields apiVersion and kind")]
    public void Malformed_input_is_an_error_naming_the_file_and_document(string name, string text, string message)
    {
        var path = Write(name, text);

        var (code, stdout, stderr) = Run(RenderCommand.Run, "", "-f", path);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_is_a_usage_error()
    {
        var (code, _, stderr) = Run(ValidateCommand.Run, "", "-f", Path.Combine(_dir, "nope.yaml"));

        Assert.Equal(2, code);
        Assert.Contains("nope.yaml: no such file or directory", stderr, StringComparison.Ordinal);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_allows_the_samples()
    {
        var nodes = Write("nodes.yaml", Nodes);

        var (code, stdout, _) = Run(ValidateCommand.Run, "", "-f", TestPaths.Samples, nodes);

        var results = JsonNode.Parse(stdout)!["results"]!.AsArray();
        Assert.Equal(8, results.Count);
        Assert.All(results, r => Assert.True((bool)r!["allowed"]!, r!.ToJsonString()));
        Assert.Equal(["kind", "namespace", "name", "allowed", "warnings", "message"], results[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(0, code);
    }

    [Fact]
    public void Validate_rejects_with_messages_and_exit_status_1()
    {
        var nodes = Write("nodes.yaml", Nodes);
        var bad = Write("bad.yaml", """
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: typo}
            spec:
              resourceName: r
              nodeSelector: {node-role.kubernetes.io/worker: ""}
              numVfs: 8
              numVF: 8
              nicSelector: {pfNames: ["ens1f0#0-9"]}
            ---
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetwork
            metadata: {name: yaml-trap}
            spec: {resourceName: r, spoofChk: on}
            """);

        var (code, stdout, _) = Run(ValidateCommand.Run, "", "-f", nodes, bad);

        var results = JsonNode.Parse(stdout)!["results"]!.AsArray();
        Assert.Equal(1, code);
        var policy = results[0]!;
        Assert.False((bool)policy["allowed"]!);
        Assert.Contains("the last VF index 9 exceeds the highest VF index 7 of numVfs 8", (string?)policy["message"], StringComparison.Ordinal);
        Assert.Equal("unknown field spec.numVF; the API server drops it", (string?)policy["warnings"]![0]);
        var network = results[1]!;
        Assert.Equal("sriov-network-operator", (string?)network["namespace"]);
        Assert.StartsWith("spec.spoofChk: must be a string, found true (YAML reads unquoted on/off", (string?)network["message"], StringComparison.Ordinal);
    }
}
