using Sriov.Api.Networks;

namespace Sriov.Operator.Networks;

/// <summary>
/// The <c>ovs</c> CNI config of an OVSNetwork (operator.md §3.2): bridge, vlan, mtu, trunk and interface_type only
/// when non-zero / non-empty.
/// </summary>
internal static class OvsCniConfig
{
    public static string Render(OvsNetwork network)
    {
        var s = network.Spec;
        return CniConfigWriter.Write(network.Metadata.Name, s.MetaPlugins, w =>
        {
            w.WriteString("type", "ovs");
            CniConfigWriter.WriteObject(w, "capabilities", s.Capabilities, "spec.capabilities");
            CniConfigWriter.WriteIfSet(w, "bridge", s.Bridge);
            if (s.Vlan is > 0)
            {
                w.WriteNumber("vlan", s.Vlan.Value);
            }

            if (s.Mtu is > 0)
            {
                w.WriteNumber("mtu", s.Mtu.Value);
            }

            if (s.Trunk is { Count: > 0 } trunk)
            {
                w.WriteStartArray("trunk");
                foreach (var t in trunk)
                {
                    w.WriteStartObject();
                    if (t.MinId is { } min)
                    {
                        w.WriteNumber("minID", min);
                    }

                    if (t.MaxId is { } max)
                    {
                        w.WriteNumber("maxID", max);
                    }

                    if (t.Id is { } id)
                    {
                        w.WriteNumber("id", id);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            CniConfigWriter.WriteIfSet(w, "interface_type", s.InterfaceType);
            CniConfigWriter.WriteIpam(w, s.Ipam);
        });
    }
}
