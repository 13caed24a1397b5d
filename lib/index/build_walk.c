/*
 * build_walk.c - what a build reads before it writes (build_int.h): the
 * catalogue (given, or catalogue.tsv at the root of a path) and the walk of
 * the corpus, which collects the Markdown and text files in name order,
 * follows symbolic links to directories once and records what it cannot
 * read as failed files.
 */
#include "build_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 64

/* ---- catalogue ---- */

fg_status fg_build_catalogue(struct brun *r, fg_catalogue **cat, fg_err *err)
{
	const fg_build_opts *o = r->o;
	*cat = NULL;
	fg_buf guess = {0};
	const char *path = o->catalogue;
	for (int i = 0; !path && i < o->npaths; i++) {
		fg_buf_reset(&guess);
		fg_buf_printf(&guess, "%s/catalogue.tsv", o->paths[i]);
		if (access(guess.data, R_OK) == 0)
			path = guess.data;
	}
	fg_status st = FG_OK;
	if (!path)
		goto done;
	st = fg_catalogue_load(path, cat, err);
	if (st != FG_OK)
		goto done;
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		st = fg_err_set(err, FG_E_IO, "cannot resolve %s: %s", path, strerror(errno));
		fg_catalogue_free(*cat);
		*cat = NULL;
		goto done;
	}
	*strrchr(real, '/') = '\0';
	r->catdir = fg_xstrdup(real[0] ? real : "/");
	r->cat = *cat;
done:
	fg_buf_free(&guess);
	return st;
}

const fg_meta *fg_build_catalogue_meta(struct brun *r, const char *abspath)
{
	if (!r->cat)
		return NULL;
	char real[PATH_MAX];
	if (!realpath(abspath, real))
		return NULL;
	size_t n = strlen(r->catdir);
	if (strncmp(real, r->catdir, n) != 0 || real[n] != '/')
		return NULL;
	return fg_catalogue_find(r->cat, real + n + 1);
}

/* ---- walking the corpus ---- */

static int wanted(const char *name)
{
	if (name[0] == '.')
		return 0;
	if (strncasecmp(name, "README", 6) == 0)
		return 0;
	const char *dot = strrchr(name, '.');
	if (!dot)
		return 0;
	return !strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") || !strcasecmp(dot, ".txt");
}

struct walk {
	struct brun *run;
	struct bfile *files;
	size_t n, cap;
	dev_t devs[MAX_DEPTH]; /* the directories being walked, to cut symbolic link loops */
	ino_t inos[MAX_DEPTH];
};

static void add_file(struct walk *w, const char *abspath, const char *relpath)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->files = fg_xrealloc(w->files, w->cap * sizeof *w->files);
	}
	struct bfile *f = &w->files[w->n++];
	memset(f, 0, sizeof *f);
	f->abspath = fg_xstrdup(abspath);
	f->relpath = fg_xstrdup(relpath);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of directory abs but . and .., sorted (*n of them; NULL with a failure recorded). */
static char **read_names(struct walk *w, const char *abs, size_t *n)
{
	*n = 0;
	DIR *d = opendir(abs);
	if (!d) {
		char msg[300];
		snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
		fg_build_fail(w->run, abs, msg, 0);
		return NULL;
	}
	char **names = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names = fg_xrealloc(names, (*n + 1) * sizeof *names);
		names[(*n)++] = fg_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof *names, cmp_name);
	return names;
}

static void walk_dir(struct walk *w, const char *abs, const char *rel, int depth);

/* One entry of a directory: a subdirectory is descended into (once), a wanted file added. */
static void walk_entry(struct walk *w, const char *abs, const char *rel, const char *name, int depth)
{
	struct stat st;
	if (stat(abs, &st) != 0) {
		char msg[300];
		snprintf(msg, sizeof msg, "cannot stat: %s", strerror(errno));
		fg_build_fail(w->run, abs, msg, 0);
	} else if (S_ISDIR(st.st_mode)) {
		int loop = 0;
		for (int k = 0; k < depth; k++)
			if (w->devs[k] == st.st_dev && w->inos[k] == st.st_ino)
				loop = 1;
		if (loop) {
			fg_build_fail(w->run, abs, "symbolic link loop: not descended", 0);
		} else if (name[0] != '.') {
			w->devs[depth] = st.st_dev;
			w->inos[depth] = st.st_ino;
			walk_dir(w, abs, rel, depth + 1);
		}
	} else if (S_ISREG(st.st_mode) && wanted(name)) {
		add_file(w, abs, rel);
	}
}

/* Recursive walk; symlinked directories are followed once (loops are cut by tracking device/inode of the stack). */
static void walk_dir(struct walk *w, const char *abs, const char *rel, int depth)
{
	if (depth >= MAX_DEPTH) {
		fg_build_fail(w->run, abs, "directory nesting deeper than 64 levels: not descended", 0);
		return;
	}
	size_t n;
	char **names = read_names(w, abs, &n);
	for (size_t i = 0; i < n; i++) {
		fg_buf a = {0}, r = {0};
		fg_buf_printf(&a, "%s/%s", abs, names[i]);
		if (*rel)
			fg_buf_printf(&r, "%s/%s", rel, names[i]);
		else
			fg_buf_puts(&r, names[i]);
		walk_entry(w, a.data, r.data, names[i], depth);
		fg_buf_free(&a);
		fg_buf_free(&r);
		free(names[i]);
	}
	free(names);
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct bfile *)a)->relpath, ((const struct bfile *)b)->relpath);
}

fg_status fg_build_walk(struct brun *r, fg_err *err)
{
	const fg_build_opts *o = r->o;
	struct walk w;
	memset(&w, 0, sizeof w);
	w.run = r;
	fg_status st = FG_OK;
	for (int i = 0; i < o->npaths && st == FG_OK; i++) {
		const char *p = o->paths[i];
		struct stat sb;
		if (stat(p, &sb) != 0) {
			st = fg_err_set(err, FG_E_IO, "cannot read %s: %s", p, strerror(errno));
		} else if (S_ISDIR(sb.st_mode)) {
			w.devs[0] = sb.st_dev;
			w.inos[0] = sb.st_ino;
			char *root = fg_xstrdup(p);
			size_t n = strlen(root);
			while (n > 1 && root[n - 1] == '/')
				root[--n] = '\0';
			walk_dir(&w, root, "", 1);
			free(root);
		} else {
			const char *base = strrchr(p, '/');
			add_file(&w, p, base ? base + 1 : p);
		}
	}
	r->files = w.files;
	r->nfiles = w.n;
	if (st != FG_OK)
		return st;
	qsort(r->files, r->nfiles, sizeof *r->files, cmp_file);
	for (size_t i = 1; i < r->nfiles; i++)
		if (!strcmp(r->files[i].relpath, r->files[i - 1].relpath))
			fg_build_fail(r, r->files[i].abspath, "same relative path as another file: later one ignored", 0);
	return FG_OK;
}
