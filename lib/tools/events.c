/*
 * events.c - dated status events (see versions.h): DIR/events.tsv read and
 * appended, and an event applied in place by rebuilding the document's
 * Xapian documents from the index's own stored data (record and units,
 * decoded with the record codec), so every term and value is derived
 * exactly as at indexing time, without the source files. fg_event_add
 * records one event; fg_versions_refresh applies them all again after a
 * build; both end with the validity pass (validity.c).
 */
#include "versions_int.h"
#include "record.h"
#include "terms.h"

#include "doc.h"
#include "index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- events.tsv ---- */

static void event_fin(fg_status_event *e)
{
	free(e->id);
	free(e->status);
	free(e->superseded_by);
	free(e->note);
	free(e->recorded);
	free(e->previous);
}

void fg_events_free(fg_status_event *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		event_fin(&v[i]);
	free(v);
}

static char *field(char **p)
{
	char *s = *p, *tab = strchr(s, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = s + strlen(s);
	}
	return fg_xstrdup(s);
}

/* Parse one line (columns: date id status superseded_by note recorded previous) into *ev; 0 when it is not an event. */
static int parse_event(char *line, fg_status_event *ev)
{
	char *p = line;
	char *date = field(&p);
	memset(ev, 0, sizeof *ev);
	snprintf(ev->date, sizeof ev->date, "%s", date);
	free(date);
	ev->id = field(&p);
	ev->status = field(&p);
	ev->superseded_by = field(&p);
	ev->note = field(&p);
	ev->recorded = field(&p);
	ev->previous = field(&p);
	if (*ev->id && fg_status_canon(ev->status))
		return 1;
	event_fin(ev);
	return 0;
}

