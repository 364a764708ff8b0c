using k8s;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.Manifests;
using Sriov.Api.NetworkAttachments;
using Sriov.Api.Networks;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Commands;

/// <summary>
/// The objects of the command's input, decoded, defaulted by their CRD schema and de-duplicated (a later object with
/// the same kind, namespace and name replaces an earlier one). Namespaced objects without a namespace are put in the
/// operator namespace, as <c>kubectl apply -n</c> would.
/// </summary>
internal sealed class InputSet
{
    private readonly List<ManifestObject> _objects = [];

    private InputSet()
    {
    }

    /// <summary>Valid objects of known kinds, in input order.</summary>
    public IReadOnlyList<ManifestObject> Objects => _objects;

    /// <summary>Objects of known kinds that violate their CRD schema.</summary>
    public List<ManifestObject> Invalid { get; } = [];

    /// <summary>Every object of a known kind, valid or not, in input order (before de-duplication).</summary>
    public List<ManifestObject> InOrder { get; } = [];

    /// <summary>Ignored and replaced objects, skipped supported-NIC entries, for stderr.</summary>
    public List<string> Warnings { get; } = [];

    /// <exception cref="ManifestException">Malformed input, naming the file and document.</exception>
    public static InputSet Load(IEnumerable<(string Source, string Text)> inputs, string operatorNamespace)
    {
        var set = new InputSet();
        var index = new Dictionary<(string, string, string), int>();
        foreach (var (source, text) in inputs)
        {
            foreach (var doc in ManifestReader.Read(text, source))
            {
                foreach (var obj in ManifestDecoder.Decode(doc))
                {
                    set.Add(obj, operatorNamespace, index);
                }
            }
        }

        return set;
    }

    private void Add(ManifestObject obj, string operatorNamespace, Dictionary<(string, string, string), int> index)
    {
        if (!obj.IsKnown)
        {
            Warnings.Add($"{obj.Where}: kind {obj.Kind} ({obj.ApiVersion}) is not used; ignored");
            return;
        }

        if (obj.SchemaErrors.Count > 0)
        {
            Invalid.Add(obj);
            InOrder.Add(obj);
            return;
        }

        var ns = obj.Namespace;
        if (obj.Value is IKubernetesObject<V1ObjectMeta> k && obj.Kind is not ("Node" or "Namespace") && string.IsNullOrEmpty(k.Metadata.NamespaceProperty))
        {
            k.Metadata.NamespaceProperty = operatorNamespace;
            ns = operatorNamespace;
        }

        if (string.IsNullOrEmpty(obj.Name))
        {
            var unnamed = obj with { Value = null, SchemaErrors = ["metadata.name: is required"] };
            Invalid.Add(unnamed);
            InOrder.Add(unnamed);
            return;
        }

        obj = obj with { Namespace = ns };
        InOrder.Add(obj);

        var key = (obj.Kind, ns ?? "", obj.Name);
        if (index.TryGetValue(key, out var at))
        {
            Warnings.Add($"{obj.Where}: replaces the same object read earlier from {_objects[at].Where}");
            _objects[at] = obj;
            return;
        }

        index[key] = _objects.Count;
        _objects.Add(obj);
    }

    /// <summary>Warnings for the fields of <paramref name="objects"/> that the API server would drop.</summary>
    public static IEnumerable<string> PrunedWarnings(IEnumerable<ManifestObject> objects) =>
        objects.SelectMany(o => o.PrunedFields.Select(f => $"{o.Where}: unknown field {f}; the API server drops it"));

    public IEnumerable<T> All<T>() => _objects.Select(o => o.Value).OfType<T>();

    public IReadOnlyList<V1Node> Nodes => All<V1Node>().ToList();

    public IReadOnlyList<SriovNetworkNodeState> NodeStates => All<SriovNetworkNodeState>().ToList();

    public IReadOnlyList<SriovNetworkNodePolicy> Policies => All<SriovNetworkNodePolicy>().ToList();

    public IReadOnlyList<SriovNetworkPoolConfig> PoolConfigs => All<SriovNetworkPoolConfig>().ToList();

    public IReadOnlyList<NetworkAttachmentDefinition> Nads => All<NetworkAttachmentDefinition>().ToList();

    /// <summary>SriovNetworks, SriovIBNetworks and OVSNetworks, in input order.</summary>
    public IReadOnlyList<object> Networks =>
        _objects.Select(o => o.Value).Where(v => v is SriovNetwork or SriovIBNetwork or OvsNetwork).Cast<object>().ToList();

    /// <summary>The names of the input's Namespaces, or null when it has none (then every namespace is assumed to exist).</summary>
    public IReadOnlyCollection<string>? Namespaces
    {
        get
        {
            var names = All<V1Namespace>().Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            return names.Count == 0 ? null : names;
        }
    }

    /// <summary>The <c>default</c> operator config of the operator namespace, else any other (the render context warns about it).</summary>
    public SriovOperatorConfig? OperatorConfig(string operatorNamespace)
    {
        var all = All<SriovOperatorConfig>().ToList();
        return all.FirstOrDefault(c => c.Metadata.Name == SriovObjectNames.Default && c.Metadata.NamespaceProperty == operatorNamespace)
            ?? all.FirstOrDefault();
    }

    public V1ConfigMap? ConfigMap(string operatorNamespace, string name) =>
        All<V1ConfigMap>().FirstOrDefault(c => c.Metadata.Name == name && c.Metadata.NamespaceProperty == operatorNamespace);

    /// <summary>The <c>supported-nic-ids</c> ConfigMap when present (it replaces the built-in list), else the built-in list.</summary>
    public SupportedNicList SupportedNics(string operatorNamespace)
    {
        var cm = ConfigMap(operatorNamespace, SriovObjectNames.SupportedNicIdsConfigMap);
        return cm is null ? SupportedNicList.BuiltIn : SupportedNicList.FromConfigMapData(cm.Data, Warnings);
    }
}
