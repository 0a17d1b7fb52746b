// SPDX-License-Identifier: GPL-2.0-only
/*
 * Split a vma inside a PUD-mapped vfio-pci BAR at a boundary that is not
 * even 2 MiB aligned: mprotect(bar + 4K, 4K, PROT_READ).
 *
 * vfio-pci's huge_fault maps a BAR of at least 1 GiB, 1 GiB aligned in
 * both the process and the physical address space, with a 1 GiB PUD
 * leaf.  A kernel that does not split PUD leaves at a new vma boundary
 * (Debian's 6.12 and 7.3.4 as shipped) calls split_huge_pmd_address(),
 * whose mm_find_pmd() takes the PUD leaf for a PMD table and reads
 * __va(BAR physical address) as one: an oops.  A kernel with the
 * series splits the PUD leaf first, and this program prints
 * "PUD-SPLIT: survived" and exits 0.
 *
 * Usage: pud-split-oops BDF   (the device bound to vfio-pci)
 * Exit status: 0 survived, 1 an unexpected error, 4 (KSFT_SKIP) a
 * precondition is missing (said why).
 *
 * Standalone: the legacy VFIO group/container API, libc only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#define KSFT_SKIP	4

#define SZ_4K		(4096UL)
#define SZ_1G		(1UL << 30)

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("PUD-SPLIT: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
}

static void __attribute__((noreturn)) skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("PUD-SPLIT: SKIP: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
	exit(KSFT_SKIP);
}

static void __attribute__((noreturn)) fail(const char *what)
{
	printf("PUD-SPLIT: FAIL: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

/* The IOMMU group number of @bdf, from its iommu_group link. */
static int iommu_group(const char *bdf)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		skip("%s has no IOMMU group (%s)", bdf, strerror(errno));
	target[n] = '\0';
	return atoi(basename(target));
}

/* The physical address of @bdf's BAR2: line 3 of its sysfs resource. */
static uint64_t bar2_phys(const char *bdf)
{
	unsigned long long start = 0, end, flags;
	char path[PATH_MAX];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", bdf);
	f = fopen(path, "r");
	if (!f)
		skip("cannot read %s (%s)", path, strerror(errno));
	for (i = 0; i < 3; i++) {
		if (fscanf(f, "%llx %llx %llx", &start, &end, &flags) != 3)
			skip("%s has no line %d", path, i + 1);
	}
	fclose(f);
	return start;
}

/* A device fd for @bdf through a type1v2 container. */
static int vfio_device(const char *bdf)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[PATH_MAX];
	int container, group, device;

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		skip("no /dev/vfio/vfio (%s)", strerror(errno));
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		skip("unknown VFIO API version");
	if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0)
		skip("no VFIO_TYPE1v2_IOMMU");

	snprintf(path, sizeof(path), "/dev/vfio/%d", iommu_group(bdf));
	group = open(path, O_RDWR);
	if (group < 0)
		skip("cannot open %s (%s): is %s bound to vfio-pci?", path,
		     strerror(errno), bdf);
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &status))
		fail("VFIO_GROUP_GET_STATUS");
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		skip("group %s is not viable", path);

	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		fail("VFIO_GROUP_SET_CONTAINER");
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		fail("VFIO_SET_IOMMU");
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (device < 0)
		fail("VFIO_GROUP_GET_DEVICE_FD");
	return device;
}

int main(int argc, char **argv)
{
	struct vfio_region_info bar = {
		.argsz = sizeof(bar),
		.index = VFIO_PCI_BAR2_REGION_INDEX,
	};
	volatile char *p;
	uint64_t phys;
	char *area;
	int device;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 1;
	}

	device = vfio_device(argv[1]);
	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &bar))
		fail("VFIO_DEVICE_GET_REGION_INFO");
	if (!(bar.flags & VFIO_REGION_INFO_FLAG_MMAP))
		skip("BAR2 of %s cannot be mmapped", argv[1]);
	if (bar.size < SZ_1G)
		skip("BAR2 of %s is %llu bytes, less than 1 GiB: no PUD leaf",
		     argv[1], (unsigned long long)bar.size);
	phys = bar2_phys(argv[1]);
	if (phys & (SZ_1G - 1))
		skip("BAR2 of %s is at %#llx, not 1 GiB aligned: no PUD leaf",
		     argv[1], (unsigned long long)phys);

	/* Room for the BAR at a 1 GiB aligned address. */
	area = mmap(NULL, bar.size + SZ_1G, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		fail("reserving address space");
	p = (char *)(((uintptr_t)area + SZ_1G - 1) & ~(SZ_1G - 1));
	if (mmap((char *)p, bar.size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, device, bar.offset) == MAP_FAILED)
		fail("mmap of BAR2");

	/* The first access: vfio-pci's huge_fault installs a PUD leaf. */
	(void)p[0];
	say("mapped BAR2 of %s (%llu MiB at phys %#llx) at %p, first byte read",
	    argv[1], (unsigned long long)bar.size >> 20,
	    (unsigned long long)phys, (void *)p);

	say("mprotect(bar + 4K, 4K)");
	if (mprotect((char *)p + SZ_4K, SZ_4K, PROT_READ))
		fail("mprotect(bar + 4K, 4K, PROT_READ)");
	(void)p[2 * SZ_4K];
	say("survived");
	return 0;
}
