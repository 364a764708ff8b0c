#!/usr/bin/env bash
# Prepares the real-kernel tier: Debian's kernel in QEMU 10 with an emulated igb SR-IOV NIC (docs/testing.md).
#
#   hack/realkernel/setup.sh [--force]
#
# From Debian packages only, nothing installed on the host:
#   - qemu-system-x86 10 and its matching SeaBIOS from bookworm-backports, plus the libraries it needs that the
#     host lacks, all unpacked with dpkg-deb into $RK_WORK/qemu;
#   - busybox-static, unpacked (the guest's userland until it chroots into the host's root);
#   - the kernel that linux-image-amd64 in bookworm points to: the package is downloaded and only vmlinuz and the
#     modules the guest loads (igb, igbvf, vfio-pci, 9p over virtio, and their dependencies) are unpacked;
#   - the initramfs (build-initramfs.sh).
# The package index comes from a private apt configuration under $RK_WORK whose mirror is read at run time from
# the machine's own apt sources; /etc/apt and the dpkg database are only read. The index update and the download are
# each bounded by RK_APT_TIMEOUT seconds (default 300).
#
# Idempotent and quiet: when everything is prepared and the scripts are unchanged it prints nothing and takes a few
# milliseconds. Concurrent runs serialise on a lock file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

force=0
for a in "$@"; do
  case $a in
    --force) force=1 ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    *) rk_die "setup.sh: unknown argument '$a' (expected --force)" ;;
  esac
done

mkdir -p "$RK_WORK"
exec 9>"$RK_WORK/.lock"
flock -w 600 9 || rk_die "another setup.sh has held $RK_WORK/.lock for 10 minutes; is it stuck?"

# The stamps hold a hash of the scripts that produced each part, so editing a script re-prepares that part only.
tools_hash=$(cat "$RK_HERE/setup.sh" "$RK_HERE/lib.sh" "$RK_HERE/qemu.sh" | sha256sum | cut -c1-16)
tools_ready() {
  [ "$(cat "$RK_WORK/tools.stamp" 2>/dev/null)" = "$tools_hash" ] &&
    [ -x "$RK_QEMU_ROOT/usr/bin/qemu-system-x86_64" ] && [ -x "$RK_WORK/busybox/bin/busybox" ] &&
    [ -s "$RK_KERNEL_ROOT/release" ]
}

started=$(date +%s%N)
did=()

if [ $force = 1 ] || ! tools_ready; then
  rm -f "$RK_READY" "$RK_WORK/tools.stamp"
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
    rk_die "apt-get and dpkg-deb are required: this tier prepares its guest from Debian packages"

  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ "$codename" = bookworm ] ||
    rk_die "the tier uses QEMU 10 from bookworm-backports, built for Debian 12 (bookworm); this machine is '${codename:-unknown}'"

  # The Debian archive this machine already uses for bookworm main, as apt itself reads it from /etc/apt (one-line
  # or deb822 sources alike). RK_MIRROR overrides it. The same archive serves bookworm-backports.
  mirror=${RK_MIRROR:-$(apt-get indextargets --format '$(SITE)|$(RELEASE)|$(COMPONENT)|$(TARGET_OF)' 'Created-By: Packages' |
    awk -F'|' -v c="$codename" '$2 == c && $3 == "main" && $4 == "deb" { print $1; exit }')}
  [ -n "$mirror" ] ||
    rk_die "no 'deb <mirror> $codename main' entry in this machine's apt sources; add one or set RK_MIRROR=<archive URL>"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$keyring" ] || rk_die "$keyring is missing; install debian-archive-keyring"

  apt_dir="$RK_WORK/apt"
  rm -rf "$apt_dir/cache" "$apt_dir/debs"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
  cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$keyring] $mirror $codename main
