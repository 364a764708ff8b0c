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

rk_kernel_release() {
  local k
  k=$(cat "$RK_KERNEL_ROOT/release" 2>/dev/null) || rk_die "no kernel in $RK_KERNEL_ROOT; run hack/realkernel/setup.sh"
  echo "$k"
}
