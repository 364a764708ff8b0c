#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian 12 machine.
# Installs what the tests need from Debian when it is missing, checks for kubectl, builds, starts the real-kernel
# tier's shared guests in the background and runs `dotnet test Sriov.sln`.
# Extra arguments are passed to `dotnet test` (e.g. --filter "Category!=RealKernel").
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use, as "package:command-or-path-it-provides".
needs=(
  "iproute2:/usr/sbin/ip"
  "strace:/usr/bin/strace"
  "util-linux:/usr/bin/flock"
  "containernetworking-plugins:/usr/lib/cni/host-local"
  "podman:/usr/bin/podman"
  "runc:/usr/sbin/runc"
  "busybox-static:/bin/busybox"
  "time:/usr/bin/time"
  "procps:/usr/bin/pgrep"
)
missing=()
for n in "${needs[@]}"; do
  pkg=${n%%:*} path=${n#*:}
  [ -e "$path" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing from Debian: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "test.sh: kubectl is required (client only) for the RealClient tests; install it and re-run" >&2
  exit 1
fi
command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

# Tiers that need a prepared environment set it up here (see docs/testing.md).
for prep in hack/realkernel/setup.sh; do
  if [ -x "$prep" ]; then "$prep"; fi
done

dotnet build Sriov.sln -c Release --nologo -v quiet -clp:NoSummary

# The real-kernel tier's guests boot once for all assemblies, in the background, while every assembly's tests run
# (hack/realkernel/pass.bash); skipped when the RealKernel tests are filtered out.
source hack/realkernel/pass.bash
if [[ " $* " != *"Category!=RealKernel"* ]]; then
  rk_pass_start
  # Interrupted or killed: the EXIT trap stops the pass, which kills its guests.
  trap rk_pass_finish EXIT
  trap 'exit 130' INT TERM
fi
set +e
dotnet test Sriov.sln -c Release --nologo --no-build "$@"
rc=$?
set -e
rk_pass_finish
trap - EXIT
exit $rc
