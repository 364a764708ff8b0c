#!/usr/bin/env bash
# Builds the guest's initramfs ($RK_WORK/initrd.gz) from what setup.sh unpacked: busybox-static and its applets,
# the kernel modules the guest loads (with their dependencies, from modules.dep) and guest/init as /init.
# setup.sh calls it when guest/ or this script changed; run it by hand only after setup.sh has run once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

kernel=$(rk_kernel_release)
busybox="$RK_WORK/busybox/bin/busybox"
[ -x "$busybox" ] || rk_die "no busybox in $RK_WORK/busybox; run hack/realkernel/setup.sh"
moddir="$RK_KERNEL_ROOT/lib/modules/$kernel"

# Every module /init may load. igb, igbvf and vfio-pci are what the tests exercise; vfio_iommu_type1 is what a
# real host loads with vfio-pci; virtio_pci, 9pnet_virtio and 9p mount the host's root and the results share.
wanted=(virtio_pci 9pnet_virtio 9p igb igbvf vfio-pci vfio_iommu_type1)

root=$(mktemp -d "$RK_WORK/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,run,tmp,host,rk,lib/modules/"$kernel"}
cp "$busybox" "$root/bin/busybox"
# Each applet at the path busybox names for it; the kernel runs /sbin/modprobe to autoload modules.
"$busybox" --list-full | while read -r applet; do
  [ "${applet##*/}" = busybox ] || [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

# The transitive closure of the wanted modules over modules.dep (module names treat '-' and '_' alike).
closure=$(awk -v want="${wanted[*]}" '
  function name(path) { sub(/.*\//, "", path); sub(/\.ko$/, "", path); gsub(/-/, "_", path); return path }
  function add(m,   i, n, parts) {
    if (m in seen) return
    if (!(m in file)) { missing = missing " " m; return }
    seen[m] = 1; print file[m]
    n = split(deps[m], parts, " ")
    for (i = 1; i <= n; i++) add(name(parts[i]))
  }
  { sub(/:$/, "", $1); m = name($1); file[m] = $1; d = ""; for (i = 2; i <= NF; i++) d = d " " $i; deps[m] = d }
  END {
    n = split(want, w, " ")
    for (i = 1; i <= n; i++) { x = w[i]; gsub(/-/, "_", x); add(x) }
    if (missing != "") { print "missing:" missing > "/dev/stderr"; exit 1 }
  }' FS='[: ]+' "$moddir/modules.dep") || rk_die "modules missing from the unpacked kernel $kernel (see above)"

for f in $closure; do
  mkdir -p "$root/lib/modules/$kernel/$(dirname "$f")"
  cp "$moddir/$f" "$root/lib/modules/$kernel/$f"
done
cp "$moddir/modules.builtin" "$moddir/modules.order" "$root/lib/modules/$kernel/"
"$busybox" depmod -b "$root" "$kernel"
printf '%s\n' "${wanted[@]}" >"$root/lib/modules/wanted"

install -m 0755 "$RK_HERE/guest/init" "$root/init"

(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -6 >"$RK_INITRD.new"
mv "$RK_INITRD.new" "$RK_INITRD"
