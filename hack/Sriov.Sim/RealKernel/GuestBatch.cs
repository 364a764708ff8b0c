namespace Sriov.Sim.RealKernel;

/// <summary>
/// Turns scenarios into one guest run's steps: each scenario's steps under "scenario/step", followed by a reset step
/// ("scenario/_reset") that puts the guest back in its boot state for the next scenario.
/// </summary>
internal static class GuestBatch
{
    public const string ResetStepName = "_reset";

    /// <summary>
    /// Deletes every network namespace (a VF inside returns to the initial one), disables the VFs (the kernel then
    /// frees their driver bindings, overrides and igb's per-VF MAC/VLAN/rate settings), re-enables VF autoprobe and
    /// brings the PF up again, waiting for carrier: igb resets the PF link when the VF count changes (real-nic.md §3).
    /// </summary>
    public const string ResetScript = """
        set -u
        fail=0
        for ns in /run/netns/*; do
          [ -e "$ns" ] || continue
          ip netns del "${ns##*/}" || fail=1
        done
        numvfs=
        read -r numvfs <"$RK_PF_SYS/sriov_numvfs"
        if [ "$numvfs" != 0 ]; then echo 0 >"$RK_PF_SYS/sriov_numvfs" || fail=1; fi
        echo 1 >"$RK_PF_SYS/sriov_drivers_autoprobe" || fail=1
        if ! rk_carrier "$RK_PF_IF"; then
          ip link set "$RK_PF_IF" up || fail=1
          rk_wait 10 rk_carrier "$RK_PF_IF" || { echo "PF $RK_PF_IF has no carrier 10 s after the reset" >&2; fail=1; }
        fi
        exit $fail
        """;

    public static IReadOnlyList<GuestStep> Flatten(IEnumerable<GuestScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var steps = new List<GuestStep>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            if (!names.Add(scenario.Name))
            {
                throw new ArgumentException($"two guest scenarios are named '{scenario.Name}'", nameof(scenarios));
            }

            foreach (var step in scenario.Steps)
            {
                if (step.Name == ResetStepName)
                {
                    throw new ArgumentException($"scenario '{scenario.Name}': the step name '{ResetStepName}' is reserved", nameof(scenarios));
                }

                steps.Add(step.Renamed($"{scenario.Name}/{step.Name}"));
            }

            steps.Add(new GuestStep($"{scenario.Name}/{ResetStepName}", ResetScript, TimeSpan.FromSeconds(30)));
        }

        return steps;
    }
}
