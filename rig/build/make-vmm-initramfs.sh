#!/bin/sh
# Pack the initramfs of make vmm's guest (L1): busybox, Debian's QEMU
# with its libraries, loader, TCG accelerator module and firmware,
# strace with its libraries, the L2 kernel and L2's own busybox
# initramfs (rig/guest/vmm-l2-init.sh), and rig/guest/vmm-init.sh as /init.
# Usage: make-vmm-initramfs.sh L2_KERNEL_DIR OUTPUT.cpio
# Environment: QEMUS ("bookworm": Debian 12's QEMU; "bookworm trixie":
#   also Debian 13's, with its own loader and libraries from
#   rig/build/fetch-trixie-qemu.sh), VMM_L2_MEM_MB (128), VMM_L2_TIMEOUT (seconds, 1800),
#   VMM_STRACE (0; 1: also strace -T QEMU's ioctls,
#   which under TCG makes L2's start many times slower), VMM_FLOOR (1;
#   0: no run without a device), VMM_LIVE (0; 1: copy L2's console to
#   L1's as it comes), VMM_L2_APPEND (quiet: more of L2's command line).
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: make-vmm-initramfs.sh L2_KERNEL_DIR OUTPUT.cpio"
kdir=${1:?$usage}
cpio_out=${2:?$usage}
need_options QEMUS VMM_L2_MEM_MB VMM_L2_TIMEOUT VMM_STRACE VMM_LIVE VMM_FLOOR
busybox=${BUSYBOX:?}
qemu=/usr/bin/qemu-system-x86_64
# Debian's QEMU finds its accelerators here (its module directory).
moddir=/usr/lib/x86_64-linux-gnu/qemu
firmware="/usr/share/seabios/bios-256k.bin /usr/share/qemu/linuxboot_dma.bin
/usr/share/qemu/linuxboot.bin /usr/share/qemu/kvmvapic.bin"

[ -f "$kdir/bzImage" ] || die "vmm initramfs: no bzImage in $kdir"
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "vmm initramfs: $busybox is not a static busybox (apt-get install busybox-static)"
for f in "$qemu" "$moddir/accel-tcg-x86_64.so" /usr/bin/strace $firmware; do
	[ -r "$f" ] || die "vmm initramfs: $f is missing (apt-get install qemu-system-x86 strace)"
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM

# copy_elf FILE...: each file and the shared libraries it loads, at
# their own paths under the root.
copy_elf() {
	for f in "$@"; do
		cp -L --parents "$f" "$root/"
		ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
	done | sort -u | while read -r lib; do
		cp -L --parents "$lib" "$root/"
	done
}

mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" \
	"$root/vmm/l2"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
copy_elf "$qemu" "$moddir/accel-tcg-x86_64.so" /usr/bin/strace
gcc -O2 -Wall -shared -fPIC -o "$root/vmm/ioctl-log.so" \
	"$RIG_DIR/guest/vmm-ioctl-log.c" -ldl ||
	die "vmm initramfs: cannot build rig/guest/vmm-ioctl-log.c"
mkdir -p "$root/vmm/share-bookworm"
# shellcheck disable=SC2086 # one file per word
cp $firmware "$root/vmm/share-bookworm/"
printf '#!/bin/sh\nexec %s "$@"\n' "$qemu" >"$root/vmm/qemu-bookworm"

# trixie's QEMU in /vmm/trixie: its binary, the libraries its own loader
# resolves in the unpacked packages, the loader, and its firmware.  Its
# TCG is built in (no accelerator module).
case " $QEMUS " in
*" trixie "*)
	troot=$("$RIG_DIR/build/fetch-trixie-qemu.sh")
	t=$root/vmm/trixie
	mkdir -p "$t/lib" "$root/vmm/share-trixie"
	tld=$troot/usr/lib64/ld-linux-x86-64.so.2
	tlibs=$troot/usr/lib/x86_64-linux-gnu:$troot/lib/x86_64-linux-gnu
	cp "$troot/usr/bin/qemu-system-x86_64" "$t/"
	cp -L "$tld" "$t/"
	"$tld" --list --library-path "$tlibs" "$troot/usr/bin/qemu-system-x86_64" |
		awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | while read -r lib; do
		case $lib in
		"$troot"/*) cp -L "$lib" "$t/lib/" ;;
		*) die "vmm initramfs: trixie's QEMU loads $lib from outside its packages" ;;
		esac
	done
	for f in $firmware; do
		cp "$troot$f" "$root/vmm/share-trixie/"
	done
	printf '#!/bin/sh\nexec /vmm/trixie/ld-linux-x86-64.so.2 --library-path /vmm/trixie/lib /vmm/trixie/qemu-system-x86_64 "$@"\n' \
		>"$root/vmm/qemu-trixie"
	;;
esac
chmod 755 "$root"/vmm/qemu-*
cp "$kdir/bzImage" "$root/vmm/l2/bzImage"
GUEST_INIT=$RIG_DIR/guest/vmm-l2-init.sh "$RIG_DIR/build/make-initramfs.sh" \
	"$root/vmm/l2/initrd.cpio" "$busybox"
printf '%s\n' vfio_listener_region_add_ram vfio_listener_region_del \
	vfio_region_mmap vfio_pci_write_config >"$root/vmm/trace-events"
cat >"$root/vmm/config" <<CONFIG
VMM_QEMUS="$QEMUS"
VMM_L2_MEM_MB=$VMM_L2_MEM_MB
VMM_L2_TIMEOUT=$VMM_L2_TIMEOUT
VMM_STRACE=$VMM_STRACE
VMM_LIVE=$VMM_LIVE
VMM_FLOOR=$VMM_FLOOR
VMM_L2_APPEND="${VMM_L2_APPEND:-}"
CONFIG
cp "$RIG_DIR/guest/vmm-init.sh" "$root/init"
chmod 755 "$root/init"
mkdir -p "$root/lib"
cp "$RIG_DIR/guest/lib.sh" "$root/lib/rig.sh"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$cpio_out.tmp"
mv "$cpio_out.tmp" "$cpio_out"
