using System.Globalization;
using System.Text.Json;

namespace Sriov.ConfigDaemon.Planning;

/// <summary>
/// The plan as the <c>plan</c> command prints it: <c>{"drain":bool,"actions":[...],"errors":[...]}</c>, one object per
/// step: <c>action</c>, <c>pf</c> (PCI address), <c>pfName</c>, for VF steps <c>vf</c> (index) and <c>pciAddress</c>
/// (when the VF exists), <c>from</c>/<c>to</c> (numbers for counts and MTUs, strings otherwise), <c>disruptive</c> when true.
/// </summary>
internal static class PlanJson
{
    public static string Name(ActionKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static void Write(Utf8JsonWriter json, NodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(plan);
        json.WriteStartObject();
        json.WriteBoolean("drain", plan.Drain);
        json.WriteStartArray("actions");
        foreach (var a in plan.Actions)
        {
            WriteAction(json, a);
        }

        json.WriteEndArray();
        if (plan.Problems.Count > 0)
        {
            json.WriteStartArray("errors");
            foreach (var p in plan.Problems)
            {
                json.WriteStringValue(p.Message);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter json, PlanAction a)
    {
        json.WriteStartObject();
        json.WriteString("action", Name(a.Kind));
        json.WriteString("pf", a.Pf);
        if (a.PfName is not null)
        {
            json.WriteString("pfName", a.PfName);
        }

        if (a.Vf is { } vf)
        {
            json.WriteNumber("vf", vf);
            if (a.VfAddress is not null)
            {
                json.WriteString("pciAddress", a.VfAddress);
            }
        }

        var numeric = a.Kind is ActionKind.SetNumVfs or ActionKind.SetPfMtu or ActionKind.SetVfMtu;
        Value(json, "from", a.From, numeric);
        Value(json, "to", a.To, numeric);
        if (a.Disruptive)
        {
            json.WriteBoolean("disruptive", true);
        }

        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, string name, string? value, bool numeric)
    {
        if (value is null)
        {
            return;
        }

        if (numeric && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            json.WriteNumber(name, n);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
