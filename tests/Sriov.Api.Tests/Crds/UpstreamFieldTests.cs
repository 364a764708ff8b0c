using System.Text.Json.Nodes;
using Sriov.Api.Schema;

namespace Sriov.Api.Tests.Crds;

/// <summary>
/// Compatibility: for every kind, our schema is a superset of upstream's fields (a narrower schema would prune users'
/// fields on their next write) with the same types and defaults. The list below is upstream's fields as facts
/// (operator.md §1 and upstream's CRDs); <c>[]</c> is an array's items, <c>{}</c> a map's values.
/// </summary>
public sealed class UpstreamFieldTests
{
    private static readonly (string Kind, string Path, string Type, string? Default)[] Upstream =
    [
        ("SriovNetworkNodePolicy", "spec.resourceName", "string", null),
        ("SriovNetworkNodePolicy", "spec.nodeSelector{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.priority", "integer", null),
        ("SriovNetworkNodePolicy", "spec.mtu", "integer", null),
        ("SriovNetworkNodePolicy", "spec.numVfs", "integer", null),
        ("SriovNetworkNodePolicy", "spec.nicSelector.vendor", "string", null),
        ("SriovNetworkNodePolicy", "spec.nicSelector.deviceID", "string", null),
        ("SriovNetworkNodePolicy", "spec.nicSelector.rootDevices[]", "string", null),
        ("SriovNetworkNodePolicy", "spec.nicSelector.pfNames[]", "string", null),
        ("SriovNetworkNodePolicy", "spec.nicSelector.netFilter", "string", null),
        ("SriovNetworkNodePolicy", "spec.deviceType", "string", "\"netdevice\""),
        ("SriovNetworkNodePolicy", "spec.isRdma", "boolean", null),
        ("SriovNetworkNodePolicy", "spec.needVhostNet", "boolean", null),
        ("SriovNetworkNodePolicy", "spec.linkType", "string", null),
        ("SriovNetworkNodePolicy", "spec.eSwitchMode", "string", null),
        ("SriovNetworkNodePolicy", "spec.eSwitchParams.multiport", "boolean", null),
        ("SriovNetworkNodePolicy", "spec.vdpaType", "string", null),
        ("SriovNetworkNodePolicy", "spec.excludeTopology", "boolean", null),
        ("SriovNetworkNodePolicy", "spec.externallyManaged", "boolean", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.bridge.datapathType", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.bridge.externalIDs{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.bridge.otherConfig{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.bridge.failMode", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.uplink.interface.type", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.uplink.interface.options{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.uplink.interface.externalIDs{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.uplink.interface.otherConfig{}", "string", null),
        ("SriovNetworkNodePolicy", "spec.bridge.ovs.uplink.interface.mtuRequest", "integer", null),
        ("SriovNetworkNodePolicy", "status", "object", null),
        ("SriovNetworkNodeState", "spec.interfaces[].pciAddress", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].numVfs", "integer", null),
        ("SriovNetworkNodeState", "spec.interfaces[].mtu", "integer", null),
        ("SriovNetworkNodeState", "spec.interfaces[].name", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].linkType", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].eSwitchMode", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].eSwitchParams.multiport", "boolean", null),
        ("SriovNetworkNodeState", "spec.interfaces[].externallyManaged", "boolean", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].resourceName", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].deviceType", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].vfRange", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].policyName", "string", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].mtu", "integer", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].isRdma", "boolean", null),
        ("SriovNetworkNodeState", "spec.interfaces[].vfGroups[].vdpaType", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].name", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].bridge.datapathType", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].bridge.failMode", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].uplinks[].pciAddress", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].uplinks[].name", "string", null),
        ("SriovNetworkNodeState", "spec.bridges.ovs[].uplinks[].interface.mtuRequest", "integer", null),
        ("SriovNetworkNodeState", "spec.system.rdmaMode", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].name", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].mac", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].driver", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].pciAddress", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].vendor", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].deviceID", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].netFilter", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].mtu", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].numVfs", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].linkSpeed", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].linkType", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].linkAdminState", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].eSwitchMode", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].externallyManaged", "boolean", null),
        ("SriovNetworkNodeState", "status.interfaces[].totalvfs", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].altNames[]", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].name", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].mac", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].assigned", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].driver", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].pciAddress", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].vendor", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].deviceID", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].Vlan", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].mtu", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].vfID", "integer", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].vdpaType", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].representorName", "string", null),
        ("SriovNetworkNodeState", "status.interfaces[].Vfs[].guid", "string", null),
        ("SriovNetworkNodeState", "status.bridges.ovs[].name", "string", null),
        ("SriovNetworkNodeState", "status.system.rdmaMode", "string", null),
        ("SriovNetworkNodeState", "status.syncStatus", "string", null),
        ("SriovNetworkNodeState", "status.lastSyncError", "string", null),
        ("SriovNetwork", "spec.networkNamespace", "string", null),
        ("SriovNetwork", "spec.resourceName", "string", null),
        ("SriovNetwork", "spec.capabilities", "string", null),
        ("SriovNetwork", "spec.ipam", "string", null),
        ("SriovNetwork", "spec.vlan", "integer", null),
        ("SriovNetwork", "spec.vlanQoS", "integer", null),
        ("SriovNetwork", "spec.vlanProto", "string", null),
        ("SriovNetwork", "spec.spoofChk", "string", null),
        ("SriovNetwork", "spec.trust", "string", null),
        ("SriovNetwork", "spec.linkState", "string", null),
        ("SriovNetwork", "spec.minTxRate", "integer", null),
        ("SriovNetwork", "spec.maxTxRate", "integer", null),
        ("SriovNetwork", "spec.metaPlugins", "string", null),
        ("SriovNetwork", "spec.logLevel", "string", "\"info\""),
        ("SriovNetwork", "spec.logFile", "string", null),
        ("SriovNetwork", "status.conditions[].type", "string", null),
        ("SriovNetwork", "status.conditions[].status", "string", null),
        ("SriovNetwork", "status.conditions[].reason", "string", null),
        ("SriovNetwork", "status.conditions[].message", "string", null),
        ("SriovNetwork", "status.conditions[].lastTransitionTime", "string", null),
        ("SriovNetwork", "status.conditions[].observedGeneration", "integer", null),
        ("SriovIBNetwork", "spec.networkNamespace", "string", null),
        ("SriovIBNetwork", "spec.resourceName", "string", null),
        ("SriovIBNetwork", "spec.capabilities", "string", null),
        ("SriovIBNetwork", "spec.ipam", "string", null),
        ("SriovIBNetwork", "spec.linkState", "string", null),
        ("SriovIBNetwork", "spec.metaPlugins", "string", null),
        ("SriovIBNetwork", "status.conditions[].type", "string", null),
        ("OVSNetwork", "spec.networkNamespace", "string", null),
        ("OVSNetwork", "spec.resourceName", "string", null),
        ("OVSNetwork", "spec.capabilities", "string", null),
        ("OVSNetwork", "spec.ipam", "string", null),
        ("OVSNetwork", "spec.metaPlugins", "string", null),
        ("OVSNetwork", "spec.bridge", "string", null),
        ("OVSNetwork", "spec.vlan", "integer", null),
        ("OVSNetwork", "spec.mtu", "integer", null),
        ("OVSNetwork", "spec.trunk[].minID", "integer", null),
        ("OVSNetwork", "spec.trunk[].maxID", "integer", null),
        ("OVSNetwork", "spec.trunk[].id", "integer", null),
        ("OVSNetwork", "spec.interfaceType", "string", null),
        ("OVSNetwork", "status.conditions[].type", "string", null),
        ("SriovOperatorConfig", "spec.configDaemonNodeSelector{}", "string", null),
        ("SriovOperatorConfig", "spec.enableInjector", "boolean", null),
        ("SriovOperatorConfig", "spec.enableOperatorWebhook", "boolean", null),
        ("SriovOperatorConfig", "spec.logLevel", "integer", null),
        ("SriovOperatorConfig", "spec.disableDrain", "boolean", null),
        ("SriovOperatorConfig", "spec.enableOvsOffload", "boolean", null),
        ("SriovOperatorConfig", "spec.configurationMode", "string", null),
        ("SriovOperatorConfig", "spec.useCDI", "boolean", null),
        ("SriovOperatorConfig", "spec.disablePlugins[]", "string", null),
        ("SriovOperatorConfig", "spec.featureGates{}", "boolean", null),
        ("SriovOperatorConfig", "spec.configDaemonEnvVars{}", "string", null),
        ("SriovOperatorConfig", "spec.logConfig.enabled", "boolean", null),
        ("SriovOperatorConfig", "spec.logConfig.compress", "boolean", null),
        ("SriovOperatorConfig", "spec.logConfig.hostPath", "string", null),
        ("SriovOperatorConfig", "spec.logConfig.maxAgeDays", "integer", null),
        ("SriovOperatorConfig", "spec.logConfig.maxFiles", "integer", null),
        ("SriovOperatorConfig", "spec.logConfig.maxSizeMB", "integer", null),
        ("SriovOperatorConfig", "status.conditions[].type", "string", null),
        ("SriovOperatorConfig", "status.injector", "string", null),
        ("SriovOperatorConfig", "status.operatorWebhook", "string", null),
        ("SriovNetworkPoolConfig", "spec.nodeSelector.matchLabels{}", "string", null),
        ("SriovNetworkPoolConfig", "spec.nodeSelector.matchExpressions[].key", "string", null),
        ("SriovNetworkPoolConfig", "spec.nodeSelector.matchExpressions[].operator", "string", null),
        ("SriovNetworkPoolConfig", "spec.nodeSelector.matchExpressions[].values[]", "string", null),
        ("SriovNetworkPoolConfig", "spec.maxUnavailable", "int-or-string", null),
        ("SriovNetworkPoolConfig", "spec.rdmaMode", "string", null),
        ("SriovNetworkPoolConfig", "spec.ovsHardwareOffloadConfig.name", "string", null),
        ("NetworkAttachmentDefinition", "spec.config", "string", null),
    ];

    public static TheoryData<string, string, string, string?> Fields()
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (var f in Upstream)
        {
            data.Add(f.Kind, f.Path, f.Type, f.Default);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Upstream_field_exists_with_the_same_type_and_default(string kind, string path, string type, string? defaultJson)
    {
        var node = Resolve(kind, path);

        Assert.NotNull(node);
        var actualType = node["x-kubernetes-int-or-string"] is not null ? "int-or-string" : (string?)node["type"];
        Assert.Equal(type, actualType);
        Assert.Equal(defaultJson, node["default"]?.ToJsonString());
    }

    [Fact]
    public void Our_crds_define_no_default_that_upstream_lacks()
    {
        var ours = new List<string>();
        foreach (var schema in CrdSchemaSet.Embedded.Schemas)
        {
            CollectDefaults(schema.OpenApiV3Schema, schema.Kind, "", ours);
        }

        var upstream = Upstream.Where(f => f.Default is not null).Select(f => $"{f.Kind} {f.Path}={f.Default}");
        Assert.Equal(upstream.Order(), ours.Order());
    }

    private static JsonObject? Resolve(string kind, string path)
    {
        JsonObject? node = CrdSchemaSet.Embedded.Schemas.Single(s => s.Kind == kind).OpenApiV3Schema;
        foreach (var part in path.Split('.'))
        {
            var name = part.TrimEnd('[', ']', '{', '}');
            node = node?["properties"]?[name] as JsonObject;
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node?["items"] as JsonObject;
            }
            else if (part.EndsWith("{}", StringComparison.Ordinal))
            {
                node = node?["additionalProperties"] as JsonObject;
            }
        }

        return node;
    }

    private static void CollectDefaults(JsonObject schema, string kind, string path, List<string> found)
    {
        if (schema["default"] is { } d)
        {
            found.Add($"{kind} {path}={d.ToJsonString()}");
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            CollectDefaults((JsonObject)child!, kind, path.Length == 0 ? name : $"{path}.{name}", found);
        }

        if (schema["items"] is JsonObject items)
        {
            CollectDefaults(items, kind, path + "[]", found);
        }
    }
}
