#!/bin/sh
# Check that every option a config fragment asks for is in the final
# .config (merge_config.sh only warns when Kconfig drops one).
# Usage: check-config.sh FRAGMENT DOTCONFIG
set -eu

frag=${1:?usage: check-config.sh FRAGMENT DOTCONFIG}
dot=${2:?usage: check-config.sh FRAGMENT DOTCONFIG}
[ -r "$frag" ] || { echo "check-config: cannot read $frag" >&2; exit 2; }
[ -r "$dot" ] || { echo "check-config: cannot read $dot" >&2; exit 2; }

bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		opt=${line%%=*}
		want=$line
		;;
	"# CONFIG_"*" is not set")
		opt=${line#"# "}
		opt=${opt%% *}
		want=$line
		;;
	*) continue ;;
	esac
	got=$(grep -E "^$opt=|^# $opt is not set" "$dot" || true)
	if [ "$want" = "# $opt is not set" ] && [ -z "$got" ]; then
		continue
	fi
	if [ "$got" != "$want" ]; then
		echo "check-config: $opt: asked '$want', got '${got:-absent}'" >&2
		bad=1
	fi
done <"$frag"
exit "$bad"
