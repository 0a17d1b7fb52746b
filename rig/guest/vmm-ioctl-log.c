// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for make vmm: time QEMU's VFIO_IOMMU_MAP_DMA and
 * VFIO_IOMMU_UNMAP_DMA calls and log each with its range, one line per
 * call, to the file named by VMM_IOCTL_LOG:
 *   map|unmap tid=T up=SECONDS iova=0x.. size=0x.. vaddr=0x.. us=N rc=R
 * "up" is CLOCK_BOOTTIME at the call (what /proc/uptime reads) and
 * "us" the time the call took.  strace -T would give the time too, but
 * without seccomp filters (the rig's kernels have none) it stops QEMU
 * at every system call, which under TCG costs more than the guest's
 * whole boot.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int (*real_ioctl)(int, unsigned long, void *);
static int log_fd = -2;

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void log_call(const char *op, double up, double us,
		     unsigned long long iova, unsigned long long size,
		     unsigned long long vaddr, int rc)
{
	char line[256];
	int n;

	if (log_fd == -2) {
		const char *path = getenv("VMM_IOCTL_LOG");

		log_fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND |
				     O_CLOEXEC, 0644) : -1;
	}
	if (log_fd < 0)
		return;
	n = snprintf(line, sizeof(line),
		     "%s tid=%ld up=%.6f iova=0x%llx size=0x%llx vaddr=0x%llx us=%.0f rc=%d\n",
		     op, (long)syscall(SYS_gettid), up, iova, size, vaddr, us,
		     rc);
	if (n > 0 && write(log_fd, line, n) < 0)
		return;
}

int ioctl(int fd, unsigned long req, ...)
{
	unsigned long long iova, size, vaddr;
	const char *op;
	double t0, up;
	va_list ap;
	void *arg;
	int rc, err;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!real_ioctl)
		real_ioctl = (int (*)(int, unsigned long, void *))
			dlsym(RTLD_NEXT, "ioctl");
	if (req != VFIO_IOMMU_MAP_DMA && req != VFIO_IOMMU_UNMAP_DMA)
		return real_ioctl(fd, req, arg);

	/* The range as asked for: UNMAP writes back what it unmapped. */
	if (req == VFIO_IOMMU_MAP_DMA) {
		struct vfio_iommu_type1_dma_map *m = arg;

		op = "map";
		iova = m->iova;
		size = m->size;
		vaddr = m->vaddr;
	} else {
		struct vfio_iommu_type1_dma_unmap *u = arg;

		op = "unmap";
		iova = u->iova;
		size = u->size;
		vaddr = 0;
	}
	up = now(CLOCK_BOOTTIME);
	t0 = now(CLOCK_MONOTONIC);
	rc = real_ioctl(fd, req, arg);
	err = errno;
	log_call(op, up, (now(CLOCK_MONOTONIC) - t0) * 1e6, iova, size, vaddr,
		 rc < 0 ? -err : rc);
	errno = err;
	return rc;
}
