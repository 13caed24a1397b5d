/*
 * files.c - the file system helpers every program shares: removing a
 * directory tree, and the one finder of the data files installed beside the
 * programs (data/, stopwords/, static/), in the build tree or under
 * PREFIX/share/fagui.
 */
#include "base.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fg_rm_rf(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		fg_buf sub = {0};
		fg_buf_printf(&sub, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(sub.data, &st) == 0 && S_ISDIR(st.st_mode))
			fg_rm_rf(sub.data);
		else
			unlink(sub.data);
		fg_buf_free(&sub);
	}
	closedir(d);
	rmdir(path);
}

/* dir/name into a new string when it is readable, else NULL. */
static char *readable(const char *dir, const char *sub, const char *name)
{
	fg_buf p = {0};
	fg_buf_printf(&p, "%s/%s/%s", dir, sub, name);
	if (access(p.data, R_OK) == 0)
		return fg_buf_detach(&p);
	fg_buf_free(&p);
	return NULL;
}

/* Where each kind of data lives in the source tree (next to bin/ or two levels up from build-asan/bin/). */
static const char *tree_dir(const char *kind)
{
	return !strcmp(kind, "static") ? "searchd/static" : kind;
}

char *fg_find_data(const char *kind, const char *name)
{
	const char *env = getenv("FAGUI_DATA");
	if (env && *env && !strcmp(kind, "data")) {
		char *p = readable(env, ".", name);
		if (p)
			return p;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	const char *const rel[] = {"..", "../..", NULL};
	char *p = NULL;
	fg_buf sub = {0};
	for (size_t i = 0; rel[i] && !p; i++) {
		fg_buf_reset(&sub);
		fg_buf_printf(&sub, "%s/%s", rel[i], tree_dir(kind));
		p = readable(exe, sub.data, name);
	}
	if (!p) {
		fg_buf_reset(&sub);
		fg_buf_printf(&sub, "../share/fagui/%s", kind);
		p = readable(exe, sub.data, name);
	}
	fg_buf_free(&sub);
	return p;
}

char *fg_data_path(const char *name)
{
	return fg_find_data("data", name);
}
