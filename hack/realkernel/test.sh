#!/usr/bin/env bash
# Runs the real-kernel tier on its own: every test with [Trait("Category","RealKernel")] in the solution.
#
#   hack/realkernel/test.sh [extra dotnet test arguments...]
#
# Prepares the guest (setup.sh), builds, starts the shared pass (pass.bash: one plain and one IOMMU guest for every
# assembly's scenarios) and runs the tests beside it, prints each guest boot's costs (boot, steps, wall time, QEMU's
# peak RSS) and ends with the line "N passed, M failed". Exits non-zero when anything failed or nothing ran.
set -euo pipefail
source "$(dirname "$0")/pass.bash"
cd "$RK_REPO"

started=$(date +%s%N)
hack/realkernel/setup.sh

log_lines=0
[ -f "$RK_WORK/runs.log" ] && log_lines=$(wc -l <"$RK_WORK/runs.log")
output=$(mktemp "$RK_WORK/test-output.XXXXXX")
trap 'rk_pass_finish; rm -f "$output"' EXIT
trap 'exit 130' INT TERM

set +e
dotnet build Sriov.sln -c Release --nologo -v quiet -clp:NoSummary 2>&1 | tee "$output"
rc=${PIPESTATUS[0]}
if [ "$rc" = 0 ]; then
  rk_pass_start
  dotnet test Sriov.sln -c Release --nologo --no-build -maxcpucount:4 --filter "Category=RealKernel" "$@" 2>&1 | tee -a "$output"
  rc=${PIPESTATUS[0]}
  rk_pass_finish
fi
set -e

# One summary line per test assembly that had matching tests, e.g.
# "Passed!  - Failed:     0, Passed:    65, Skipped:     0, Total:    65, Duration: 1 m 3 s - Sriov.Sim.Tests.dll (net10.0)"
read -r passed failed < <(sed -n 's/.*\(Passed\|Failed\)! *- Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\3 \2/p' "$output" |
  awk '{ p += $1; f += $2 } END { print p + 0, f + 0 }')

echo
echo "real-kernel guest boots:"
if [ -f "$RK_WORK/runs.log" ]; then tail -n "+$((log_lines + 1))" "$RK_WORK/runs.log" | sed 's/^/  /'; fi
echo "tier wall time: $((($(date +%s%N) - started) / 1000000)) ms (setup, build, shared pass and tests)"

if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
  echo "realkernel: dotnet test exited with $rc before reporting a failed test (build error or crash; see above)" >&2
  failed=1
fi
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
  echo "realkernel: no RealKernel test ran" >&2
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
