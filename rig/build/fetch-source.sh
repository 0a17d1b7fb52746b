#!/bin/sh
# Fetch and unpack one kernel source from Debian's packages.
# Usage: fetch-source.sh base|upstream
# Prints the unpacked source directory on stdout.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

which=${1:-}
case $which in
base | upstream) ;;
*) die "usage: fetch-source.sh base|upstream (got '$which')" ;;
esac

mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" \
	"$RIG_CACHE/debs" "$RIG_CACHE/src"

write_sources() {
	kr=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -r "$kr" ] || die "$kr missing: apt-get install debian-archive-keyring"
	cat >"$APT_DIR/sources.list.new" <<LIST
deb [signed-by=$kr] $APT_MIRROR bookworm main
deb [signed-by=$kr] $APT_SECURITY_MIRROR bookworm-security main
deb [signed-by=$kr] $APT_MIRROR trixie-backports main
LIST
	if ! cmp -s "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"; then
		mv "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"
		rm -f "$APT_DIR/updated"
	else
		rm -f "$APT_DIR/sources.list.new"
	fi
}

# Refresh the private lists at most once a day, or when asked.
apt_update() {
	if [ -z "${RIG_APT_REFRESH:-}" ] && [ -f "$APT_DIR/updated" ] &&
		[ -z "$(find "$APT_DIR/updated" -mmin +1440)" ]; then
		return 0
	fi
	say "fetch: updating the rig's private apt lists"
	# shellcheck disable=SC2046
	run_logged "$APT_DIR/update.log" apt-get $(apt_opts) update ||
		die "apt-get update failed (see $APT_DIR/update.log)"
	touch "$APT_DIR/updated"
}

# versions_of PKG: the versions the archive has, newest first.
versions_of() {
	# shellcheck disable=SC2046
	apt-cache $(apt_opts) madison "$1" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}'
}

# newest_peer: the newest linux-source-7.N package name.
newest_peer() {
	# shellcheck disable=SC2046
	apt-cache $(apt_opts) pkgnames "$PEER_PKG_PREFIX" 2>/dev/null |
		grep -E '^linux-source-[0-9]+\.[0-9]+$' | sort -V | tail -n 1
}

write_sources
apt_update

if [ "$which" = base ]; then
	pkg=$BASE_PKG
	ver=$BASE_VERSION
else
	pkg=$(newest_peer)
	[ -n "$pkg" ] || die "no ${PEER_PKG_PREFIX}* package in trixie-backports"
	# PEER_VERSION (rig/versions) pins one; empty: the newest there is.
	ver=$PEER_VERSION
	[ -n "$ver" ] || ver=$(versions_of "$pkg" | head -n 1)
fi

avail=$(versions_of "$pkg" | tr '\n' ' ')
case " $avail " in
*" $ver "*) ;;
*) die "$pkg version '$ver' is not in the archive; available: ${avail:-none}" ;;
esac

safe=$(printf '%s_%s' "$pkg" "$ver" | tr '~:' '--')
dest=$RIG_CACHE/src/$safe
if [ ! -f "$dest/.rig-unpacked" ]; then
	deb=$(fetch_deb "$pkg" "$ver")
	say "fetch: unpacking $pkg=$ver"
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest.tmp" --wildcards \
		'./usr/src/linux-source-*.tar.*'
	tar -xf "$dest.tmp"/usr/src/linux-source-*.tar.* -C "$dest.tmp"
	rm -rf "$dest.tmp/usr"
	mv "$dest.tmp"/linux-source-* "$dest"
	rm -rf "$dest.tmp"
	printf '%s %s\n' "$pkg" "$ver" >"$dest/.rig-unpacked"
fi
printf '%s\n' "$dest"
