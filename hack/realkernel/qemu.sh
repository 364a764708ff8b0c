#!/usr/bin/env bash
# Runs the QEMU 10 that setup.sh unpacked, with its own libraries, firmware and modules:
#   hack/realkernel/qemu.sh [qemu-system-x86_64 arguments...]
#
# QEMU 10 loads its modules from $QEMU_MODULE_DIR and then from the compiled-in /usr/lib/x86_64-linux-gnu/qemu.
# When Debian's QEMU 7.2 is installed on the host, that directory holds 7.2's modules and QEMU 10 aborts on them
# ("Only modules from the same build can be loaded", real-nic.md §1). So in that case QEMU runs in a private mount
# namespace (needs root) where our module directory is bind-mounted over the host's; the host itself is unchanged.
# -L order matters too: QEMU 10 with the host's SeaBIOS 1.16.2 sits ~32 s before booting, so ours comes first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

q="$RK_QEMU_ROOT"
[ -x "$q/usr/bin/qemu-system-x86_64" ] || rk_die "no QEMU in $q; run hack/realkernel/setup.sh"
moddir="$q/usr/lib/x86_64-linux-gnu/qemu"
export LD_LIBRARY_PATH="$q/usr/lib/x86_64-linux-gnu:$q/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QEMU_MODULE_DIR="$moddir"
cmd=("$q/usr/bin/qemu-system-x86_64" -L "$q/usr/share/seabios" -L "$q/usr/share/qemu" "$@")

if [ -d /usr/lib/x86_64-linux-gnu/qemu ]; then
  exec unshare --mount --propagation private -- /bin/sh -c \
    'mount --bind "$1" /usr/lib/x86_64-linux-gnu/qemu || exit 125; shift; exec "$@"' sh "$moddir" "${cmd[@]}"
fi
exec "${cmd[@]}"
