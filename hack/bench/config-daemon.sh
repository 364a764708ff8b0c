#!/usr/bin/env bash
# Benchmark: the config daemon on a simulated node of 8 PFs × 64 VFs, in-process: plan, apply from nothing, and the
# re-apply of the applied state, which must make zero sysfs writes (ARCHITECTURE.md budget).
# Writes the result into docs/benchmarks.md, section "Config daemon". Usage: hack/bench/config-daemon.sh [NODES]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-3}
dotnet build hack/bench/Sriov.Bench/Sriov.Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
out=$(mktemp)
trap 'rm -f "$out" "$out.md"' EXIT
status=0
dotnet hack/bench/Sriov.Bench/bin/Release/net10.0/sriov-bench.dll config-daemon "$runs" >"$out" || status=$?
cat "$out"
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  echo "config-daemon.sh: the benchmark failed ($status); docs/benchmarks.md left unchanged" >&2
  exit "$status"
fi

# Replace the body of "## Config daemon" (up to the next "## " heading) with the new result.
awk -v result="$out" '
  /^## Config daemon$/ { print; print ""; while ((getline line < result) > 0) print line; print ""; skip = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
' docs/benchmarks.md >"$out.md"
mv "$out.md" docs/benchmarks.md
echo "config-daemon.sh: wrote docs/benchmarks.md (Config daemon)"
[ "$status" -eq 0 ] || { echo "config-daemon.sh: the re-apply wrote to sysfs or an operation was rejected" >&2; exit 1; }
