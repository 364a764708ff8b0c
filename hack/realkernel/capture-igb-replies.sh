#!/usr/bin/env bash
# Captures real igb RTM_NEWLINK replies (with IFLA_VFINFO_LIST) in the real-kernel guest, as fixtures for the
# rtnetlink parser tests in tests/Sriov.Host.Tests/Netlink (docs/testing.md, "Real kernel"):
#
#   hack/realkernel/capture-igb-replies.sh [OUTPUT_DIR]     (default tests/Sriov.Host.Tests/Netlink/Fixtures)
#
# The guest sets known VF attributes with iproute2 and runs `ip -d link show dev eth0` under strace, whose dump of every
# received buffer is turned into one hex file per reply:
#   igb-0vfs.hex          the PF without VFs, RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS (what RouteNetlink.GetLink(withVfs) asks)
#   igb-7vfs.hex          7 VFs, VF 0, 1 and 6 configured, the same filter
#   igb-7vfs-stats.hex    the same VFs with RTEXT_FILTER_VF only: per-VF IFLA_VF_STATS included (iproute2's second request)
# plus igb-7vfs.ip.json (iproute2's own reading of the same state, for reference). Nothing here runs in CI.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
out=${1:-"$RK_REPO/tests/Sriov.Host.Tests/Netlink/Fixtures"}
mkdir -p "$out"
"$RK_HERE/setup.sh"

run=$(mktemp -d "$RK_WORK/runs/capture-$$-XXXXXX")
trap '[ "${RK_KEEP:-0}" = 1 ] || rm -rf "$run"' EXIT
mkdir -p "$run/share/steps/001"
echo 120 >"$run/share/steps/001/timeout"
cat >"$run/share/steps/001/script" <<SCRIPT
source "$RK_HERE/steplib.bash"
set -eu
show() { strace -qq -e trace=recvmsg -e read=all -o "\$RK_OUT/\$1.strace" ip -d link show dev "\$RK_PF_IF" >/dev/null; }
show 0vfs
echo 7 >"\$RK_PF_SYS/sriov_numvfs"
rk_wait 10 rk_carrier "\$RK_PF_IF"
vf() { ip link set "\$RK_PF_IF" vf "\$@"; }
vf 0 mac 02:11:22:33:44:55
vf 0 vlan 100 qos 3
vf 0 spoofchk off
vf 0 trust on
vf 0 max_tx_rate 100
vf 1 vlan 200
vf 1 max_tx_rate 200
vf 6 mac 02:00:00:00:00:06
show 7vfs
ip -j -d link show dev "\$RK_PF_IF" >"\$RK_OUT/7vfs.ip.json"
SCRIPT
"$RK_HERE/run.sh" --dir "$run" --timeout 180
step="$run/share/steps/001"
[ "$(cat "$step/exit")" = 0 ] || rk_die "the capture step failed: $(cat "$step/stderr")"

# strace -e read=all prints " * N bytes in buffer 0" and then lines " | 00000  3c 05 00 00 ... |"; each buffer
# becomes one line of hex. Keep the RTM_NEWLINK (type 16) replies, in the order iproute2 received them.
replies() {
  awk '/ bytes in buffer /{ if (hex != "") print hex; hex = ""; next }
       / \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  /{ i = index($0, " | "); hex = hex substr($0, i + 10, 49) }
       END { if (hex != "") print hex }' "$1" | tr -d ' ' | awk 'substr($0, 9, 4) == "1000"'
}
fixture() { # NAME REPLY-INDEX STRACE-FILE DESCRIPTION
  local hex
  hex=$(replies "$step/out/$3" | sed -n "$2p")
  [ -n "$hex" ] || rk_die "no RTM_NEWLINK reply #$2 in $3"
  { echo "# $4"
    echo "# Captured by hack/realkernel/capture-igb-replies.sh (kernel $(rk_kernel_release), QEMU igb 8086:10c9): one netlink message, hex."
    echo "$hex" | fold -w 64; } >"$out/$1.hex"
}
fixture igb-0vfs 1 0vfs.strace "RTM_NEWLINK for eth0 without VFs, asked with RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS"
fixture igb-7vfs 1 7vfs.strace "RTM_NEWLINK for eth0 with 7 VFs (VF 0: mac 02:11:22:33:44:55 vlan 100 qos 3 spoofchk off trust on max_tx_rate 100; VF 1: vlan 200 max_tx_rate 200; VF 6: mac 02:00:00:00:00:06), RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS"
fixture igb-7vfs-stats 2 7vfs.strace "The same state asked with RTEXT_FILTER_VF only: IFLA_VF_STATS in every IFLA_VF_INFO"
cp "$step/out/7vfs.ip.json" "$out/igb-7vfs.ip.json"
echo "captured into $out: $(cd "$out" && ls igb-*)"
