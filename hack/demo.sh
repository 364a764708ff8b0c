#!/usr/bin/env bash
# The main job, for now one simulated node end to end: create a simulated SR-IOV node, give one PF 4 VFs through
# Sriov.Host (the same code the config daemon uses), and print the node's inventory. On the default intel-e810 node the
# config daemon then plans and applies a node state for the second PF (2 VFs on vfio-pci, 2 on iavf) and shows that a
# re-apply plans nothing; the device plugin discovers the two pools that state produces; and, as root, the CNI plugin
# attaches one iavf VF to a pod network namespace with host-local IPAM, checks it, and gives it back on DEL.
#
#   hack/demo.sh                       # intel-e810 node, PF 0000:3b:00.0; veth netdevs as root, files otherwise
#   PROFILE=igb PF=0000:01:00.0 hack/demo.sh
#   NETDEVS=files hack/demo.sh         # VF netdevs as plain files (no root needed; no CNI step)
#
# Needs the .NET SDK; it builds what it uses. As root it installs iproute2 and containernetworking-plugins from Debian
# when missing (the CNI step uses host-local). Everything it creates is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${PROFILE:-intel-e810}
pf=${PF:-0000:3b:00.0}
if [ "$(id -u)" = 0 ]; then netdevs=${NETDEVS:-veth}; else netdevs=${NETDEVS:-files}; fi
count=${COUNT:-4}

command -v dotnet >/dev/null 2>&1 || { echo "demo.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

cni_step=false
if [ "$netdevs" = veth ] && [ "$profile" = intel-e810 ]; then
  [ "$(id -u)" = 0 ] || { echo "demo.sh: NETDEVS=veth needs root" >&2; exit 1; }
  cni_step=true
  missing=()
  [ -x /usr/sbin/ip ] || missing+=(iproute2)
  [ -x /usr/lib/cni/host-local ] || missing+=(containernetworking-plugins)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing from Debian: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

echo "==> building sriov-sim, sriov-network-config-daemon, sriov-device-plugin and the CNI plugin sriov"
for project in hack/Sriov.Sim/Sriov.Sim.csproj configdaemon/Sriov.ConfigDaemon/Sriov.ConfigDaemon.csproj \
  deviceplugin/Sriov.DevicePlugin/Sriov.DevicePlugin.csproj cni/Sriov.Cni/Sriov.Cni.csproj; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
sim=(dotnet hack/Sriov.Sim/bin/Release/net10.0/sriov-sim.dll)
daemon=(dotnet configdaemon/Sriov.ConfigDaemon/bin/Release/net10.0/sriov-network-config-daemon.dll)
deviceplugin=(dotnet deviceplugin/Sriov.DevicePlugin/bin/Release/net10.0/sriov-device-plugin.dll)
cni=$PWD/cni/Sriov.Cni/bin/Release/net10.0/sriov

root=$(mktemp -d "${TMPDIR:-/tmp}/sriov-demo.XXXXXX")
podns="sriov-demo-$$"
emulator=""
cleanup() {
  if [ -n "$emulator" ]; then kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; fi
  ip netns del "$podns" 2>/dev/null || true
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

  pf1=$(ls "$root/sys/bus/pci/devices/0000:3b:00.1/net/")
  cat >"$root/pcidp-config.json" <<EOF2
{"resourceList": [
  {"resourceName": "net", "selectors": {"drivers": ["iavf"], "pfNames": ["$pf1#2-3"]}},
  {"resourceName": "dpdk", "selectors": {"drivers": ["vfio-pci"], "pfNames": ["$pf1#0-1"]}}
]}
EOF2
  echo "==> device plugin: the pools it would advertise (sriov-device-plugin discover)"
  "${deviceplugin[@]}" discover --config-file "$root/pcidp-config.json" --host-root "$root" --resource-prefix openshift.io

  if [ "$cni_step" = true ]; then
    vf=0000:3b:11.2
    vfdev=$(ls "$root/sys/bus/pci/devices/$vf/net/")
    ip netns add "$podns"
    ip -n "$podns" link set lo up
    export CNI_PATH=/usr/lib/cni CNI_NETNS=/run/netns/$podns CNI_IFNAME=net1 CNI_CONTAINERID=demo-pod-1 SRIOV_HOST_ROOT=$root
    ipam='{"type": "host-local", "dataDir": "'$root'/ipam", "ranges": [[{"subnet": "10.56.217.0/24", "gateway": "10.56.217.1"}]]}'
    printf '{"cniVersion": "1.0.0", "name": "demo-net", "type": "sriov", "deviceID": "%s", "ipam": %s}' "$vf" "$ipam" >"$root/net.json"
    printf '{"cniVersion": "1.0.0", "name": "demo-net", "type": "sriov", "deviceID": "%s", "vlan": 100, "ipam": %s}' "$vf" "$ipam" >"$root/net-vlan.json"

    echo "==> CNI ADD asking for VLAN 100: the simulated PF has no VF netlink support, so it fails with nothing changed"
    CNI_COMMAND=ADD "$cni" <"$root/net-vlan.json" && { echo "demo.sh: that ADD should have failed" >&2; exit 1; }
    echo
    echo "==> CNI ADD of VF $vf ($vfdev) into netns $podns as net1"
    CNI_COMMAND=ADD "$cni" <"$root/net.json" | tee "$root/add-result.json"
    echo
    echo "==> in the pod's netns"
    ip -n "$podns" -br addr show dev net1
    echo "==> CNI CHECK"
    printf '{"cniVersion": "1.0.0", "name": "demo-net", "type": "sriov", "deviceID": "%s", "ipam": %s, "prevResult": %s}' \
      "$vf" "$ipam" "$(cat "$root/add-result.json")" | CNI_COMMAND=CHECK "$cni" && echo "passed"
    echo "==> CNI DEL: the VF goes back to the host under its own name"
    CNI_COMMAND=DEL "$cni" <"$root/net.json"
    [ "$(ls "$root/sys/bus/pci/devices/$vf/net/")" = "$vfdev" ] && echo "$vf is $vfdev on the host again"
  fi
fi

echo "==> operations the real kernel would have rejected"
"${sim[@]}" node check --root "$root"
