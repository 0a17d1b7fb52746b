#!/bin/sh
# The guest check of the patched kernel, on the mainline kernel: the
# same assertions (tests/guest/kselftest.sh).
exec "$(dirname "$0")/kselftest.sh" mainline
