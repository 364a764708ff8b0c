# Shared by the real-kernel tier's scripts (sourced, not run). Paths of the cache and the extracted tools.
#
# Everything the tier downloads or builds lives under $RK_WORK (default .work/realkernel at the repository root,
# which .gitignore excludes), so a clean clone prepares it once and a developer's checkout keeps it between runs.

RK_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RK_HERE="$RK_REPO/hack/realkernel"
RK_WORK=${RK_WORK:-"$RK_REPO/.work/realkernel"}
# The extracted QEMU 10 tree (qemu-system-x86 and its data, SeaBIOS, and the libraries the host lacks).
RK_QEMU_ROOT="$RK_WORK/qemu"
# vmlinuz and the few kernel modules the guest needs, as unpacked from Debian's linux-image package.
RK_KERNEL_ROOT="$RK_WORK/kernel"
RK_INITRD="$RK_WORK/initrd.gz"
# Written last by setup.sh; run.sh refuses to start without it.
RK_READY="$RK_WORK/ready"

rk_die() {
  echo "realkernel: $*" >&2
  exit 1
}

# Seconds setup.sh allows each of apt-get update and apt-get download (83 MB) before it gives up.
RK_APT_TIMEOUT=${RK_APT_TIMEOUT:-300}

# Fails (rk_die) unless the QEMU that "$@" runs (setup.sh passes qemu.sh) starts and lists the igb device, QEMU's
# Intel 82576 (QEMU >= 8.0), which the whole tier is about; sets RK_QEMU_VERSION to its first --version line.
rk_require_igb() {
  local out devices
  out=$("$@" --version 2>&1) || rk_die "the unpacked QEMU does not start: $(tail -n 3 <<<"$out")"
  RK_QEMU_VERSION=$(head -n 1 <<<"$out")
  devices=$("$@" -machine none -device help 2>&1) ||
    rk_die "the unpacked QEMU ($RK_QEMU_VERSION) cannot list its devices: $(tail -n 3 <<<"$devices")"
  grep -q '^name "igb", bus PCI' <<<"$devices" ||
    rk_die "the unpacked QEMU ($RK_QEMU_VERSION) does not list the igb device; the tier needs QEMU's Intel 82576 (igb) emulation"
}

rk_kernel_release() {
  local k
  k=$(cat "$RK_KERNEL_ROOT/release" 2>/dev/null) || rk_die "no kernel in $RK_KERNEL_ROOT; run hack/realkernel/setup.sh"
  echo "$k"
}
