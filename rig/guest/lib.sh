# shellcheck shell=sh
# The guest's library, /lib/rig.sh in every initramfs the rig packs
# (rig/build/make-initramfs.sh, rig/build/make-vmm-initramfs.sh): what the /init
# scripts (rig/guest/init.sh, rig/guest/vmm-init.sh, the pud-split-oops init) share.
# Sourced by an /init under busybox.  It speaks the console protocol of
# docs/console-protocol.md, whose version it announces.

RIG_PROTOCOL=1

# rig_start: busybox's applets and the kernel's file systems.
rig_start() {
	/bin/busybox --install -s /bin
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
}

# rig_channel tests|console: the test channel.  The tests' output goes to
# ttyS1 (the host's CONSOLE_LOG); kernel messages stay on the console,
# ttyS0, so none can cut a line of it.  Without ttyS1 everything stays
# on the console, and the host finds no RIG-EXIT in the test channel:
# not a pass.  With "console" (make shell) the output stays on the
# console, for the shell.  The protocol's version comes first.
rig_channel() {
	if [ "${1:-}" = console ]; then
		:
	elif (: >/dev/ttyS1) 2>/dev/null; then
		exec >/dev/ttyS1 2>&1
	else
		echo "RIG: no test channel (/dev/ttyS1): the tests' output stays on the console"
	fi
	echo "RIG-PROTOCOL $RIG_PROTOCOL"
}

# The status starts as "failed" and is overwritten only when the tests
# really finished, so a killed or hung guest never reads as a pass.
rc=1
finish() {
	echo "RIG-EXIT rc=$rc"
	poweroff -f
}

# param NAME: rig.NAME=VALUE from the kernel command line, which the
# host always gives (rig/boot/boot-guest.sh); one that is missing ends the
# guest as failed, with the reason, rather than run on a guess.
param() {
	read -r cmdline </proc/cmdline
	for w in $cmdline; do
		case $w in
		"rig.$1="*) echo "${w#*=}"; return ;;
		esac
	done
	# (Output on stderr: param runs inside $(...).)
	echo "RIG: error: no rig.$1= on the kernel command line" >&2
	echo "RIG-EXIT rc=1" >&2
	poweroff -f
}

# bind_vfio VENDOR DEVICE [TAG]: bind every such PCI function to
# vfio-pci and print their addresses; one that does not bind is named
# on stderr after TAG (default "RIG:").
bind_vfio() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = "$1" ] || continue
		[ "$(cat "$d/device")" = "$2" ] || continue
		bdf=${d##*/}
		echo vfio-pci >"$d/driver_override"
		[ -e "$d/driver" ] && echo "$bdf" >"$d/driver/unbind"
		echo "$bdf" >/sys/bus/pci/drivers_probe
		[ -e "/sys/bus/pci/drivers/vfio-pci/$bdf" ] || {
			echo "${3:-RIG:} $bdf did not bind to vfio-pci" >&2
			continue
		}
		echo "$bdf"
	done
}

# bar2_bytes BDF: the size of the device's BAR2, from sysfs.
bar2_bytes() {
	sed -n 3p "/sys/bus/pci/devices/$1/resource" | {
		read -r start end _
		echo $((end - start + 1))
	}
}
