using Sriov.Api.Networks;

namespace Sriov.Operator.Networks;

/// <summary>The <c>sriov</c> CNI config of a SriovNetwork (operator.md §3.2; keys of cni.md §1.2).</summary>
internal static class SriovCniConfig
{
    public static string Render(SriovNetwork network)
    {
        var s = network.Spec;
        return CniConfigWriter.Write(network.Metadata.Name, s.MetaPlugins, w =>
        {
            w.WriteString("type", "sriov");
            // vlan and vlanQoS are always written (upstream does): "vlan": 0 makes the CNI clear a VLAN left on the VF.
            w.WriteNumber("vlan", s.Vlan ?? 0);
            CniConfigWriter.WriteIfSet(w, "spoofchk", s.SpoofChk);
            CniConfigWriter.WriteIfSet(w, "trust", s.Trust);
            w.WriteNumber("vlanQoS", s.VlanQoS ?? 0);
            CniConfigWriter.WriteIfSet(w, "vlanProto", s.VlanProto);
            if (s.MinTxRate is { } min)
            {
                w.WriteNumber("min_tx_rate", min);
            }

            if (s.MaxTxRate is { } max)
            {
                w.WriteNumber("max_tx_rate", max);
            }

            CniConfigWriter.WriteObject(w, "capabilities", s.Capabilities, "spec.capabilities");
            CniConfigWriter.WriteIfSet(w, "link_state", s.LinkState);
            CniConfigWriter.WriteIfSet(w, "logLevel", s.LogLevel);
            CniConfigWriter.WriteIfSet(w, "logFile", s.LogFile);
            CniConfigWriter.WriteIpam(w, s.Ipam);
        });
    }
}
