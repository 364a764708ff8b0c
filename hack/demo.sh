#!/usr/bin/env bash
# The main job, for now: create a simulated SR-IOV node, give one PF 4 VFs through Sriov.Host (the same code the
# config daemon uses), and print the node's inventory as discovered by Sriov.Host.
#
#   hack/demo.sh                       # intel-e810 node, PF 0000:3b:00.0
#   PROFILE=igb PF=0000:01:00.0 hack/demo.sh
#   NETDEVS=veth hack/demo.sh          # VF netdevs as real veth interfaces (needs root)
#
# Needs only the .NET SDK; it builds what it uses. Everything it creates is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${PROFILE:-intel-e810}
pf=${PF:-0000:3b:00.0}
netdevs=${NETDEVS:-files}
count=${COUNT:-4}

command -v dotnet >/dev/null 2>&1 || { echo "demo.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

echo "==> building sriov-sim"
dotnet build hack/Sriov.Sim/Sriov.Sim.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
sim=(dotnet hack/Sriov.Sim/bin/Release/net10.0/sriov-sim.dll)

root=$(mktemp -d "${TMPDIR:-/tmp}/sriov-demo.XXXXXX")
emulator=""
cleanup() {
  if [ -n "$emulator" ]; then kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; fi
  "${sim[@]}" node destroy --root "$root" >/dev/null 2>&1 || rm -rf "$root"
}
trap cleanup EXIT

echo "==> creating a simulated node ($profile, netdevs: $netdevs) in $root"
"${sim[@]}" node create --root "$root" --profile "$profile" --netdevs "$netdevs"

echo "==> starting the kernel emulator"
"${sim[@]}" node run --root "$root" >/dev/null 2>&1 &
emulator=$!
for _ in $(seq 1 200); do
  [ -f "$root/.sriov-sim/emulator.pid" ] && break
  kill -0 "$emulator" 2>/dev/null || { echo "demo.sh: the emulator exited" >&2; exit 1; }
  sleep 0.05
done

echo "==> setting $count VFs on $pf through Sriov.Host (0 first, then $count; waits for every VF and its netdev)"
"${sim[@]}" host set-numvfs --root "$root" --pf "$pf" --count "$count" --wait-netdevs

echo "==> inventory (Sriov.Host discovery)"
"${sim[@]}" host inventory --root "$root"

echo "==> operations the real kernel would have rejected"
"${sim[@]}" node check --root "$root"
