#!/bin/sh
# /init of the rig's guest for make vmm (L1): bind the BAR devices to
# vfio-pci, then with each packed QEMU start a small Linux guest (L2)
# twice, once without a device (the floor) and once with every BAR
# device assigned (-device vfio-pci,host=...), and print what the host
# needs on the console, each line tagged:
#   VMM-RUN     one per L2 start: QEMU, case, exit status, start time
#   VMM-L2      L2's own lines (VMM-L2-*), each stamped with L1's uptime
#   VMM-IOCTL   QEMU's VFIO_IOMMU_MAP_DMA/UNMAP_DMA calls: range and
#               time taken (rig/guest/vmm-ioctl-log.c, preloaded into QEMU)
#   VMM-TRACE   QEMU's trace: DMA ranges added and removed, BAR mmaps,
#               writes of the command register
#   VMM-MAPS    QEMU's vfio mmaps from /proc/PID/maps, taken at L2's
#               init line
#   VMM-ERROR   what went wrong, then the tails of the L2 console and
#               QEMU's stderr
# The status starts as "failed" and becomes the runs' status only when
# every run finished, so a hung or killed guest never reads as a pass.
export PATH=/bin:/usr/bin
# shellcheck source=rig/guest/lib.sh
. /lib/rig.sh
rig_start
mkdir -p /tmp
rig_channel tests

# qemu_maps: the mappings of the running QEMU (one runs at a time; its
# -pidfile needs file locks, which the rig's kernels lack).  trixie's
# runs under its own loader, whose name its process has.
qemu_maps() {
	for p in /proc/[0-9]*; do
		case $(cat "$p/comm" 2>/dev/null) in
		qemu-system-x86 | ld-linux-x86-64) cat "$p/maps" ;;
		esac
	done 2>/dev/null
}

# stamp DIR: copy L2's console from stdin to stdout, each line stamped
# with L1's uptime; at L2's init line, save QEMU's mappings.
stamp() {
	while IFS= read -r line; do
		read -r now _ </proc/uptime
		printf '%s %s\n' "$now" "$line"
		[ "$VMM_LIVE" = 1 ] && printf 'VMM-LIVE %s %s\n' "$now" "$line" >/dev/console
		case $line in
		*VMM-L2-INIT*) qemu_maps >"$1/maps" ;;
		esac
	done
}

# show_tail TAG FILE: the end of a log, tagged.
show_tail() {
	tail -n 30 "$2" 2>/dev/null | tr -d '\r' | awk -v tag="$1" '{ print tag, $0 }'
}

# run_l2 QEMU CASE [BDF...]: start L2 with QEMU (a wrapper in /vmm),
# the BDFs assigned, and report.
run_l2() {
	q=$1 case=$2
	shift 2
	ndev=$#
	dir=/tmp/run-$q-$case
	rm -rf "$dir"
	mkdir -p "$dir"
	devs=
	for b in "$@"; do
		devs="$devs -device vfio-pci,host=$b"
	done
	mkfifo "$dir/serial"
	stamp "$dir" <"$dir/serial" >"$dir/l2.log" &
	spid=$!
	# shellcheck disable=SC2086 # $devs is a list of words
	set -- "/vmm/qemu-$q" -nodefaults -no-user-config -machine q35 \
		-accel tcg,tb-size=64 -m "$VMM_L2_MEM_MB" -smp 1 \
		-display none -vga none -monitor none -no-reboot \
		-L "/vmm/share-$q" -kernel /vmm/l2/bzImage -initrd /vmm/l2/initrd.cpio \
		-append "console=ttyS0 panic=-1 $VMM_L2_APPEND" -serial stdio \
		-msg timestamp=on \
		-trace events=/vmm/trace-events -D "$dir/trace.log" $devs
	set -- env LD_PRELOAD=/vmm/ioctl-log.so VMM_IOCTL_LOG="$dir/ioctl.log" \
		timeout -s KILL "$VMM_L2_TIMEOUT" "$@"
	if [ "$VMM_STRACE" = 1 ]; then
		set -- strace -f -T -ttt -y -e trace=ioctl -o "$dir/strace.log" "$@"
	fi
	read -r t0 _ </proc/uptime
	st=0
	"$@" >"$dir/serial" 2>"$dir/qemu.err" </dev/null || st=$?
	wait "$spid" || :
	up=$(sed -n 's/^\([0-9.]*\) .*VMM-L2-INIT.*/\1/p' "$dir/l2.log" | head -n 1)
	start=-
	[ -n "$up" ] && start=$(awk -v a="$t0" -v b="$up" 'BEGIN { printf "%.2f", b - a }')
	echo "VMM-RUN qemu=$q case=$case devices=$ndev status=$st start_s=$start"
	tr -d '\r' <"$dir/l2.log" | grep ' VMM-L2-' | sed "s/^/VMM-L2 $q $case /"
	sed "s/^/VMM-IOCTL $q $case /" "$dir/ioctl.log" 2>/dev/null
	if [ -r "$dir/strace.log" ]; then
		grep -E 'VFIO_IOMMU_(UN)?MAP_DMA|<\.\.\. ioctl resumed>' "$dir/strace.log" |
			sed "s/^/VMM-STRACE $q $case /"
	fi
	grep -E 'vfio_listener_region_(add_ram|del) |vfio_region_mmap |vfio_pci_write_config .*@0x4,' \
		"$dir/trace.log" 2>/dev/null | sed "s/^/VMM-TRACE $q $case /"
	grep -i vfio "$dir/maps" 2>/dev/null | sed "s/^/VMM-MAPS $q $case /"
	if [ -z "$up" ] || ! grep -q 'VMM-L2-DONE' "$dir/l2.log"; then
		if [ "$st" -eq 137 ]; then
			echo "VMM-ERROR qemu=$q case=$case: L2 timed out after ${VMM_L2_TIMEOUT}s"
		else
			echo "VMM-ERROR qemu=$q case=$case: L2 did not finish its init (QEMU status $st)"
		fi
		show_tail "VMM-L2-CONSOLE $q $case" "$dir/l2.log"
		show_tail "VMM-QEMU-STDERR $q $case" "$dir/qemu.err"
		return 1
	fi
	show_tail "VMM-QEMU-STDERR $q $case" "$dir/qemu.err"
	return 0
}

# shellcheck source=/dev/null # written by make-vmm-initramfs.sh
. /vmm/config
big=$(($(param bar_gib) << 30))
bars=
for bdf in $(bind_vfio 0x1af4 0x1110 VMM-ERROR); do
	[ "$(bar2_bytes "$bdf")" = "$big" ] && bars="$bars $bdf"
done
echo "VMM: kernel $(uname -r), BAR devices:${bars:- none}, L2 ${VMM_L2_MEM_MB} MiB"
if [ -z "$bars" ]; then
	echo "VMM-ERROR no ivshmem BAR device of $big bytes bound to vfio-pci"
	finish
fi

status=0
for q in $VMM_QEMUS; do
	echo "VMM-QEMU name=$q version=$("/vmm/qemu-$q" --version 2>&1 | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
	if [ "$VMM_FLOOR" = 1 ]; then
		run_l2 "$q" floor || status=1
	fi
	# shellcheck disable=SC2086 # one address per word
	run_l2 "$q" assigned $bars || status=1
done
echo "VMM-END"
rc=$status
finish
