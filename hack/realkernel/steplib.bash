# Helpers for real-kernel guest steps (sourced by every step the C# harness writes; bash, in the chroot on the
# host's root, so this file is read from the repository over 9p). Each helper prints facts as key=value lines,
# which GuestStepResult.Values parses, and turns kernel errors into errno names (EBUSY, ERANGE, ...) so tests pin
# the errno the kernel or driver gave, not a message text.
#
# Under TCG every exec of a host binary costs tens of milliseconds, so the helpers use bash builtins only (no
# $(...) around cat/readlink/sleep): a scenario of a hundred facts stays well under a second.
#
# Environment from guest/init: RK_PF_PCI (0000:01:00.0), RK_PF_IF (the PF's netdev), RK_IOMMU (0/1),
# RK_OUT (files put here come back to the host), RK_STEP_DIR, RK_BUSYBOX (the guest's busybox: ping and more).

RK_PF_SYS="/sys/bus/pci/devices/$RK_PF_PCI"
rk_errfile="/tmp/rk-step-err.$$"
# A pipe nobody writes to: `read -t` on it is a sleep without forking sleep(1).
exec {rk_sleep_fd}<> <(:)

# The errno name for a glibc strerror text (as bash's "write error: ..." and iproute2's "RTNETLINK answers: ..." print).
rk_errno() {
  case $1 in
    *"Operation not permitted"*) echo EPERM ;;
    *"No such file or directory"*) echo ENOENT ;;
    *"Permission denied"*) echo EACCES ;;
    *"Device or resource busy"*) echo EBUSY ;;
    *"File exists"*) echo EEXIST ;;
    *"No such device or address"*) echo ENXIO ;;
    *"No such device"*) echo ENODEV ;;
    *"Invalid argument"*) echo EINVAL ;;
    *"Numerical result out of range"*) echo ERANGE ;;
    *"Protocol not supported"*) echo EPROTONOSUPPORT ;;
    *"Operation not supported"*) echo EOPNOTSUPP ;;
    *"Cannot assign requested address"*) echo EADDRNOTAVAIL ;;
    *"Resource temporarily unavailable"*) echo EAGAIN ;;
    *"Input/output error"*) echo EIO ;;
    *"Cannot allocate memory"*) echo ENOMEM ;;
    *) echo "E?($1)" ;;
  esac
}

# The last line of what the previous helper command wrote to stderr.
rk_last_error() {
  local line last=
  while IFS= read -r line; do [ -n "$line" ] && last=$line; done <"$rk_errfile"
  echo "$last"
}

# rk_write KEY FILE VALUE: writes VALUE and a newline to FILE with one write(2); prints KEY=ok or KEY=<errno name>.
rk_write() {
  if { printf '%s\n' "$3" >"$2"; } 2>"$rk_errfile"; then
    echo "$1=ok"
  else
    echo "$1=$(rk_errno "$(rk_last_error)")"
  fi
}

# rk_read KEY FILE: prints KEY=<first line> or KEY=<errno name> when the read fails (sysfs answers some reads with
# an error, e.g. phys_port_name on a netdev without a switch port).
rk_read() {
  local value=
  if { IFS= read -r value <"$2"; } 2>"$rk_errfile" || [ -n "$value" ]; then
    echo "$1=$value"
  elif [ -s "$rk_errfile" ]; then
    echo "$1=$(rk_errno "$(rk_last_error)")"
  else
    echo "$1="
  fi
}

# rk_try KEY COMMAND...: runs COMMAND (stdout discarded) and prints KEY=ok or KEY=<errno name of its last error line>.
rk_try() {
  local key=$1
  shift
  if "$@" >/dev/null 2>"$rk_errfile"; then
    echo "$key=ok"
  else
    echo "$key=$(rk_errno "$(rk_last_error)")"
  fi
}

# rk_target PATH: the last component of the directory the symlink PATH resolves to (empty when it does not).
rk_target() {
  local here=$PWD target=
  if cd -P "$1" 2>/dev/null; then
    target=${PWD##*/}
    cd "$here" || return 1
  fi
  echo "$target"
}

# rk_link KEY PATH: prints KEY=<rk_target PATH> (e.g. the driver or iommu_group of a device; empty when none).
rk_link() {
  echo "$1=$(rk_target "$2")"
}

# rk_ms: milliseconds since the epoch (for timing inside a step).
rk_ms() {
  local t=${EPOCHREALTIME/./}
  echo $((t / 1000))
}

# rk_sleep SECONDS: sleeps (fractions allowed) without running sleep(1).
rk_sleep() {
  read -r -t "$1" -u "$rk_sleep_fd" _ || true
}

# rk_wait SECONDS COMMAND...: polls COMMAND every 50 ms until it succeeds; fails after SECONDS (whole seconds).
rk_wait() {
  local deadline=$(($(rk_ms) + $1 * 1000))
  shift
  until "$@"; do
    [ "$(rk_ms)" -lt "$deadline" ] || return 1
    rk_sleep 0.05
  done
}

# rk_vf_pci N: the PCI address of VF N of the PF (empty when it does not exist).
rk_vf_pci() {
  rk_target "$RK_PF_SYS/virtfn$1"
}

# rk_vf_if N: the netdev name of VF N as seen from this network namespace (empty when it has none here).
rk_vf_if() {
  local n
  for n in "$RK_PF_SYS/virtfn$1"/net/*; do
    [ -e "$n" ] && echo "${n##*/}"
    return 0
  done
}

# rk_has_vf_if N: succeeds when VF N has a netdev in this network namespace.
rk_has_vf_if() {
  [ -n "$(rk_vf_if "$1")" ]
}

# rk_carrier IF: succeeds when IF has carrier.
rk_carrier() {
  local c=
  { read -r c <"/sys/class/net/$1/carrier"; } 2>/dev/null
  [ "$c" = 1 ]
}


# rk_exists KEY PATH: prints KEY=yes when PATH exists, KEY=no otherwise.
rk_exists() {
  if [ -e "$2" ]; then echo "$1=yes"; else echo "$1=no"; fi
}

# rk_count KEY PATTERN: prints KEY=<number of paths matching the glob PATTERN> (pass the pattern quoted).
rk_count() {
  local matches
  shopt -s nullglob
  # shellcheck disable=SC2206 # the pattern is meant to glob
  matches=($2)
  shopt -u nullglob
  echo "$1=${#matches[@]}"
}
