/*
 * xap_mmap.cc - Xapian's B-tree blocks read from memory maps instead of
 * pread(2). Xapian 1.4 has no user-space block cache: every block of every
 * table it reads is an 8 KiB pread, and on this kind of (virtualised)
 * machine a system call costs ~4 us, more than the work done on the block:
 * a 2-4 character search made ~350 of them, a question ~2,000 (bench/RESULTS.md
 * "Session 8"). The program therefore defines open, close, pread and
 * posix_fadvise itself; the dynamic linker binds libxapian's calls to these
 * (a program's own definitions come first), and each passes through to the
 * C library's (open64, pread64, posix_fadvise64, __close) except on the
 * files it mapped: a table file (*.glass) opened read-only is mapped whole
 * (PROT_READ, MAP_SHARED: the page cache itself, so a writer's changes show
 * exactly as they would to pread), and a pread inside the mapping is a
 * memcpy. A read past the end
 * of the mapping (the file grew: an update in place) maps the file again at
 * its new size, or else goes to the system call; older mappings of an fd
 * stay until it is closed, so a read in progress never loses its memory.
 * Xapian never shrinks a table file (a new generation is a new file), which
 * is what makes a mapping safe to read. Writable databases (O_RDWR) are left
 * alone. FAGUI_MMAP=0 in the environment turns it off (reads then are
 * exactly Xapian's own preads), for comparisons. Results cannot differ:
 * the same bytes come back from the same offsets.
 */
#undef _FORTIFY_SOURCE /* the definitions below replace the C library's, not its fortified inline wrappers */
#include "xap_int.h"

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The C library's own entry points, under the names libxapian does not call (no dlsym: no start-up order). */
extern "C" int __close(int fd);

namespace {

constexpr int MAX_FD = 65536; /* descriptors above are never mapped */

struct Map {
	const char *base;
	uint64_t len;
	Map *older; /* the mappings this one replaced (the file grew), unmapped at close */
};

std::atomic<Map *> maps[MAX_FD];
std::atomic<int> state{-1}; /* -1 not read yet, 0 off (FAGUI_MMAP=0), 1 on */

bool enabled()
{
	int s = state.load(std::memory_order_relaxed);
	if (s < 0) {
		const char *e = getenv("FAGUI_MMAP");
		s = e && !strcmp(e, "0") ? 0 : 1;
		state.store(s, std::memory_order_relaxed);
	}
	return s == 1;
}

/* A mapping of the whole of fd (a regular file longer than older) in front of older; NULL when it cannot be. */
Map *map_file(int fd, Map *older)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return nullptr;
	if (older && (uint64_t)st.st_size <= older->len)
		return nullptr;
	void *p = mmap(nullptr, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return nullptr;
	Map *m = new (std::nothrow) Map{static_cast<const char *>(p), (uint64_t)st.st_size, older};
	if (!m)
		munmap(p, (size_t)st.st_size);
	return m;
}

void unmap_chain(Map *m)
{
	while (m) {
		Map *o = m->older;
		munmap(const_cast<char *>(m->base), (size_t)m->len);
		delete m;
		m = o;
	}
}

bool is_table(const char *path, int flags)
{
	if ((flags & O_ACCMODE) != O_RDONLY || !path)
		return false;
	size_t n = strlen(path);
	return n > 6 && !strcmp(path + n - 6, ".glass");
}

} // namespace

/* Whether this process reads table files through maps. */
bool xmap_enabled()
{
	return enabled();
}

extern "C" int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	int fd = open64(path, flags, mode);
	if (fd >= 0 && fd < MAX_FD && is_table(path, flags) && enabled())
		unmap_chain(maps[fd].exchange(map_file(fd, nullptr), std::memory_order_acq_rel));
	return fd;
}

extern "C" int close(int fd)
{
	if (fd >= 0 && fd < MAX_FD && maps[fd].load(std::memory_order_relaxed))
		unmap_chain(maps[fd].exchange(nullptr, std::memory_order_acq_rel));
	return __close(fd);
}

extern "C" ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	if (fd >= 0 && fd < MAX_FD && off >= 0) {
		Map *m = maps[fd].load(std::memory_order_acquire);
		if (m && (uint64_t)off + n > m->len) {
			/* the file grew (an update in place): map it again, the older mapping kept until close */
			Map *g = map_file(fd, m);
			if (g && maps[fd].compare_exchange_strong(m, g, std::memory_order_acq_rel)) {
				m = g;
			} else if (g) {
				g->older = nullptr;
				unmap_chain(g);
			}
		}
		if (m && (uint64_t)off + n <= m->len) {
			memcpy(buf, m->base + off, n);
			return (ssize_t)n;
		}
	}
	return pread64(fd, buf, n, off);
}

/* Read-ahead advice on a mapped file is moot (its blocks are read from memory): no system call. */
extern "C" int posix_fadvise(int fd, off_t off, off_t len, int advice)
{
	if (fd >= 0 && fd < MAX_FD && maps[fd].load(std::memory_order_acquire))
		return 0;
	return posix_fadvise64(fd, off, len, advice);
}
