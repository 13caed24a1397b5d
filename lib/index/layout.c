/*
 * layout.c - the index directory (layout.h): the stub naming the current
 * generation's shards, generation directories, cleanup of leftovers and the
 * writer's lock.
 */
#include "layout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

const char *fg_layout_stub_path(fg_buf *out, const char *dir)
{
	fg_buf_reset(out);
	fg_buf_printf(out, "%s/%s", dir, FG_LAYOUT_STUB);
	return out->data;
}

int fg_layout_is_index(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	fg_buf b = {0};
	int ok = stat(fg_layout_stub_path(&b, path), &st) == 0;
	fg_buf_free(&b);
	return ok;
}

/* Call cb(ctx, rel) for every "auto <rel>" line of DIR/index.stub; -1 when there is no stub. */
static int each_line(const char *dir, void (*cb)(void *ctx, const char *rel), void *ctx)
{
	fg_buf path = {0};
	FILE *f = fopen(fg_layout_stub_path(&path, dir), "r");
	fg_buf_free(&path);
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (strncmp(line, "auto ", 5) == 0 && line[5])
			cb(ctx, line + 5);
	}
	free(line);
	fclose(f);
	return 0;
}

struct genctx {
	long gen;
	int n;
};

static void count_gen(void *vctx, const char *rel)
{
	struct genctx *c = vctx;
	long g;
	if (sscanf(rel, "gen-%ld/", &g) == 1) {
		c->gen = g;
		c->n++;
	}
}

int fg_layout_read(const char *dir, long *gen, int *nshards)
{
	struct genctx c = {0, 0};
	each_line(dir, count_gen, &c);
	*gen = c.gen;
	*nshards = c.n;
	return c.n > 0;
}

struct pathsctx {
	const char *dir;
	char **paths;
	int max, n;
};

static void add_path(void *vctx, const char *rel)
{
	struct pathsctx *c = vctx;
	if (c->n == c->max)
		return;
	fg_buf p = {0};
	fg_buf_printf(&p, "%s/%s", c->dir, rel);
	c->paths[c->n++] = fg_buf_detach(&p);
}

fg_status fg_layout_shards(const char *dir, char **paths, int max, int *n, fg_err *err)
{
	struct pathsctx c = {dir, paths, max, 0};
	*n = 0;
	if (each_line(dir, add_path, &c) != 0)
		return fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no %s", dir, FG_LAYOUT_STUB);
	*n = c.n;
	return FG_OK;
}

static void sync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
}

fg_status fg_layout_write_stub(const char *dir, long gen, int nshards, fg_err *err)
{
	fg_buf tmp = {0}, path = {0};
	fg_buf_printf(&tmp, "%s/%s.tmp", dir, FG_LAYOUT_STUB);
	fg_layout_stub_path(&path, dir);
	fg_status st = FG_OK;
	FILE *f = fopen(tmp.data, "w");
	if (!f) {
		st = fg_err_set(err, FG_E_IO, "cannot write %s: %s", tmp.data, strerror(errno));
		goto done;
	}
	for (int k = 0; k < nshards; k++)
		fprintf(f, "auto gen-%06ld/s%d\n", gen, k);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp.data, path.data) != 0) {
		st = fg_err_set(err, FG_E_IO, "cannot write %s: %s", path.data, strerror(errno));
		unlink(tmp.data);
		goto done;
	}
	sync_dir(dir);
done:
	fg_buf_free(&tmp);
	fg_buf_free(&path);
	return st;
}

fg_status fg_layout_write_build_stub(const char *gendir, int nshards, const char *suffix, fg_buf *path,
				     fg_err *err)
{
	fg_buf_reset(path);
	fg_buf_printf(path, "%s/build.stub", gendir);
	FILE *f = fopen(path->data, "w");
	for (int k = 0; f && k < nshards; k++)
		fprintf(f, "auto s%d%s\n", k, suffix);
	if (!f || fclose(f) != 0)
		return fg_err_set(err, FG_E_IO, "cannot write %s: %s", path->data, strerror(errno));
	return FG_OK;
}

int fg_layout_has_remote(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	char *text = NULL;
	size_t len = 0;
	if (fg_read_file(path, 1 << 20, &text, &len, NULL) != FG_OK)
		return 1; /* unreadable: assume the worst, fall back to value lookups */
	int remote = 0;
	for (char *line = text; line && *line && !remote; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		while (*line == ' ' || *line == '\t')
			line++;
		remote = !strncmp(line, "remote", 6) && (line[6] == ' ' || line[6] == '\t');
	}
	free(text);
	return remote;
}

const char *fg_layout_gen_dir(fg_buf *out, const char *dir, long gen, int tmp)
{
	fg_buf_reset(out);
	fg_buf_printf(out, "%s/gen-%06ld%s", dir, gen, tmp ? ".tmp" : "");
	return out->data;
}

void fg_layout_clean(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		long g;
		char rest[16] = "";
		if (sscanf(e->d_name, "gen-%ld%15s", &g, rest) >= 1 && (g != keep || rest[0])) {
			fg_buf sub = {0};
			fg_buf_printf(&sub, "%s/%s", dir, e->d_name);
			fg_rm_rf(sub.data);
			fg_buf_free(&sub);
		}
	}
	closedir(d);
}

fg_status fg_layout_lock(const char *dir, int *fd, fg_err *err)
{
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/.lock", dir);
	*fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	fg_status st = FG_OK;
	if (*fd < 0) {
		st = fg_err_set(err, FG_E_IO, "cannot open %s: %s", path.data, strerror(errno));
	} else if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		st = fg_err_set(err, FG_E_LOCKED, "%s is being updated by another fagui-indexer", dir);
		close(*fd);
		*fd = -1;
	}
	fg_buf_free(&path);
	return st;
}

void fg_layout_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the descriptor releases the flock */
}
