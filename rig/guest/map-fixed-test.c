// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a fixed-address mapping request returns must not depend on the
 * kernel: MAP_FIXED, MAP_FIXED_NOREPLACE and MREMAP_FIXED give exactly
 * the address asked for (0 included, where the caller may map it) or
 * fail with the errno mm documents, anonymous lengths that are
 * multiples of 2 MiB included.  The rig runs this on every kernel, as
 * a 64-bit and a 32-bit (compat) program: a series that touches
 * placement must leave all of it as it was.
 *
 * Built against kselftest_harness.h of the kernel tree, without
 * libvfio: it needs no device and no library beyond libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define SZ_4K	(4096UL)
#define SZ_2M	(2UL << 20)

static const int anon = MAP_PRIVATE | MAP_ANONYMOUS;

/* The lowest address an unprivileged mapping may have. */
static unsigned long mmap_min_addr(void)
{
	unsigned long v = 0;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/* A free, PROT_NONE range of @len, for fixed mappings to land in. */
static char *reserve(size_t len)
{
	void *p = mmap(NULL, len, PROT_NONE, anon | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Whether [p, p + len) is mapped at all: msync() says ENOMEM if not. */
static int mapped(void *p, size_t len)
{
	return msync(p, len, MS_ASYNC) == 0;
}

FIXTURE(low)
{
	size_t len;
};

FIXTURE_VARIANT(low)
{
	size_t len;
};

/*
 * Lengths at address 0 stay below where a static non-PIE program is
 * loaded (0x400000 for x86-64, 0x8048000 for i386).
 */
FIXTURE_VARIANT_ADD(low, len_4k) { .len = SZ_4K };
FIXTURE_VARIANT_ADD(low, len_2m) { .len = SZ_2M };
FIXTURE_VARIANT_ADD(low, len_4m) { .len = 2 * SZ_2M };

FIXTURE_SETUP(low)
{
	self->len = variant->len;
}

FIXTURE_TEARDOWN(low)
{
}

/* As root (CAP_SYS_RAWIO), MAP_FIXED at 0 maps at 0, whatever the length. */
TEST_F(low, fixed_at_zero_privileged)
{
	char *p;

	if (geteuid() != 0)
		SKIP(return, "needs root to map below mmap_min_addr");
	p = mmap(NULL, self->len, PROT_READ | PROT_WRITE, anon | MAP_FIXED, -1, 0);
	ASSERT_NE((uintptr_t)MAP_FAILED, (uintptr_t)p);
	ASSERT_EQ(0, (uintptr_t)p);
	p[self->len - 1] = 1;
	ASSERT_EQ(0, munmap(p, self->len));
}

/* Without privilege, MAP_FIXED at 0 fails with EPERM, and maps nothing. */
TEST_F(low, fixed_at_zero_unprivileged)
{
	unsigned long min = mmap_min_addr();
	int status;
	pid_t pid;

	if (geteuid() != 0)
		SKIP(return, "needs root to drop to another uid");
	if (!min)
		SKIP(return, "vm.mmap_min_addr is 0: address 0 is allowed");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		void *p;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		p = mmap(NULL, self->len, PROT_READ, anon | MAP_FIXED, -1, 0);
		if (p != MAP_FAILED)
			_exit(3);
		_exit(errno == EPERM ? 0 : 4);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	/* 3: it mapped; 4: another errno than EPERM. */
	ASSERT_EQ(0, WEXITSTATUS(status));
}

FIXTURE(fixed)
{
	char *area;
	size_t area_len;
};

FIXTURE_VARIANT(fixed)
{
	size_t len;
};

/* Anonymous lengths that are and are not multiples of 2 MiB. */
FIXTURE_VARIANT_ADD(fixed, len_4k) { .len = SZ_4K };
FIXTURE_VARIANT_ADD(fixed, len_2m) { .len = SZ_2M };
FIXTURE_VARIANT_ADD(fixed, len_2m_plus_4k) { .len = SZ_2M + SZ_4K };
FIXTURE_VARIANT_ADD(fixed, len_4m) { .len = 2 * SZ_2M };
FIXTURE_VARIANT_ADD(fixed, len_8m) { .len = 4 * SZ_2M };

FIXTURE_SETUP(fixed)
{
	/* Room for the mapping at an odd 4 KiB offset, and its neighbours. */
	self->area_len = variant->len + 2 * SZ_2M + 2 * SZ_4K;
	self->area = reserve(self->area_len);
	ASSERT_NE(0, (uintptr_t)self->area);
}

FIXTURE_TEARDOWN(fixed)
{
	munmap(self->area, self->area_len);
}

/* MAP_FIXED over a free range at an address 4 KiB off any 2 MiB: exactly there. */
TEST_F(fixed, fixed_unaligned)
{
	char *want = self->area + SZ_2M + SZ_4K;
	char *p;

	want -= (uintptr_t)want % SZ_2M;
	want += SZ_4K;
	p = mmap(want, variant->len, PROT_READ | PROT_WRITE, anon | MAP_FIXED, -1, 0);
	ASSERT_EQ((uintptr_t)want, (uintptr_t)p);
	p[0] = 1;
	p[variant->len - 1] = 1;
}

/* MAP_FIXED over a mapping replaces exactly the range asked for. */
TEST_F(fixed, fixed_replaces_only_its_range)
{
	char *data, *want, *p;

	data = mmap(self->area, self->area_len, PROT_READ | PROT_WRITE,
		    anon | MAP_FIXED, -1, 0);
	ASSERT_EQ((uintptr_t)self->area, (uintptr_t)data);
	memset(data, 0x5a, self->area_len);
	want = data + SZ_4K;
	p = mmap(want, variant->len, PROT_READ | PROT_WRITE, anon | MAP_FIXED, -1, 0);
	ASSERT_EQ((uintptr_t)want, (uintptr_t)p);
	/* The new range is fresh anonymous memory, its neighbours are not. */
	ASSERT_EQ(0, p[0]);
	ASSERT_EQ(0, p[variant->len - 1]);
	ASSERT_EQ(0x5a, data[0]);
	ASSERT_EQ(0x5a, data[SZ_4K + variant->len]);
	ASSERT_EQ(0x5a, data[self->area_len - 1]);
}

/* MAP_FIXED_NOREPLACE: exactly the address when free, EEXIST when not. */
TEST_F(fixed, fixed_noreplace)
{
	char *want = self->area + SZ_4K;
	char *p;

	ASSERT_EQ(0, munmap(self->area, self->area_len));
	p = mmap(want, variant->len, PROT_READ, anon | MAP_FIXED_NOREPLACE, -1, 0);
	ASSERT_EQ((uintptr_t)want, (uintptr_t)p);
	p = mmap(want + variant->len - SZ_4K, SZ_4K, PROT_READ,
		 anon | MAP_FIXED_NOREPLACE, -1, 0);
	ASSERT_EQ((uintptr_t)MAP_FAILED, (uintptr_t)p);
	ASSERT_EQ(EEXIST, errno);
	/* Leave one mapping over the area for the teardown to remove. */
	p = mmap(self->area, self->area_len, PROT_NONE, anon | MAP_FIXED, -1, 0);
	ASSERT_EQ((uintptr_t)self->area, (uintptr_t)p);
}

/* MREMAP_FIXED moves to exactly the address asked for, with the data. */
TEST_F(fixed, mremap_fixed)
{
	size_t len = variant->len;
	char *src, *want, *p;

	src = mmap(NULL, len, PROT_READ | PROT_WRITE, anon, -1, 0);
	ASSERT_NE((uintptr_t)MAP_FAILED, (uintptr_t)src);
	memset(src, 0xa5, len);
	want = self->area + SZ_4K;
	p = mremap(src, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, want);
	ASSERT_EQ((uintptr_t)want, (uintptr_t)p);
	ASSERT_EQ((char)0xa5, p[0]);
	ASSERT_EQ((char)0xa5, p[len - 1]);
	ASSERT_FALSE(mapped(src, SZ_4K));
}

TEST_HARNESS_MAIN