fg_status fg_events_load(const char *dir, fg_status_event **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/events.tsv", dir);
	char *text = NULL;
	size_t len = 0;
	fg_err e = {0};
	fg_status st = fg_read_file(path.data, 64u << 20, &text, &len, &e);
	fg_buf_free(&path);
	if (st != FG_OK) {
		if (e.code == FG_E_IO && errno == ENOENT)
			return FG_OK;
		if (err)
			*err = e;
		return st;
	}
	fg_status_event *v = NULL;
	size_t nv = 0;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		fg_status_event ev;
		if (*line && *line != '#' && strncmp(line, "date\t", 5) != 0 && parse_event(line, &ev)) {
			v = fg_xrealloc(v, (nv + 1) * sizeof *v);
			v[nv++] = ev;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	*out = v;
	*n = nv;
	return FG_OK;
}

static void put_clean(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static fg_status events_append(const char *dir, const fg_status_event *ev, fg_err *err)
{
	fg_buf path = {0};
	fg_buf_printf(&path, "%s/events.tsv", dir);
	int fresh = access(path.data, F_OK) != 0;
	FILE *f = fopen(path.data, "a");
	if (!f) {
		fg_status st = fg_err_set(err, FG_E_IO, "cannot open %s: %s", path.data, strerror(errno));
		fg_buf_free(&path);
		return st;
	}
	if (fresh)
		fputs("date\tid\tstatus\tsuperseded_by\tnote\trecorded\tprevious\n", f);
	const char *cols[7] = {ev->date, ev->id, ev->status, ev->superseded_by, ev->note, ev->recorded, ev->previous};
	for (int i = 0; i < 7; i++) {
		put_clean(f, cols[i]);
		fputc(i == 6 ? '\n' : '\t', f);
	}
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	fg_status st = bad ? fg_err_set(err, FG_E_IO, "cannot write %s: %s", path.data, strerror(errno)) : FG_OK;
	fg_buf_free(&path);
	return st;
}

/* ---- applying an event: rebuild the document's Xapian documents from their stored data ---- */

/* What the index holds of one document, decoded. */
typedef struct stored {
	fg_docid recid; /* the record's docid in its shard */
	fg_record rec;
	char *by;          /* the record's superseded_by link, "" when none */
	fg_unitrec *units; /* by unit index */
	size_t nunits;
} stored;

static void stored_fin(stored *sd)
{
	fg_record_fin(&sd->rec);
	free(sd->by);
	for (size_t i = 0; i < sd->nunits; i++)
		fg_unitrec_fin(&sd->units[i]);
	free(sd->units);
}

static fg_status read_record(fg_xwdb *w, const char *id, stored *sd, fg_err *err)
{
	fg_buf t = {0};
	fg_term_record(&t, id);
	fg_status st = fg_xwdb_postings(w, t.data, t.len, fg_xdocid_first, &sd->recid, err);
	fg_buf_free(&t);
	if (st != FG_OK)
		return st;
	if (!sd->recid)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", id);
	fg_xdoc *rd = NULL;
	st = fg_xwdb_get_document(w, sd->recid, &rd, err);
	if (st != FG_OK)
		return st;
	size_t len;
	const char *data = fg_xdoc_get_data(rd, &len);
	if (fg_record_decode(data, len, &sd->rec, NULL) != FG_OK)
		st = fg_err_set(err, FG_E_INVAL, "document '%s' has no readable record", id);
	else
		sd->by = fg_record_superseded_by(data, len);
	fg_xdoc_free(rd);
	return st;
}

static int cmp_unitrec(const void *a, const void *b)
{
	int x = ((const fg_unitrec *)a)->index, y = ((const fg_unitrec *)b)->index;
	return (x > y) - (x < y);
}

/* The units of document id (every D<id> document but the record), in unit order; unreadable ones are skipped. */
static fg_status read_units(fg_xwdb *w, const char *id, stored *sd, fg_err *err)
{
	fg_buf t = {0};
	fg_term_doc(&t, id);
	fg_xdocids ids = {0};
	fg_status st = fg_xwdb_postings(w, t.data, t.len, fg_xdocids_collect, &ids, err);
	fg_buf_free(&t);
	sd->units = fg_xcalloc(ids.n + 1, sizeof *sd->units);
	for (size_t i = 0; st == FG_OK && i < ids.n; i++) {
		if (ids.v[i] == sd->recid)
			continue;
		fg_xdoc *u = NULL;
		st = fg_xwdb_get_document(w, ids.v[i], &u, err);
		if (st != FG_OK)
			break;
		size_t len;
		const char *data = fg_xdoc_get_data(u, &len);
		if (fg_unitrec_decode(data, len, &sd->units[sd->nunits], NULL) == FG_OK)
			sd->nunits++;
		fg_xdoc_free(u);
	}
	free(ids.v);
	qsort(sd->units, sd->nunits, sizeof *sd->units, cmp_unitrec);
	return st;
}

/*
 * The parsed document again, from what sd holds (moved out of it), with the
 * event's status; *previous (may be NULL) gets the status before it.
 */
static fg_doc *doc_of(stored *sd, const fg_status_event *ev, char **previous)
{
	fg_doc *d = fg_xcalloc(1, sizeof *d);
	d->meta = sd->rec.meta;
	memset(&sd->rec.meta, 0, sizeof sd->rec.meta);
	if (previous)
		*previous = fg_xstrdup(d->meta.status ? d->meta.status : "");
	free(d->meta.status);
	d->meta.status = fg_xstrdup(ev->status);
	d->units = fg_xcalloc(sd->nunits + 1, sizeof *d->units);
	for (size_t i = 0; i < sd->nunits; i++) {
		fg_article *a = &d->units[d->nunits++];
		*a = sd->units[i].unit;
		memset(&sd->units[i].unit, 0, sizeof sd->units[i].unit);
		int np = 1;
		for (const char *p = a->text; *p; p++)
			np += *p == '\n';
		a->nparas = np;
	}
	d->body = sd->rec.body;
	sd->rec.body = NULL;
	d->bodylen = strlen(d->body);
	d->format = sd->rec.format;
	d->encoding = sd->rec.encoding; /* borrowed: sd outlives d's use, fg_doc_free leaves it */
	return d;
}

/* The history: the stored lines (moved out of rec) plus this change, once. */
static void add_history(fg_doc *d, fg_record *rec, const fg_status_event *ev)
{
	fg_buf et = {0};
	fg_buf_printf(&et, "状态变更为%s", ev->status);
	if (*ev->superseded_by)
		fg_buf_printf(&et, "（由%s取代）", ev->superseded_by);
	if (*ev->note)
		fg_buf_printf(&et, "：%s", ev->note);
	d->events = fg_xcalloc(rec->nevents + 1, sizeof *d->events);
	int have = 0;
	for (size_t i = 0; i < rec->nevents; i++) {
		fg_event *x = &d->events[d->nevents++];
		*x = rec->events[i];
		have |= !strcmp(x->date, ev->date) && !strcmp(x->text, et.data);
	}
	rec->nevents = 0; /* the texts are d's now */
	if (!have) {
		fg_event *x = &d->events[d->nevents++];
		snprintf(x->date, sizeof x->date, "%s", ev->date);
		x->text = fg_buf_detach(&et);
	}
	fg_buf_free(&et);
}

/* Build d's Xapian documents and replace the stored ones; the record keeps its superseded_by link. */
static fg_status write_doc(fg_xwdb *w, const fg_keywords *kw, const fg_doc *d, const stored *sd,
			   const fg_status_event *ev, fg_err *err)
{
	fg_xdoc **units = NULL, *record = NULL;
	size_t nunits = 0;
	fg_index_build(d, kw, sd->rec.path, sd->rec.hash, &units, &nunits, &record);
	fg_status st = FG_OK;
	fg_buf t = {0};
	for (size_t i = 0; i < nunits; i++) {
		if (st == FG_OK) {
			fg_term_unit(&t, ev->id, (long)i);
			st = fg_xwdb_replace_document(w, t.data, t.len, units[i], err);
		}
		fg_xdoc_free(units[i]);
	}
	free(units);
	if (record && st == FG_OK) {
		const char *by = *ev->superseded_by ? ev->superseded_by : sd->by;
		if (*by)
			fg_vindex_set_superseded_by(record, by);
		fg_term_record(&t, ev->id);
		st = fg_xwdb_replace_document(w, t.data, t.len, record, err);
	}
	fg_buf_free(&t);
	fg_xdoc_free(record);
	return st;
}

/* Give document ev->id in shard w the event's status; *previous (may be NULL) gets the status it had. */
static fg_status apply_event(fg_xwdb *w, const fg_keywords *kw, const fg_status_event *ev, char **previous, fg_err *err)
{
	if (previous)
		*previous = NULL;
	stored sd;
	memset(&sd, 0, sizeof sd);
	fg_status st = read_record(w, ev->id, &sd, err);
	if (st == FG_OK)
		st = read_units(w, ev->id, &sd, err);
	if (st == FG_OK) {
		fg_doc *d = doc_of(&sd, ev, previous);
		add_history(d, &sd.rec, ev);
		st = write_doc(w, kw, d, &sd, ev, err);
		d->encoding = NULL;
		fg_doc_free(d);
	}
	stored_fin(&sd);
	return st;
}

/* ---- recording and refreshing ---- */

fg_status fg_versions_refresh(const char *dir, const fg_keywords *kw, size_t *napplied, fg_err *err)
{
	if (napplied)
		*napplied = 0;
	fg_status_event *ev = NULL;
	size_t nev = 0;
	fg_status st = fg_events_load(dir, &ev, &nev, err);
	if (st != FG_OK)
		return st;
	if (nev) {
		fg_shards sh;
		st = fg_shards_open(dir, &sh, err);
		fg_evindex *evid = fg_evindex_new(ev, nev);
		/* in date order, later records winning ties: the last status stands */
		for (size_t pass = 0; st == FG_OK && pass < nev; pass++) {
			const fg_status_event *e = &ev[pass];
			if (fg_evindex_latest(evid, e->id) != e)
				continue; /* only the latest event decides the status; earlier ones stay in the history
					   */
			int k = fg_shards_find(&sh, e->id);
			if (k < 0)
				continue; /* the document is no longer in the corpus */
			st = apply_event(sh.w[k], kw, e, NULL, err);
			if (st == FG_OK && napplied)
				(*napplied)++;
		}
		fg_evindex_free(evid);
		if (st == FG_OK)
			st = fg_shards_commit(&sh, err);
		fg_shards_close(&sh);
	}
	if (st == FG_OK)
		st = fg_validity_pass(dir, ev, nev, err);
	fg_events_free(ev, nev);
	return st;
}

/* Check ev and complete it: canonical status, "" for missing texts, recorded now. */
static fg_status check_event(fg_status_event *ev, fg_err *err)
{
	if (!fg_date_valid(ev->date))
		return fg_err_set(err, FG_E_INVAL, "bad date '%s': expected YYYY-MM-DD", ev->date);
	const char *canon = fg_status_canon(ev->status ? ev->status : "");
	if (!canon)
		return fg_err_set(err, FG_E_INVAL, "unknown status '%s' (现行有效, 尚未生效, 已修改, 已废止 or 失效)",
				  ev->status ? ev->status : "");
	if (!ev->id || !*ev->id || strlen(ev->id) > 200 || strpbrk(ev->id, "\t\n\r"))
		return fg_err_set(err, FG_E_INVAL, "bad document id");
	free(ev->status);
	ev->status = fg_xstrdup(canon);
	if (!ev->superseded_by)
		ev->superseded_by = fg_xstrdup("");
	if (!ev->note)
		ev->note = fg_xstrdup("");
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	free(ev->recorded);
	ev->recorded = fg_xstrdup(now);
	return FG_OK;
}

/* Apply ev in its shard, log it, commit. */
static fg_status record_event(const char *dir, const fg_keywords *kw, fg_status_event *ev, fg_err *err)
{
	fg_shards sh;
	fg_status st = fg_shards_open(dir, &sh, err);
	if (st != FG_OK)
		return st;
	int k = fg_shards_find(&sh, ev->id);
	if (k < 0) {
		fg_shards_close(&sh);
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", ev->id);
	}
	if (*ev->superseded_by && fg_shards_find(&sh, ev->superseded_by) < 0) {
		fg_shards_close(&sh);
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s' (--superseded-by)", ev->superseded_by);
	}
	char *prev = NULL;
	st = apply_event(sh.w[k], kw, ev, &prev, err);
	free(ev->previous);
	ev->previous = prev ? prev : fg_xstrdup("");
	/* the log first: a crash after it is repaired by the next refresh */
	if (st == FG_OK)
		st = events_append(dir, ev, err);
	if (st == FG_OK)
		st = fg_xwdb_commit(sh.w[k], err);
	fg_shards_close(&sh);
	return st;
}

fg_status fg_event_add(const char *dir, const fg_keywords *kw, fg_status_event *ev, fg_err *err)
{
	fg_status st = check_event(ev, err);
	if (st == FG_OK)
		st = record_event(dir, kw, ev, err);
	if (st != FG_OK)
		return st;
	fg_status_event *all = NULL;
	size_t nall = 0;
	st = fg_events_load(dir, &all, &nall, err);
	if (st == FG_OK)
		st = fg_validity_pass(dir, all, nall, err);
	fg_events_free(all, nall);
	return st;
}
