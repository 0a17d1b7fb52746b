#!/bin/sh
# /init of make vmm's innermost guest (L2), which Debian's QEMU starts
# inside the rig's guest with the BAR devices assigned through
# vfio-pci.  The kernel has enumerated PCI and sized the BARs (its
# firmware assigned and enabled them); this init says it is up (the
# line whose time is L2's start time), enables each assigned device as
# a driver does, shows that memory decode is on with its BAR2, and
# powers off.
# The line first: installing busybox's links takes L2 half a minute
# under nested TCG.
echo "VMM-L2-INIT up"
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
n=0
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1af4 ] || continue
	[ "$(cat "$d/device")" = 0x1110 ] || continue
	echo 1 >"$d/enable"
	# PCI_COMMAND (offset 4): bit 1 is memory decode.
	cmd=$(od -An -tx2 -j4 -N2 "$d/config" | tr -d ' ')
	decode=off
	[ $((0x$cmd & 2)) -ne 0 ] && decode=on
	sed -n 3p "$d/resource" | {
		read -r start end _
		echo "VMM-L2-BAR device=${d##*/} bar=2 start=$start size=$((end - start + 1)) command=0x$cmd decode=$decode"
	}
	n=$((n + 1))
done
echo "VMM-L2-DONE devices=$n"
poweroff -f
