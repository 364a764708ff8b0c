#!/usr/bin/env bash
# The main job, for now: create a simulated SR-IOV node, give one PF 4 VFs through Sriov.Host (the same code the
# config daemon uses), and print the node's inventory as discovered by Sriov.Host. On the default intel-e810 node the
# config daemon then plans and applies a node state for the second PF, and shows that a re-apply plans nothing.
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

echo "==> building sriov-sim and sriov-network-config-daemon"
dotnet build hack/Sriov.Sim/Sriov.Sim.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build configdaemon/Sriov.ConfigDaemon/Sriov.ConfigDaemon.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
sim=(dotnet hack/Sriov.Sim/bin/Release/net10.0/sriov-sim.dll)
daemon=(dotnet configdaemon/Sriov.ConfigDaemon/bin/Release/net10.0/sriov-network-config-daemon.dll)

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

if [ "$profile" = intel-e810 ]; then
  cat >"$root/node-state.yaml" <<'EOF2'
apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodeState
metadata: {name: demo-node, namespace: sriov-network-operator}
spec:
  interfaces:
  - pciAddress: "0000:3b:00.1"
    numVfs: 4
    vfGroups:
    - {resourceName: dpdk, deviceType: vfio-pci, vfRange: "0-1", policyName: dpdk-policy}
    - {resourceName: net, deviceType: netdevice, vfRange: "2-3", policyName: net-policy}
EOF2
  echo "==> config daemon: plan for PF 0000:3b:00.1 (4 VFs, 2 on vfio-pci, 2 on iavf)"
  "${daemon[@]}" plan --node-state "$root/node-state.yaml" --host-root "$root" | grep -E '"(action|vf|to|drain)"' | tr -d ' ' | paste -sd ' ' | sed 's/"action"/\n  &/g'
  echo
  echo "==> config daemon: apply"
  "${daemon[@]}" apply --node-state "$root/node-state.yaml" --host-root "$root" >/dev/null
  echo "==> config daemon: the record it keeps (upstream's format)"
  cat "$root/etc/sriov-operator/pci/0000:3b:00.1"; echo
  echo "==> config daemon: plan again (an applied state plans nothing)"
  "${daemon[@]}" plan --node-state "$root/node-state.yaml" --host-root "$root"
  echo "==> inventory after the daemon"
  "${sim[@]}" host inventory --root "$root"
fi

echo "==> operations the real kernel would have rejected"
"${sim[@]}" node check --root "$root"
