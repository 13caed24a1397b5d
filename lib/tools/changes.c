/*
 * changes.c - the change log (see versions.h and changes.h): the status
 * events newest first, each with the title of its document, as the JSON of
 * /api/changes and the `changes` report, as the Atom feed /changes.atom
 * (dated, when it has no entry, by the last write of the index), and as a
 * window of changes for the page /changes.
 */
#include "changes.h"
#include "versions_int.h"
#include "json.h"

#include "layout.h"
#include "searcher.h"
#include "text.h"

#include <json-c/json.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int cmp_event_desc(const void *a, const void *b)
{
	const fg_status_event *x = *(const fg_status_event *const *)a, *y = *(const fg_status_event *const *)b;
	int c = strcmp(y->date, x->date);
	return c ? c : strcmp(y->recorded, x->recorded);
}

static const fg_status_event **sorted_events(const fg_status_event *ev, size_t n)
{
	const fg_status_event **v = fg_xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = &ev[n - 1 - i]; /* later records first among equal keys */
	qsort(v, n, sizeof *v, cmp_event_desc);
	return v;
}

/* The title of document id, "" when it cannot be read. Caller frees. */
static char *title_of(fg_searcher *s, const char *id)
{
	fg_record r;
	char *t = NULL;
	if (fg_vindex_record(fg_searcher_db(s), id, &r, NULL, NULL) == FG_OK && r.meta.title)
		t = fg_xstrdup(r.meta.title);
	fg_record_fin(&r);
	return t ? t : fg_xstrdup("");
}

char *fg_changes_json(fg_searcher *s, const fg_status_event *ev, size_t n)
{
	const fg_status_event **v = sorted_events(ev, n);
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *x = json_object_new_object();
		char *title = title_of(s, v[i]->id);
		fg_json_put(x, "date", v[i]->date);
		fg_json_put(x, "id", v[i]->id);
		fg_json_put(x, "title", title);
		fg_json_put(x, "status", v[i]->status);
		fg_json_put(x, "previous", v[i]->previous);
		fg_json_put(x, "superseded_by", v[i]->superseded_by);
		fg_json_put(x, "note", v[i]->note);
		fg_json_put(x, "recorded", v[i]->recorded);
		fg_buf u = {0};
		fg_buf_puts(&u, "/doc/");
		fg_buf_put_urlpart(&u, v[i]->id);
		fg_json_put(x, "url", u.data);
		fg_buf_free(&u);
		free(title);
		json_object_array_add(arr, x);
	}
	json_object_object_add(o, "changes", arr);
	free(v);
	char *out =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

static void xml(fg_buf *b, const char *s)
{
	size_t n;
	char *clean = fg_utf8_sanitize(s ? s : "", s ? strlen(s) : 0, &n, NULL, NULL);
	fg_buf_put_html(b, clean, n);
	free(clean);
}

/* One <entry> of the feed: event e of document title (or its id). */
static void atom_entry(fg_buf *b, const fg_status_event *e, const char *title, const char *base)
{
	fg_buf u = {0};
	fg_buf_put_urlpart(&u, e->id);
	fg_buf_puts(b, "<entry>\n<title>");
	xml(b, *title ? title : e->id);
	fg_buf_puts(b, "：");
	xml(b, e->status);
	fg_buf_puts(b, "</title>\n<id>");
	xml(b, base);
	fg_buf_printf(b, "/changes/%s/%s/", u.data, e->date);
	xml(b, e->recorded);
	fg_buf_puts(b, "</id>\n<link href=\"");
	xml(b, base);
	fg_buf_printf(b, "/doc/%s\"/>\n<updated>", u.data);
	xml(b, e->recorded);
	fg_buf_puts(b, "</updated>\n<summary>");
	xml(b, e->date);
	fg_buf_puts(b, " 起");
	if (*e->previous) {
		fg_buf_puts(b, "由");
		xml(b, e->previous);
	}
	fg_buf_puts(b, "变更为");
	xml(b, e->status);
	if (*e->superseded_by) {
		fg_buf_puts(b, "，由");
		xml(b, e->superseded_by);
		fg_buf_puts(b, "取代");
	}
	if (*e->note) {
		fg_buf_puts(b, "。");
		xml(b, e->note);
	}
	fg_buf_puts(b, "</summary>\n</entry>\n");
	fg_buf_free(&u);
}

char *fg_changes_atom(fg_searcher *s, const fg_status_event *ev, size_t n, const char *base)
{
	const fg_status_event **v = sorted_events(ev, n);
	char built[21];
	const char *updated = "";
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].recorded, updated) > 0)
			updated = ev[i].recorded;
	if (!*updated) { /* no events (or none with a time): the feed is as new as the index */
		fg_index_updated(s, built);
		updated = built;
	}
	fg_buf b = {0};
	fg_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
			"<title>法规时效性变更</title>\n<id>");
	xml(&b, base);
	fg_buf_puts(&b, "/changes.atom</id>\n<link rel=\"self\" href=\"");
	xml(&b, base);
	fg_buf_puts(&b, "/changes.atom\"/>\n<link rel=\"alternate\" type=\"application/json\" href=\"");
	xml(&b, base);
	fg_buf_puts(&b, "/api/changes\"/>\n<updated>");
	xml(&b, updated);
	fg_buf_puts(&b, "</updated>\n<author><name>Fagui</name></author>\n");
	for (size_t i = 0; i < n; i++) {
		char *title = title_of(s, v[i]->id);
		atom_entry(&b, v[i], title, base);
		free(title);
	}
	fg_buf_puts(&b, "</feed>\n");
	free(v);
	return fg_buf_detach(&b);
}

/* ---- the page's window, and the index's last write ---- */

fg_logentry *fg_changes_window(fg_searcher *s, const fg_status_event *ev, size_t n, size_t offset, size_t limit,
			     size_t *count)
{
	const fg_status_event **v = sorted_events(ev, n);
	size_t from = offset < n ? offset : n;
	size_t k = n - from < limit ? n - from : limit;
	fg_logentry *c = fg_xcalloc(k ? k : 1, sizeof *c);
	for (size_t i = 0; i < k; i++) {
		c[i].ev = v[from + i];
		c[i].title = title_of(s, v[from + i]->id);
		c[i].by_title = *v[from + i]->superseded_by ? title_of(s, v[from + i]->superseded_by) : fg_xstrdup("");
	}
	free(v);
	*count = k;
	return c;
}

void fg_changes_free(fg_logentry *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].title);
		free(c[i].by_title);
	}
	free(c);
}

/* The newer of *t and the modification time of path, or of path/iamglass (a database's version file) when there is one. */
static void newer_mtime(const char *path, time_t *t)
{
	struct stat st;
	fg_buf b = {0};
	fg_buf_printf(&b, "%s/iamglass", path);
	if (stat(b.data, &st) == 0 || stat(path, &st) == 0) {
		if (st.st_mtime > *t)
			*t = st.st_mtime;
	}
	fg_buf_free(&b);
}

int fg_index_updated(fg_searcher *s, char out[21])
{
	time_t t = 0;
	newer_mtime(s->path, &t);
	if (s->is_stub_dir) {
		char *copy = fg_xstrdup(s->path);
		char *paths[FG_LAYOUT_MAX_SHARDS];
		int n = 0;
		if (fg_layout_shards(dirname(copy), paths, FG_LAYOUT_MAX_SHARDS, &n, NULL) == FG_OK) {
			for (int i = 0; i < n; i++) {
				newer_mtime(paths[i], &t);
				free(paths[i]);
			}
		}
		free(copy);
	}
	int rc = t ? 0 : -1;
	if (!t)
		t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return rc;
}
