#!/bin/sh
# Set-up that no single archive index can break, without the network:
# install-deps.sh runs against a shim apt-get (and shim dpkg-query, id
# and dpkg) on PATH.  An update that fails on one foreign-architecture
# index is retried, then the install goes on with a warning naming the
# index; an install that fails is a clear error with the log's tail;
# no architecture is ever added and no :i386 package asked for.  The
# rig's private apt options name the host architecture only.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

shim=$TMP/shim
mkdir -p "$shim"
calls=$TMP/calls
# apt-get: update fails on the i386 security index as the archive did
# on 2026-12-05; install fails when SHIM_INSTALL_FAILS is set.
cat >"$shim/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get $*" >>"$SHIM_CALLS"
case $* in
*update*)
	echo "Hit:1 http://deb.debian.org/debian bookworm InRelease"
	echo "Err:5 http://deb.debian.org/debian-security bookworm-security/main i386 Packages"
	echo "  File has unexpected size (123 != 456). Mirror sync in progress? [IP: 127.0.0.1 80]"
	echo "E: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-i386/Packages.xz  File has unexpected size (123 != 456). Mirror sync in progress?"
	echo "E: Some index files failed to download. They have been ignored, or old ones used instead."
	exit 100
	;;
*install*)
	if [ -n "${SHIM_INSTALL_FAILS:-}" ]; then
		echo "E: Unable to locate package strace"
		exit 100
	fi
	echo "Setting up strace ..."
	;;
esac
EOF
# dpkg-query: every package is installed but strace.
cat >"$shim/dpkg-query" <<'EOF'
#!/bin/sh
for a; do :; done
[ "$a" = strace ] && exit 1
printf 'install ok installed'
EOF
printf '#!/bin/sh\necho 0\n' >"$shim/id"
# shellcheck disable=SC2016 # expanded by the shim
printf '#!/bin/sh\necho "dpkg $*" >>"$SHIM_CALLS"\n' >"$shim/dpkg"
chmod +x "$shim"/*

deps() {
	env PATH="$shim:$PATH" SHIM_CALLS="$calls" RIG_APT_TRIES=2 \
		RIG_APT_PAUSE=0 TMPDIR="$TMP" "$@" "$TOP/rig/install-deps.sh"
}

# An update that fails on one index: two tries, then the install, with
# a warning that names the index.
: >"$calls"
expect_status 0 deps
expect_output 'rig: installing: strace'
expect_output 'apt-get update failed \(try 1 of 2\)'
expect_output 'rig: warning: .*binary-i386/Packages'
[ "$(grep -c '^apt-get update' "$calls")" = 2 ] || fail "update not tried twice: $(cat "$calls")"
grep -q '^apt-get install .* strace$' "$calls" || fail "no install after the failed update: $(cat "$calls")"
grep -q ':i386' "$calls" && fail "a foreign-architecture package was asked for: $(cat "$calls")"
grep -q '^dpkg' "$calls" && fail "install-deps.sh ran dpkg: $(cat "$calls")"
ls "$TMP"/rig-apt.* >/dev/null 2>&1 && fail "a successful install left its log behind"

# An install that fails: a clear error, with the tail of the log.
: >"$calls"
expect_status 1 deps SHIM_INSTALL_FAILS=1
expect_output 'E: Unable to locate package strace'
expect_output 'rig: error: apt-get could not install: strace \(log: '

# Nothing missing: no apt-get at all.
printf '#!/bin/sh\nprintf "install ok installed"\n' >"$shim/dpkg-query"
: >"$calls"
expect_status 0 deps
[ -s "$calls" ] && fail "apt-get ran with nothing missing: $(cat "$calls")"

# The rig's private apt list: the host architecture only, whatever
# foreign architectures dpkg has.
host=$(dpkg --print-architecture)
# shellcheck disable=SC2016 # expanded by the inner shell
opts=$(sh -c '. "$0"; apt_opts' "$TOP/rig/lib.sh")
printf '%s\n' "$opts" | grep -qx "APT::Architectures=$host" ||
	fail "apt_opts does not pin APT::Architectures to $host: $opts"
# shellcheck disable=SC2086 # one option per word
archs=$(apt-config $opts dump | sed -n 's/^APT::Architectures:: "\(.*\)";$/\1/p')
[ "$archs" = "$host" ] || fail "the private apt options give architectures '$archs', not '$host'"
foreign=$(dpkg --print-foreign-architectures | tr '\n' ' ')
if [ -n "$foreign" ]; then
	echo "NOTE: dpkg has foreign architectures ($foreign); the private list leaves them out"
else
	echo "NOTE: dpkg has no foreign architecture here; checked the option and the host architecture only"
fi
echo "install-deps: ok"
