#!/usr/bin/env bash
# Operator render benchmark (ARCHITECTURE.md: 5,000 nodes x 20 policies <= 2 s on one core; a change to one node
# re-renders that node only). Pinned to CPU 0 with taskset so the budget is measured on one core; the benchmark
# reports wall and process CPU time. Writes the results into docs/benchmarks.md, section "Operator render".
# Usage: hack/bench/render.sh [nodes] [policies] [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
. hack/bench/lib.bash

nodes=${1:-5000}
policies=${2:-20}
runs=${3:-7}

dotnet build hack/bench/Sriov.Bench/Sriov.Bench.csproj -c Release --nologo -v q >/dev/null
bench=hack/bench/Sriov.Bench/bin/Release/net10.0/sriov-bench.dll

rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
status=0
taskset -c 0 dotnet "$bench" render "$nodes" "$policies" "$runs" >"$rows" || status=$?
for p in 1 5 10; do
  # Config size per node for smaller policy counts, for the "nodes that fit" table (size rows only).
  taskset -c 0 dotnet "$bench" render 200 "$p" 1 | grep '^| device-plugin-config size' >>"$rows"
done
cat "$rows"

section=$(mktemp)
trap 'rm -f "$rows" "$section"' EXIT
{
  echo "## Operator render"
  echo
  echo "\`hack/bench/render.sh\` ($(date -u +%Y-%m-%d), $(nproc) vCPU, pinned to CPU 0 with taskset; medians of $runs full renders"
  echo "after 2 warm-up runs, and of $((runs * 7)) re-renders). Synthetic cluster: every worker has 2 Intel E810 and 2 ConnectX-6 Dx"
  echo "ports; each policy claims 4 VFs of one port (the partitioning case). Source: \`hack/bench/Sriov.Bench/Render\`."
  echo "A re-render renders only the changed node; its remaining cost is the walk over all nodes (label comparison, sort,"
  echo "ConfigMap assembly)."
  echo
  cat "$rows"
  echo
} >"$section"

bench_replace_section "## Operator render" "$section"
exit "$status"
