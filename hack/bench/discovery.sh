#!/usr/bin/env bash
# Benchmark: Sriov.Host discovery of 4 PFs × 128 VFs in-process (ARCHITECTURE.md budget: 50 ms), median of many runs.
# Writes the result into docs/benchmarks.md, section "Host: sysfs discovery". Usage: hack/bench/discovery.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
. hack/bench/lib.bash

runs=${1:-201}
dotnet build hack/bench/Sriov.Bench/Sriov.Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
out=$(mktemp)
trap 'rm -f "$out" "$out.md"' EXIT
status=0
dotnet hack/bench/Sriov.Bench/bin/Release/net10.0/sriov-bench.dll discovery "$runs" >"$out" || status=$?
cat "$out"
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  echo "discovery.sh: the benchmark failed ($status); docs/benchmarks.md left unchanged" >&2
  exit "$status"
fi

# Replace the body of "## Host: sysfs discovery" (up to the next "## " heading) with the new result.
{ echo "## Host: sysfs discovery"; echo; cat "$out"; echo; } >"$out.md"
bench_replace_section "## Host: sysfs discovery" "$out.md"
echo "discovery.sh: wrote docs/benchmarks.md (Host: sysfs discovery)"
[ "$status" -eq 0 ] || { echo "discovery.sh: median over budget" >&2; exit 1; }
