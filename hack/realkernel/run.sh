#!/usr/bin/env bash
# Boots the real-kernel guest once and runs its steps (docs/testing.md, "Real kernel").
#
#   hack/realkernel/run.sh --dir RUN [options]       run the steps prepared in RUN/share/steps/NNN/{script,timeout}
#   hack/realkernel/run.sh --script FILE [options]   run one script, print its output, exit with its exit code
#
# options:
#   --iommu            add an emulated Intel IOMMU (intel_iommu=on iommu=pt), so VFs get IOMMU groups and vfio-pci binds
#   --timeout SEC      bound the whole run, boot included (default 120); QEMU is killed when it is exceeded
#   --smp N            guest CPUs (default 1)        --memory MIB   guest RAM (default 512)
#   --modules a,b,...  modules /init loads (default igb,igbvf,vfio-pci,vfio_iommu_type1)
#   --no-pf-up         leave the igb PF down at boot (default: up, with carrier)
#   --visible DIR      a host directory under /tmp the steps must still see (the guest's /tmp is its own); repeatable.
#                      The repository itself is always visible.
#   --keep             with --script: keep the run directory
#
# The guest sees the host's / read-only and RUN/share read-write (guest/init says how). Run state lands in RUN:
# console.log (the guest's serial console), qemu.pid, qemu.rusage ("maxrss_kib wall_s", when /usr/bin/time exists).
# Exit codes: 0 when the guest ran every step and powered off; 124 on timeout; 3 when the guest reported a boot
# error (RUN/share/boot-errors); otherwise QEMU's or 1. No QEMU outlives this script: it is killed by PID on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

visible=("$RK_REPO")
run= script= iommu=0 timeout=120 smp=1 memory=512 modules=igb,igbvf,vfio-pci,vfio_iommu_type1 pf_up=1 keep=0
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || rk_die "run.sh: $1 needs a value"; }
positive() { [[ $2 =~ ^[1-9][0-9]*$ ]] || rk_die "run.sh: $1 must be a positive integer, got '$2'"; }
while [ $# -gt 0 ]; do
  case $1 in
    --dir) need_value "$@"; run=$2; shift ;;
    --script) need_value "$@"; script=$2; shift ;;
    --iommu) iommu=1 ;;
    --timeout) need_value "$@"; positive "$1" "$2"; timeout=$2; shift ;;
    --smp) need_value "$@"; positive "$1" "$2"; smp=$2; shift ;;
    --memory) need_value "$@"; positive "$1" "$2"; memory=$2; shift ;;
    --modules) need_value "$@"; [[ $2 =~ ^[A-Za-z0-9_,-]+$ ]] || rk_die "run.sh: --modules must be a comma-separated list of module names, got '$2'"; modules=$2; shift ;;
    --no-pf-up) pf_up=0 ;;
    --visible) need_value "$@"; visible+=("$2"); shift ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) rk_die "run.sh: unknown argument '$1' (see --help)" ;;
  esac
  shift
done
[ -n "$run" ] || [ -n "$script" ] || rk_die "run.sh: give --dir RUN or --script FILE (see --help)"
[ -z "$run" ] || [ -z "$script" ] || rk_die "run.sh: --dir and --script exclude each other"
[ -e "$RK_READY" ] || rk_die "the tier is not prepared; run hack/realkernel/setup.sh"
[ "$(id -u)" = 0 ] || rk_die "run.sh must run as root (9p exports of / and, with QEMU 7.2 installed, a private mount namespace)"

if [ -n "$script" ]; then
  [ -f "$script" ] || rk_die "run.sh: no script file '$script'"
  mkdir -p "$RK_WORK/runs"
  run=$(mktemp -d "$RK_WORK/runs/script-$$-XXXXXX")
  mkdir -p "$run/share/steps/001"
  cp "$script" "$run/share/steps/001/script"
  echo $((timeout > 20 ? timeout - 15 : timeout)) >"$run/share/steps/001/timeout"