deb [signed-by=$keyring] $mirror $codename-backports main
EOF
  # Only sources, lists, cache and preferences are private; the dpkg status stays the host's (read-only), so the
  # simulated install below lists exactly the packages this host lacks. No locks: other users of apt are unaffected.
  apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Languages=none
  )
  # Bounded: a mirror that stops answering must fail the setup (and CI) with a message, not hang it.
  timeout --kill-after=10 "$RK_APT_TIMEOUT" apt-get "${apt_opts[@]}" -qq update >"$apt_dir/update.log" 2>&1 ||
    rk_die "apt-get update of $codename and $codename-backports from $mirror failed or took over $RK_APT_TIMEOUT s (exit $?): $(tail -n 3 "$apt_dir/update.log")"

  # QEMU 10 and its closure from backports ("Inst name [old] (version ...)" lines of a simulated install).
  plan=$(apt-get "${apt_opts[@]}" -s install --no-install-recommends -t "$codename-backports" qemu-system-x86 2>&1) ||
    rk_die "apt cannot resolve qemu-system-x86 from $codename-backports: $(echo "$plan" | tail -n 3)"
  mapfile -t qemu_pkgs < <(echo "$plan" | sed -n 's/^Inst \([^ ]*\) \(\[[^]]*\] \)\{0,1\}(\([^ ]*\) .*/\1=\3/p')
  printf '%s\n' "${qemu_pkgs[@]}" | grep -q '^qemu-system-x86=1:1[0-9]' ||
    rk_die "$codename-backports offers no qemu-system-x86 >= 10 (plan: ${qemu_pkgs[*]:-none}); the igb NIC needs QEMU >= 8"

  # The kernel linux-image-amd64 points to in bookworm main (backports has a newer one at a lower pin priority).
  kpkg=$(apt-cache "${apt_opts[@]}" depends --no-recommends --no-suggests linux-image-amd64 |
    sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1)
  [ -n "$kpkg" ] || rk_die "cannot find the kernel package linux-image-amd64 depends on in $codename"
  kernel=${kpkg#linux-image-}

  (cd "$apt_dir/debs" && timeout --kill-after=10 "$RK_APT_TIMEOUT" apt-get "${apt_opts[@]}" -qq download "${qemu_pkgs[@]}" busybox-static "$kpkg" >/dev/null 2>"$apt_dir/download.log") ||
    rk_die "downloading ${qemu_pkgs[*]} busybox-static $kpkg failed or took over $RK_APT_TIMEOUT s (exit $?): $(tail -n 3 "$apt_dir/download.log")"

  # Unpack into fresh directories and move them into place only when complete, so an interrupted setup never
  # leaves a half-extracted tree that the next run would take for a prepared one.
  rm -rf "$RK_QEMU_ROOT.new" "$RK_WORK/busybox.new" "$RK_KERNEL_ROOT.new"
  for deb in "$apt_dir"/debs/*.deb; do
    case ${deb##*/} in
      linux-image-*) ;;
      busybox-static_*) dpkg-deb -x "$deb" "$RK_WORK/busybox.new" ;;
      *) dpkg-deb -x "$deb" "$RK_QEMU_ROOT.new" ;;
    esac
  done

  # Only the module directories the guest loads from (igb needs dca and i2c-algo-bit; vfio-pci needs vfio, its
  # iommu backend and irqbypass; 9p needs netfs and fscache; virtio_pci carries the 9p transport).
  mdir="./lib/modules/$kernel"
  kpaths=("./boot/vmlinuz-$kernel" "$mdir/modules.order" "$mdir/modules.builtin" "$mdir/modules.builtin.modinfo")
  for d in drivers/net/ethernet/intel/igb drivers/net/ethernet/intel/igbvf drivers/dca drivers/i2c/algos \
    drivers/vfio virt/lib drivers/virtio fs/9p fs/netfs fs/fscache net/9p; do
    kpaths+=("$mdir/kernel/$d")
  done
  mkdir -p "$RK_KERNEL_ROOT.new"
  dpkg-deb --fsys-tarfile "$apt_dir"/debs/"$kpkg"_*.deb | tar -x -C "$RK_KERNEL_ROOT.new" "${kpaths[@]}" ||
    rk_die "unpacking vmlinuz and modules from $kpkg failed"
  "$RK_WORK/busybox.new/bin/busybox" depmod -b "$RK_KERNEL_ROOT.new" "$kernel" ||
    rk_die "depmod of the unpacked $kernel modules failed"
  echo "$kernel" >"$RK_KERNEL_ROOT.new/release"

  rm -rf "$RK_QEMU_ROOT" "$RK_WORK/busybox" "$RK_KERNEL_ROOT"
  mv "$RK_QEMU_ROOT.new" "$RK_QEMU_ROOT"
  mv "$RK_WORK/busybox.new" "$RK_WORK/busybox"
  mv "$RK_KERNEL_ROOT.new" "$RK_KERNEL_ROOT"
  rm -rf "$apt_dir/debs" "$apt_dir/cache"

  # The whole point is the igb device (QEMU >= 8.0); a build without it must fail here, not in a test.
  rk_require_igb "$RK_HERE/qemu.sh"

  printf '%s\n' "$tools_hash" >"$RK_WORK/tools.stamp"
  did+=("$RK_QEMU_VERSION, kernel $kernel")
fi

initrd_hash=$(cat "$RK_HERE/build-initramfs.sh" "$RK_HERE"/guest/* "$RK_KERNEL_ROOT/release" | sha256sum | cut -c1-16)
if [ $force = 1 ] || [ "$(cat "$RK_WORK/initrd.stamp" 2>/dev/null)" != "$initrd_hash" ] || [ ! -s "$RK_INITRD" ]; then
  rm -f "$RK_READY"
  "$RK_HERE/build-initramfs.sh"
  printf '%s\n' "$initrd_hash" >"$RK_WORK/initrd.stamp"
  did+=("initramfs")
fi

# Run directories are removed by the harness after each boot; one whose test process was killed would stay forever.
if [ -d "$RK_WORK/runs" ]; then
  find "$RK_WORK/runs" -mindepth 1 -maxdepth 1 -type d -mmin +1440 -exec rm -rf {} +
fi

if [ ! -e "$RK_READY" ]; then
  printf 'kernel=%s\n' "$(rk_kernel_release)" >"$RK_READY"
fi
if [ ${#did[@]} -gt 0 ]; then
  echo "realkernel: prepared ${did[*]} in $((($(date +%s%N) - started) / 1000000)) ms under $RK_WORK" >&2
fi
