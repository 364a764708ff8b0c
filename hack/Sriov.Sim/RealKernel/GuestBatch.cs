namespace Sriov.Sim.RealKernel;

/// <summary>
/// Turns scenarios into one guest run's steps: each scenario's steps under "scenario/step", followed by a reset step
/// ("scenario/_reset") that puts the guest back in its boot state for the next scenario. Scenarios with a host-side
/// <see cref="GuestScenario.Prepare"/> come last, behind a step ("scenario/_prepared") that waits until the host
/// reports the preparation finished in the run's share (<see cref="PreparedMarker"/>), so no boot waits for a publish.
/// </summary>
internal static class GuestBatch
{
    public const string ResetStepName = "_reset";

    public const string PreparedStepName = "_prepared";

    /// <summary>How long the guest waits for a scenario's host-side preparation (publishes take turns, each bounded at 10 min).</summary>
    public static readonly TimeSpan PrepareWait = TimeSpan.FromMinutes(12);

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

    /// <summary>
    /// The file, relative to the run's share, that the host writes (by rename, so it appears whole) when a scenario's
    /// preparation has ended: "ok", or "failed: why".
    /// </summary>
    public static string PreparedMarker(string scenario) => Path.Combine("prepared", scenario);

    public static IReadOnlyList<GuestStep> Flatten(IEnumerable<GuestScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var steps = new List<GuestStep>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Stable: the scenarios in the order given, those waiting for a host-side preparation behind the others.
        foreach (var scenario in scenarios.OrderBy(s => s.Prepare is not null))
        {
            if (!names.Add(scenario.Name))
            {
                throw new ArgumentException($"two guest scenarios are named '{scenario.Name}'", nameof(scenarios));
            }

            var prepared = scenario.Prepare is not null;
            if (prepared)
            {
                steps.Add(new GuestStep($"{scenario.Name}/{PreparedStepName}", WaitScript(scenario.Name), PrepareWait));
            }

            foreach (var step in scenario.Steps)
            {
                if (step.Name is ResetStepName or PreparedStepName)
                {
                    throw new ArgumentException($"scenario '{scenario.Name}': the step name '{step.Name}' is reserved", nameof(scenarios));
                }

                var name = $"{scenario.Name}/{step.Name}";
                steps.Add(prepared
                    ? new GuestStep(name, Guard(scenario.Name) + step.Script, step.Timeout) { Environment = step.Environment }
                    : step.Renamed(name));
            }

            steps.Add(new GuestStep($"{scenario.Name}/{ResetStepName}", ResetScript, TimeSpan.FromSeconds(30)));
        }

        return steps;
    }

    /// <summary>Polls for the host's marker; the results share is not cached in the guest, so a renamed-in file shows at once.</summary>
    private static string WaitScript(string scenario) => $"""
        marker=/tmp/rk/{PreparedMarker(scenario)}
        until [ -e "$marker" ]; do rk_sleep 0.2; done
        read -r status <"$marker" || status="unreadable marker"
        echo "prepared=$status"
        [ "$status" = ok ]
        """;

    /// <summary>In front of each step of a prepared scenario: a step whose binary was never published does not run.</summary>
    private static string Guard(string scenario) => $"""
        read -r rk_prepared </tmp/rk/{PreparedMarker(scenario)} 2>/dev/null || rk_prepared=missing
        if [ "$rk_prepared" != ok ]; then echo "scenario {scenario}: its host-side preparation did not succeed ($rk_prepared); step not run" >&2; exit 125; fi
        unset rk_prepared

        """;
}
