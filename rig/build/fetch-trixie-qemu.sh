#!/bin/sh
# Fetch Debian 13 (trixie)'s qemu-system-x86 with every library it
# loads, through the rig's own apt list for trixie (the system's apt
# sources are not touched), and unpack them into one root that
# make-vmm-initramfs.sh packs as a second VMM: QEMU then runs with its
# own loader and libraries, not the guest's bookworm ones.
# Usage: fetch-trixie-qemu.sh   (prints the unpacked root's directory)
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

dir=$RIG_CACHE/apt-trixie
dest=$RIG_CACHE/trixie-qemu
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
kr=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$kr" ] || die "$kr missing: apt-get install debian-archive-keyring"
printf 'deb [signed-by=%s] %s trixie main\n' "$kr" "$APT_MIRROR" >"$dir/sources.list"
opts="-o Dir::Etc::SourceList=$dir/sources.list -o Dir::Etc::SourceParts=/dev/null
-o Dir::State::Lists=$dir/lists -o Dir::Cache=$dir/cache
-o Dir::State::Status=/dev/null -o APT::Sandbox::User=root
-o APT::Architecture=amd64 -o APT::Architectures=amd64"

if [ -f "$dest/.rig-unpacked" ]; then
	printf '%s\n' "$dest"
	exit 0
fi
if [ ! -f "$dir/updated" ]; then
	say "trixie qemu: updating the rig's trixie apt list"
	# shellcheck disable=SC2086 # one option per word
	run_logged "$dir/update.log" apt-get $opts update ||
		die "apt-get update of trixie failed (see $dir/update.log)"
	touch "$dir/updated"
fi
# The package and what it depends on, recursively, without the
# recommends; virtual packages (<name>) are left to their providers.
# shellcheck disable=SC2086 # one option per word
pkgs=$(apt-cache $opts depends --recurse --no-recommends --no-suggests \
	--no-conflicts --no-breaks --no-replaces --no-enhances \
	qemu-system-x86 | grep -v '^ ' | grep -v '^<' | sort -u)
[ -n "$pkgs" ] || die "trixie qemu: no qemu-system-x86 in trixie"
say "trixie qemu: downloading $(printf '%s\n' "$pkgs" | wc -l) packages"
# shellcheck disable=SC2086 # one option or package per word
(cd "$dir/debs" && apt-get $opts download $pkgs) >"$dir/download.log" 2>&1 || {
	show_log_tail "$dir/download.log"
	die "trixie qemu: download failed"
}
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dest.tmp"
done
[ -x "$dest.tmp/usr/bin/qemu-system-x86_64" ] || die "trixie qemu: no qemu-system-x86_64 in the packages"
dpkg-deb -f "$(ls "$dir"/debs/qemu-system-x86_*.deb)" Version >"$dest.tmp/.rig-unpacked"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
printf '%s\n' "$dest"
