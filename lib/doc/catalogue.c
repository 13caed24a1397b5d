/*
 * catalogue.c - the catalogue TSV beside a corpus: one row of metadata per
 * file, looked up by normalized relative path through a hash table, with
 * statuses derived from versions (the newest in-force version of a rule is
 * current, older ones are superseded) unless a status column says otherwise.
 */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct entry {
	char *path;     /* normalized relative path */
	fg_meta meta;   /* row metadata */
	int has_status; /* an explicit status column was given */
} entry;

struct fg_catalogue {
	entry *v;
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1, 0 = empty */
	size_t nslots;
	size_t skipped;
};

/* "./a//b/./c.md" -> "a/b/c.md"; backslashes become slashes. Caller frees. */
static char *norm_path(const char *s, size_t len)
{
	fg_buf b = {0};
	fg_buf_put(&b, "", 0);
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '/' && s[e] != '\\')
			e++;
		size_t seg = e - i;
		if (seg == 0 || (seg == 1 && s[i] == '.')) {
			/* skip empty and "." components */
		} else if (seg == 2 && s[i] == '.' && s[i + 1] == '.') {
			/* ".." drops the previous component */
			char *slash = b.len ? strrchr(b.data, '/') : NULL;
			b.len = slash ? (size_t)(slash - b.data) : 0;
			b.data[b.len] = '\0';
		} else {
			if (b.len)
				fg_buf_putc(&b, '/');
			fg_buf_put(&b, s + i, seg);
		}
		i = e + 1;
	}
	return fg_buf_detach(&b);
}

static size_t slot_of(const fg_catalogue *c, const char *path)
{
	uint64_t h = fg_hash64(path, strlen(path));
	size_t mask = c->nslots - 1, i = (size_t)h & mask;
	while (c->slots[i] && strcmp(c->v[c->slots[i] - 1].path, path))
		i = (i + 1) & mask;
	return i;
}

static void rehash(fg_catalogue *c)
{
	free(c->slots);
	c->nslots = 16;
	while (c->nslots < c->n * 2 + 2)
		c->nslots *= 2;
	c->slots = fg_xcalloc(c->nslots, sizeof *c->slots);
	for (size_t i = 0; i < c->n; i++)
		c->slots[slot_of(c, c->v[i].path)] = i + 1;
}

/* Split one line into fields at tabs; returns the count (at most max). */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		char *t = strchr(p, '\t');
		if (n < max)
			f[n] = p;
		n++;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static int newer(const fg_meta *a, const fg_meta *b)
{
	const char *pa = a->published ? a->published : "", *pb = b->published ? b->published : "";
	int c = strcmp(pa, pb);
	if (c)
		return c > 0;
	return a->version > b->version;
}

static int pending(const fg_meta *m, const char *today)
{
	return (m->published && strcmp(m->published, today) > 0) || (m->effective && strcmp(m->effective, today) > 0);
}

static const char *title_of(const entry *e)
{
	return e->meta.title ? e->meta.title : "";
}

static int cmp_by_title(const void *a, const void *b, void *ctx)
{
	const entry *v = ctx;
	const entry *x = &v[*(const size_t *)a], *y = &v[*(const size_t *)b];
	return strcmp(title_of(x), title_of(y));
}

/* Derive statuses within groups of rows with the same name. */
static void derive_status(fg_catalogue *c)
{
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);

	size_t *order = fg_xmalloc((c->n ? c->n : 1) * sizeof *order);
	for (size_t i = 0; i < c->n; i++)
		order[i] = i;
	qsort_r(order, c->n, sizeof *order, cmp_by_title, c->v);
	for (size_t g = 0; g < c->n;) {
		size_t end = g + 1;
		while (end < c->n && !strcmp(title_of(&c->v[order[g]]), title_of(&c->v[order[end]])))
			end++;
		/* the current version: newest that is neither expired nor pending */
		entry *cur = NULL;
		for (size_t k = g; k < end; k++) {
			entry *e = &c->v[order[k]];
			if (!e->meta.expired && !pending(&e->meta, today) && (!cur || newer(&e->meta, &cur->meta)))
				cur = e;
		}
		for (size_t k = g; k < end; k++) {
			entry *e = &c->v[order[k]];
			if (e->has_status)
				continue;
			int has_newer = 0;
			for (size_t j = g; j < end && !has_newer; j++)
				if (j != k && newer(&c->v[order[j]].meta, &e->meta) && !pending(&c->v[order[j]].meta, today))
					has_newer = 1;
			const char *st;
			if (e == cur)
				st = FG_STATUS_IN_FORCE;
			else if (pending(&e->meta, today))
				st = FG_STATUS_PENDING;
			else if (has_newer)
				st = FG_STATUS_AMENDED;
			else if (e->meta.expired)
				st = FG_STATUS_INVALID;
			else
				st = FG_STATUS_IN_FORCE;
			free(e->meta.status);
			e->meta.status = fg_xstrdup(st);
		}
		g = end;
	}
	free(order);
}

