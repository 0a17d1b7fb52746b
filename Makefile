# VFIO huge-BAR DMA mapping: the series, its kselftest and the QEMU rig.
# The targets are the interface; the scripts in rig/ and tests/ do the
# work.  Options are make variables, e.g. make run BAR_GIB=64 REPS=5.

# The options' defaults belong to the scripts that take them (make
# help lists them); make passes what is given on its command line to
# the scripts through their environment.

.PHONY: help run report shell vmm check soak series-build deps shellcheck rig-tests guest-check kernels clean

## help: the targets and the options with their defaults
help:
	@sed -n 's/^## //p' Makefile
	@echo "options (make TARGET VAR=value; docs/rig.md says what each does):"
	@rig/list-options.sh

## run: build base, patched, upstream and mainline; measure; write out/report.*
run: deps
	rig/run.sh

## vmm: VM start time with Debian's QEMU as the VMM: in the rig's guest,
## QEMU starts a Linux guest with BAR_COUNT BARs of BAR_GIB assigned
## (4 x 16 GiB unless given); QEMUS="bookworm trixie" adds Debian 13's
## QEMU; writes out/vmm.tsv and out/vmm.md
vmm: deps
	rig/vmm.sh

## report: judge a saved run again from its files alone (OUT=results/...)
## and write its report to DEST (default out/report/NAME)
report:
	rig/judge-run.sh $(or $(OUT),out) $(or $(DEST),out/report/$(notdir $(abspath $(or $(OUT),out))))

## shell: boot KERNEL (default mainline) with the rig's devices and
## stop at a shell on this terminal, for debugging
shell: deps
	rig/shell.sh $(or $(KERNEL),mainline)

## check: everything CI runs (shellcheck, rig tests, patched guest)
check: deps
	tests/run.sh

## soak: the patched kernel with KASAN/lockdep, kselftest + soak
## (an 8 GiB BAR unless BAR_GIB is given: the debug kernel is slow)
soak: deps
	rig/soak.sh

## series-build: every patch of both series builds on its own with W=1
## (SERIES_CONFIG=debian: with Debian's amd64 config of each kernel)
series-build: deps
	for k in $$(sh -c '. "$$0"; kernels_with_series' rig/lib.sh); do \
		rig/series/check-series-build.sh $$k $(SERIES_CONFIG) || exit 1; \
	done

deps:
	rig/install-deps.sh

shellcheck: deps
	tests/run.sh shellcheck

rig-tests: deps
	tests/run.sh unit
	tests/run.sh integration

guest-check: deps
	tests/run.sh guest

kernels: deps
	for k in $$(sh -c '. "$$0"; option_defaults run; echo $$KERNELS' rig/lib.sh); do \
		rig/build/build-kernel.sh $$k || exit 1; \
	done

clean:
	rm -rf out
