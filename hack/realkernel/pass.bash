# The real-kernel tier's shared pass (sourced by hack/test.sh and hack/realkernel/test.sh; docs/testing.md, "Real
# kernel"): `sriov-sim realkernel prepare-all` boots one plain and one IOMMU guest for the RealKernel scenarios of
# every built test assembly, in the background, while `dotnet test` runs; the test processes read its results from
# $RK_RESULTS instead of booting their own guests. Results belong to one run: a fresh directory, removed at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The pass's bound (GNU timeout sends TERM, which makes it kill its guests; KILL 20 s later).
RK_PASS_TIMEOUT=${RK_PASS_TIMEOUT:-900}
RK_PASS_PID=

# rk_pass_start: needs the solution built in Release; exports RK_RESULTS.
rk_pass_start() {
  local sim="$RK_REPO/hack/Sriov.Sim/bin/Release/net10.0/sriov-sim.dll" tests=() dir name
  [ -e "$sim" ] || rk_die "no $sim; build the solution (dotnet build Sriov.sln -c Release) before starting the pass"
  for dir in "$RK_REPO"/tests/*/; do
    name=$(basename "$dir")
    # Only assemblies that reference the harness can define scenarios.
    if [ -e "$dir/bin/Release/net10.0/$name.dll" ] && [ -e "$dir/bin/Release/net10.0/sriov-sim.dll" ]; then
      tests+=("$dir/bin/Release/net10.0/$name.dll")
    fi
  done
  [ ${#tests[@]} -gt 0 ] || rk_die "no built test assembly references the real-kernel harness under $RK_REPO/tests"
  mkdir -p "$RK_WORK/results"
  RK_RESULTS=$(mktemp -d "$RK_WORK/results/run-XXXXXX")
  export RK_RESULTS
  timeout --kill-after=20 "$RK_PASS_TIMEOUT" dotnet "$sim" realkernel prepare-all --results "$RK_RESULTS" "${tests[@]}" \
    >"$RK_RESULTS/prepare.log" 2>&1 &
  RK_PASS_PID=$!
  echo "$RK_PASS_PID" >"$RK_RESULTS/pid"
}

# rk_pass_finish: stops the pass if it is still running (no test waits for it any more, e.g. RealKernel was filtered
# out), prints its summary lines (its whole log when it failed) and removes the results. The tests are the verdict:
# a pass that failed made the tests that needed it fail with its reason.
rk_pass_finish() {
  local rc=0 stopped=0
  [ -n "$RK_PASS_PID" ] || return 0
  if kill -0 "$RK_PASS_PID" 2>/dev/null; then
    stopped=1
    echo "realkernel pass: still running after the tests; stopping it (and its guests)" >&2
    kill -TERM "$RK_PASS_PID" 2>/dev/null || true
  fi
  wait "$RK_PASS_PID" || rc=$?
  RK_PASS_PID=
  if [ $rc = 0 ] || [ $stopped = 1 ]; then
    grep -E '^realkernel: (guest|plain guest|iommu guest)' "$RK_RESULTS/prepare.log" | sed 's/^realkernel: /realkernel pass: /' || true
  else
    echo "realkernel pass: exit $rc; its log:" >&2
    sed 's/^/  /' "$RK_RESULTS/prepare.log" >&2 || true
  fi
  rm -rf "$RK_RESULTS"
}