fg_status fg_catalogue_load(const char *path, fg_catalogue **out, fg_err *err)
{
	*out = NULL;
	char *data = NULL;
	size_t len = 0;
	fg_err e = {0};
	if (fg_read_file(path, 0, &data, &len, &e) != FG_OK)
		return fg_err_set(err, e.code, "%s", e.msg);

	fg_catalogue *c = fg_xcalloc(1, sizeof *c);
	char *cols[64];
	size_t ncols = 0;
	int path_col = -1;
	char *p = data, *endp = data + len;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	int header = 1;
	while (p < endp) {
		char *nl = memchr(p, '\n', (size_t)(endp - p));
		char *line = p;
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(endp - p);
		p = nl ? nl + 1 : endp;
		if (ll && line[ll - 1] == '\r')
			ll--;
		line[ll] = '\0';
		if (ll == 0 || memchr(line, '\0', ll))
			continue;
		if (header) {
			header = 0;
			ncols = split_tabs(line, cols, 64);
			if (ncols > 64)
				ncols = 64;
			for (size_t i = 0; i < ncols; i++)
				if (!strcmp(cols[i], "path"))
					path_col = (int)i;
			if (path_col < 0) {
				free(data);
				fg_catalogue_free(c);
				return fg_err_set(err, FG_E_INVAL, "%s: no 'path' column in the header", path);
			}
			continue;
		}
		char *f[64];
		size_t nf = split_tabs(line, f, 64);
		if (nf != ncols || !*f[path_col]) {
			c->skipped++;
			continue;
		}
		entry en = {0};
		en.path = norm_path(f[path_col], strlen(f[path_col]));
		int bad = 0;
		for (size_t i = 0; i < ncols; i++) {
			if ((int)i == path_col || !*f[i])
				continue;
			if (!strcmp(cols[i], "status")) {
				const char *st = fg_status_canon(f[i]);
				if (!st) {
					bad = 1;
					break;
				}
				en.has_status = 1;
			}
			fg_meta_set(&en.meta, cols[i], f[i], strlen(f[i]));
		}
		if (bad || !*en.path || (c->nslots && c->slots[slot_of(c, en.path)])) {
			/* unknown status or a path listed twice */
			free(en.path);
			fg_meta_fin(&en.meta);
			c->skipped++;
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->v = fg_xrealloc(c->v, c->cap * sizeof *c->v);
		}
		c->v[c->n++] = en;
		if (c->n * 2 >= c->nslots)
			rehash(c);
		else
			c->slots[slot_of(c, en.path)] = c->n;
	}
	free(data);
	if (header) {
		fg_catalogue_free(c);
		return fg_err_set(err, FG_E_INVAL, "%s: empty catalogue (no header)", path);
	}
	if (c->n == 0 && c->skipped) {
		size_t sk = c->skipped;
		fg_catalogue_free(c);
		return fg_err_set(err, FG_E_INVAL, "%s: no valid rows (%zu malformed)", path, sk);
	}
	if (!c->nslots)
		rehash(c);
	derive_status(c);
	*out = c;
	return FG_OK;
}

void fg_catalogue_free(fg_catalogue *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].path);
		fg_meta_fin(&c->v[i].meta);
	}
	free(c->v);
	free(c->slots);
	free(c);
}

size_t fg_catalogue_count(const fg_catalogue *c)
{
	return c ? c->n : 0;
}

const fg_meta *fg_catalogue_find(const fg_catalogue *c, const char *relpath)
{
	if (!c || !relpath || !c->nslots)
		return NULL;
	char *p = norm_path(relpath, strlen(relpath));
	size_t s = c->slots[slot_of(c, p)];
	free(p);
	return s ? &c->v[s - 1].meta : NULL;
}

const char *fg_catalogue_path(const fg_catalogue *c, size_t i)
{
	return c && i < c->n ? c->v[i].path : NULL;
}

const fg_meta *fg_catalogue_meta(const fg_catalogue *c, size_t i)
{
	return c && i < c->n ? &c->v[i].meta : NULL;
}

size_t fg_catalogue_skipped(const fg_catalogue *c)
{
	return c ? c->skipped : 0;
}