fi
[ -d "$run/share" ] || rk_die "run.sh: $run/share does not exist; put the steps in $run/share/steps/NNN/"
run=$(cd "$run" && pwd)

kernel=$(rk_kernel_release)
# no_timer_check: under TCG on a loaded host the kernel's IO-APIC timer check can fail and panic the boot
# ("timer doesn't work through Interrupt-remapped IO-APIC"); the check is meaningless in an emulator.
append="console=ttyS0 panic=-1 quiet loglevel=4 no_timer_check rk.modules=$modules rk.pfup=$pf_up"
rk_visible=
for v in "${visible[@]}"; do
  [[ $v =~ ^/[^[:space:]:\"\']*$ ]] || rk_die "run.sh: --visible '$v' must be an absolute path without spaces, quotes or ':'"
  rk_visible+=${rk_visible:+:}$v
done
append="$append rk.visible=$rk_visible"
machine=q35
iommu_dev=()
if [ $iommu = 1 ]; then
  # Split irqchip is what KVM needs for interrupt remapping; under TCG it is harmless and keeps one command line.
  machine=q35,kernel-irqchip=split
  iommu_dev=(-device intel-iommu,intremap=on,caching-mode=on)
  append="$append intel_iommu=on iommu=pt"
fi

rm -f "$run/qemu.pid" "$run/console.log" "$run/qemu.rusage"
qemu_args=(
  -machine "$machine" -accel tcg,thread=multi -cpu max -smp "$smp" -m "$memory"
  -nodefaults -no-user-config -display none -monitor none -no-reboot
  -serial "file:$run/console.log" -pidfile "$run/qemu.pid"
  -kernel "$RK_KERNEL_ROOT/boot/vmlinuz-$kernel" -initrd "$RK_INITRD" -append "$append"
  "${iommu_dev[@]}"
  # The PF: an Intel 82576 behind a PCIe root port (so SR-IOV's extended capabilities and ARI work), no option ROM
  # and no netdev backend: nothing leaves the guest; VF-to-VF traffic is switched inside the emulated NIC.
  -device pcie-root-port,id=rp0,chassis=1,slot=1
  -device igb,bus=rp0,id=pf0,mac=52:54:00:12:34:56,romfile=
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
  -virtfs "local,path=$run/share,mount_tag=rk,security_model=none,multidevs=remap"
)

qemu_pid() {
  local pid
  pid=$(cat "$run/qemu.pid" 2>/dev/null) || return 1
  # Only a QEMU of this run: a recycled PID must never be killed.
  grep -qF -- "$run/" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}
cleanup() {
  local pid
  if pid=$(qemu_pid); then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ -n "$script" ] && [ $keep = 0 ]; then rm -rf "$run"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%M %e %U %S' -o "$run/qemu.rusage")
set +e
"${timer[@]}" timeout --kill-after=5 "$timeout" "$RK_HERE/qemu.sh" "${qemu_args[@]}" </dev/null >"$run/qemu.log" 2>&1
rc=$?
set -e

tail_console() { tail -n 30 "$run/console.log" 2>/dev/null | sed 's/^/  console: /' >&2; }
if [ $rc = 124 ] || [ $rc = 137 ]; then
  echo "realkernel: the guest did not power off within $timeout s; QEMU was killed" >&2
  tail_console
  rc=124
elif [ -s "$run/share/boot-errors" ]; then
  echo "realkernel: the guest could not run its steps: $(cat "$run/share/boot-errors")" >&2
  tail_console
  rc=3
elif [ $rc != 0 ] || [ ! -e "$run/share/done" ]; then
  echo "realkernel: QEMU exited with $rc before the guest finished: $(tail -n 3 "$run/qemu.log")" >&2
  tail_console
  [ $rc != 0 ] || rc=1
fi

if [ -n "$script" ] && [ $rc = 0 ]; then
  step="$run/share/steps/001"
  cat "$step/stdout"
  cat "$step/stderr" >&2
  rc=$(cat "$step/exit")
fi
exit "$rc"
