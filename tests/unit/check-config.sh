#!/bin/sh
# check-config.sh fails when Kconfig dropped an option of the fragment.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
chk=$TOP/rig/build/check-config.sh

printf 'CONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\n' >"$TMP/frag"
printf 'CONFIG_A=y\nCONFIG_B=m\n' >"$TMP/good"
expect_status 0 "$chk" "$TMP/frag" "$TMP/good"
printf 'CONFIG_A=y\n# CONFIG_B is not set\n' >"$TMP/bad"
expect_status 1 "$chk" "$TMP/frag" "$TMP/bad"
expect_output "CONFIG_B: asked 'CONFIG_B=m', got '# CONFIG_B is not set'"
printf 'CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=y\n' >"$TMP/bad2"
expect_status 1 "$chk" "$TMP/frag" "$TMP/bad2"
expect_output "CONFIG_C"
expect_status 2 "$chk" "$TMP/frag" "$TMP/missing"
echo "check-config: ok"
