#!/usr/bin/env bash
# Device plugin benchmarks (ARCHITECTURE.md budgets): the discovery round of 4 PFs x 128 VFs in-process (<= 50 ms),
# 10,000 Allocate calls over the unix socket of the published NativeAOT binary (p99 <= 1 ms), and its idle RSS with
# 2 and 8 pools (<= 30 MiB). Publishes the binary first (ILC runs with --warnaserror, so the publish also proves zero
# trim/AOT warnings). Writes the results into docs/benchmarks.md, section "Device plugin".
# Usage: hack/bench/device-plugin.sh [ALLOCATE_CALLS] [DISCOVERY_RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
. hack/bench/lib.bash

calls=${1:-10000}
runs=${2:-201}
out=.work/bench/sriov-device-plugin
dotnet build hack/bench/Sriov.Bench/Sriov.Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish deviceplugin/Sriov.DevicePlugin/Sriov.DevicePlugin.csproj -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly >/dev/null
binary=$out/sriov-device-plugin
bench=(dotnet hack/bench/Sriov.Bench/bin/Release/net10.0/sriov-bench.dll device-plugin)

rows=$(mktemp)
section=$(mktemp)
trap 'rm -f "$rows" "$section"' EXIT
status=0
run() {
  local s=0
  "${bench[@]}" "$@" >>"$rows" || s=$?
  if [ "$s" -ne 0 ] && [ "$s" -ne 3 ]; then
    echo "device-plugin.sh: '$*' failed ($s); docs/benchmarks.md left unchanged" >&2
    exit "$s"
  fi
  [ "$s" -eq 0 ] || status=1
}
run discovery "$runs"
run allocate "$binary" "$calls"
run rss "$binary" 2 8
cat "$rows"

{
  echo "## Device plugin"
  echo
  echo "\`hack/bench/device-plugin.sh\` ($(date -u +%Y-%m-%d), $(nproc) vCPU shared with other builds, load average $(cut -d' ' -f1 /proc/loadavg) at the end)."
  echo "Node: 4 PFs × 128 VFs (two simulated E810 NICs, every VF on iavf with a netdev). Discovery: the plugin's whole round"
  echo "in-process (JIT), $runs runs after 10 warm-ups, config of 2 pools (ens1f0#0-63, the other 448 VFs). Allocate: the published"
  echo "NativeAOT binary ($(du -m "$binary" | cut -f1) MB) in plugin-watcher mode, one gRPC client on its socket, 1,000 warm-up calls, then"
  echo "3 rounds of $calls calls of one device each, one at a time, each writing its device-info file on tmpfs and each"
  echo "preceded by a GetDevicePluginOptions call (the floor: what gRPC and the machine cost). RSS: the same binary"
  echo "serving N pools of 16 VFs (one Kestrel host each) to the kubelet emulator, every ListAndWatch stream open, read"
  echo "after 10 s idle (two resyncs). Source: \`hack/bench/Sriov.Bench/DevicePlugin\`. No peer to compare with: upstream's"
  echo "plugin is Go and not available here."
  echo
  echo "| what | median / value | p90 / p99 / peak | min / max | budget | verdict |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "- The mapped part of the RSS is the binary's own pages (about its file size); the rest is the managed heap, the"
  echo "  runtime and thread stacks. Each pool adds about 0.2 MiB (its Kestrel host and stream). The serving plugin runs a"
  echo "  compacting collection after every round (the row above gives its cost); without it idle RSS was 31–33 MiB."
  echo "- The machine is shared: a round of Allocate calls that coincides with another process's burst shows it in its p99"
  echo "  (and so does the interleaved floor); the middle of three rounds is reported, all three p99s are listed."
  echo "- Kestrel hosts: one per pool. Measured with a scratch NativeAOT gRPC server of the same hosting code: 2 sockets in"
  echo "  one host 19.4 MB idle RSS vs 2 hosts 19.7 MB; 8 sockets 19.7 MB vs 8 hosts 20.6 MB (docs/decisions.md)."
  echo "- PF link loss to Unhealthy on the real kernel (igb guest under QEMU TCG, which runs far slower than hardware):"
  echo "  0.64 s and 0.86 s in two runs from \`ip link set <pf> down\` returning to the Unhealthy list arriving over the socket"
  echo "  (\`DevicePluginRealKernelTests\` prints it; includes the step's 50 ms polling). The issue's bound is 1 s."
  echo
} >"$section"

bench_replace_section "## Device plugin" "$section"
echo "device-plugin.sh: wrote docs/benchmarks.md (Device plugin)"
exit "$status"
