/*
 * validity.c - the validity pass behind "as of" searches (see versions.h):
 * every record read once, the versions of each rule grouped (union-find over
 * rule names, supersedes and superseded_by, looked up through sorted keys),
 * each version's end = the earliest of its expiry, its repeal (the latest
 * status event, or a dated 废止/失效 history line of a repealed document)
 * and the next later start in its group, then FG_SLOT_VALID_TO rewritten on
 * the units and records whose end changed. Also the index of events by
 * document that decides which event stands (events.c).
 */
#include "versions_int.h"
#include "terms.h"

#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Strings with their index, sorted (by string, then index) for binary
 * search: the lookups of the validity pass and of status events, which
 * compared every pair before (quadratic: hours at 130,000 documents).
 */
struct skey {
	const char *s;
	size_t i;
};

static int cmp_skey(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first entry whose string is s (k[n] bounds the run), or n. */
static size_t skey_find(const struct skey *k, size_t n, const char *s)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(k[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(k[lo].s, s) ? lo : n;
}

/* ---- events by document ---- */

struct fg_evindex {
	const fg_status_event *ev;
	struct skey *k; /* the events sorted by document id, in file order within one id */
	size_t n;
};

fg_evindex *fg_evindex_new(const fg_status_event *ev, size_t n)
{
	fg_evindex *x = fg_xcalloc(1, sizeof *x);
	x->ev = ev;
	x->n = n;
	x->k = fg_xcalloc(n ? n : 1, sizeof *x->k);
	for (size_t i = 0; i < n; i++)
		x->k[i] = (struct skey){ev[i].id, i};
	qsort(x->k, n, sizeof *x->k, cmp_skey);
	return x;
}

void fg_evindex_free(fg_evindex *x)
{
	if (!x)
		return;
	free(x->k);
	free(x);
}

const fg_status_event *fg_evindex_latest(const fg_evindex *x, const char *id)
{
	const fg_status_event *best = NULL;
	for (size_t j = skey_find(x->k, x->n, id); j < x->n && !strcmp(x->k[j].s, id); j++) {
		const fg_status_event *e = &x->ev[x->k[j].i];
		if (!best || strcmp(e->date, best->date) >= 0)
			best = e;
	}
	return best;
}

/* ---- the versions and their ends ---- */

typedef struct vrec {
	char *id;
	char *rule; /* rule name of the title */
	char *supersedes;
	char *by;       /* superseded_by */
	char from[9];   /* effective (or published) YYYYMMDD */
	char end[9];    /* computed first day not in force, "" for open */
	char stored[9]; /* VALID_TO stored now */
	int group;
} vrec;

static int find_group(vrec *v, int i)
{
	while (v[i].group != i) {
		v[i].group = v[v[i].group].group;
		i = v[i].group;
	}
	return i;
}

static void unite(vrec *v, int a, int b)
{
	a = find_group(v, a);
	b = find_group(v, b);
	if (a != b)
		v[a > b ? a : b].group = a < b ? a : b;
}

static void set_end(vrec *r, const char *cand)
{
	if (cand && *cand && (!r->end[0] || strcmp(cand, r->end) < 0))
		snprintf(r->end, sizeof r->end, "%s", cand);
}

static const char *str(const char *s)
{
	return s ? s : "";
}

/* Unites i with every record whose string in k (sorted) is s; s "" links nothing. */
static void unite_with(vrec *v, const struct skey *k, size_t n, const char *s, int i)
{
	if (!s || !*s)
		return;
	for (size_t j = skey_find(k, n, s); j < n && !strcmp(k[j].s, s); j++)
		unite(v, i, (int)k[j].i);
}

static int not_in_force(const char *status)
{
	return status && (!strcmp(status, FG_STATUS_REPEALED) || !strcmp(status, FG_STATUS_INVALID) ||
			  !strcmp(status, FG_STATUS_AMENDED));
}

/* Lower r's end to date (YYYY-MM-DD) as YYYYMMDD. */
static void end_on(vrec *r, const char *date)
{
	char c[9];
	fg_date_compact(date, c);
	set_end(r, c);
}

/* The ends known from one record alone: expiry, repeal by the latest event or by a history line. */
static void record_ends(vrec *r, const fg_record *rec, const fg_evindex *evid)
{
	char next[11];
	if (fg_date_add(str(rec->meta.expires), 0, 1, next))
		end_on(r, next);
	const fg_status_event *e = fg_evindex_latest(evid, r->id);
	const char *status = str(rec->meta.status);
	if (e && not_in_force(e->status)) {
		end_on(r, e->date);
	} else if (!e && (!strcmp(status, FG_STATUS_REPEALED) || !strcmp(status, FG_STATUS_INVALID))) {
		for (size_t k = 0; k < rec->nevents; k++)
			if (strstr(rec->events[k].text, "废止") || strstr(rec->events[k].text, "失效"))
				end_on(r, rec->events[k].date);
	}
	if (e && *e->superseded_by) {
		free(r->by);
		r->by = fg_xstrdup(e->superseded_by);
	}
}

/* r from record document d (its group itself); 0 when d holds no record. */
static int read_vrec(vrec *r, fg_xdoc *d, const fg_evindex *evid)
{
	size_t len;
	const char *data = fg_xdoc_get_data(d, &len);
	fg_record rec;
	if (fg_record_decode(data, len, &rec, NULL) != FG_OK)
		return 0;
	r->id = fg_xstrdup(str(rec.meta.id));
	r->rule = fg_rule_name(str(rec.meta.title));
	r->supersedes = fg_xstrdup(str(rec.meta.supersedes));
	r->by = fg_record_superseded_by(data, len);
	fg_date_compact(rec.meta.effective && *rec.meta.effective ? rec.meta.effective : rec.meta.published, r->from);
	size_t vl;
	const char *sv = fg_xdoc_get_value(d, FG_SLOT_VALID_TO, &vl);
	snprintf(r->stored, sizeof r->stored, "%.*s", (int)(vl < 8 ? vl : 8), sv);
	record_ends(r, &rec, evid);
	fg_record_fin(&rec);
	return 1;
}

static void free_vrecs(vrec *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		free(v[i].id);
		free(v[i].rule);
		free(v[i].supersedes);
		free(v[i].by);
	}
	free(v);
}

/* Every record of the index in dir, with the ends it knows alone. */
static fg_status read_vrecs(const char *dir, const fg_status_event *ev, size_t nev, vrec **out, size_t *nout,
			    fg_err *err)
{
	fg_buf stub = {0};
	fg_layout_stub_path(&stub, dir);
	fg_xdb *db = NULL;
	fg_status st = fg_xdb_open(stub.data, &db, err);
	fg_buf_free(&stub);
	if (st != FG_OK)
		return st;
	fg_xdocids recs = {0};
	st = fg_xdb_postings(db, FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), fg_xdocids_collect, &recs, err);
	fg_evindex *evid = fg_evindex_new(ev, nev);
	vrec *v = fg_xcalloc(recs.n + 1, sizeof *v);
	size_t nv = 0;
	for (size_t i = 0; st == FG_OK && i < recs.n; i++) {
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, recs.v[i], &d, err) != FG_OK)
			continue;
		if (read_vrec(&v[nv], d, evid)) {
			v[nv].group = (int)nv;
			nv++;
		}
		fg_xdoc_free(d);
	}
	free(recs.v);
	fg_evindex_free(evid);
	fg_xdb_close(db);
	*out = v;
	*nout = nv;
	return st;
}

/*
 * The versions: one group per rule name, joined by supersedes (an id or a
 * title) and superseded_by (an id), in either direction.
 */
static void group_versions(vrec *v, size_t nv)
{
	struct skey *byid = fg_xcalloc(nv ? nv : 1, sizeof *byid), *byrule = fg_xcalloc(nv ? nv : 1, sizeof *byrule);
	size_t nrule = 0;
	for (size_t i = 0; i < nv; i++) {
		byid[i] = (struct skey){v[i].id, i};
		if (*v[i].rule)
			byrule[nrule++] = (struct skey){v[i].rule, i};
	}
	qsort(byid, nv, sizeof *byid, cmp_skey);
	qsort(byrule, nrule, sizeof *byrule, cmp_skey);
	for (size_t j = 1; j < nrule; j++)
		if (!strcmp(byrule[j - 1].s, byrule[j].s))
			unite(v, (int)byrule[j - 1].i, (int)byrule[j].i);
	for (size_t i = 0; i < nv; i++) {
		unite_with(v, byid, nv, v[i].supersedes, (int)i);
		unite_with(v, byid, nv, v[i].by, (int)i);
		if (*v[i].supersedes) {
			char *r = fg_rule_name(v[i].supersedes);
			unite_with(v, byrule, nrule, r, (int)i);
			free(r);
		}
	}
	free(byid);
	free(byrule);
}

struct gfrom {
	int g;
	const char *from;
	size_t i;
};

static int cmp_gfrom(const void *a, const void *b)
{
	const struct gfrom *x = a, *y = b;
	if (x->g != y->g)
		return (x->g > y->g) - (x->g < y->g);
	int c = strcmp(x->from, y->from);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* A version is in force until the next later start in its group. */
static void end_at_next_start(vrec *v, size_t nv)
{
	struct gfrom *gf = fg_xcalloc(nv ? nv : 1, sizeof *gf);
	size_t ng = 0;
	for (size_t i = 0; i < nv; i++)
		if (v[i].from[0])
			gf[ng++] = (struct gfrom){find_group(v, (int)i), v[i].from, i};
	qsort(gf, ng, sizeof *gf, cmp_gfrom);
	for (size_t a = 0; a < ng;) {
		size_t b = a; /* [a, b): one group and one start date */
		while (b < ng && gf[b].g == gf[a].g && !strcmp(gf[b].from, gf[a].from))
			b++;
		if (b < ng && gf[b].g == gf[a].g)
			for (size_t k = a; k < b; k++)
				set_end(&v[gf[k].i], gf[b].from);
		a = b;
	}
	free(gf);
}

/* ---- writing the values ---- */

/* The unique term of a stored document of id: its unit term, or R<id> for the record. */
static void stored_term(fg_buf *t, const char *id, const char *data, size_t len)
{
	fg_unitrec u;
	if (fg_unitrec_decode(data, len, &u, NULL) == FG_OK)
		fg_term_unit(t, id, u.index);
	else
		fg_term_record(t, id);
	fg_unitrec_fin(&u);
}

/* Set FG_SLOT_VALID_TO of every unit and the record of r->id in shard w to r->end. */
static fg_status write_end(fg_xwdb *w, const vrec *r, fg_err *err)
{
	fg_buf t = {0};
	fg_term_doc(&t, r->id);
	fg_xdocids ids = {0};
	fg_status st = fg_xwdb_postings(w, t.data, t.len, fg_xdocids_collect, &ids, err);
	for (size_t u = 0; st == FG_OK && u < ids.n; u++) {
		fg_xdoc *d = NULL;
		st = fg_xwdb_get_document(w, ids.v[u], &d, err);
		if (st != FG_OK)
			break;
		size_t len;
		const char *data = fg_xdoc_get_data(d, &len);
		stored_term(&t, r->id, data, len);
		fg_xdoc_add_value(d, FG_SLOT_VALID_TO, r->end, strlen(r->end));
		st = fg_xwdb_replace_document(w, t.data, t.len, d, err);
		fg_xdoc_free(d);
	}
	free(ids.v);
	fg_buf_free(&t);
	return st;
}

/* Write the ends that differ from the stored values. */
static fg_status write_ends(const char *dir, const vrec *v, size_t nv, fg_err *err)
{
	fg_shards sh;
	fg_status st = fg_shards_open(dir, &sh, err);
	for (size_t i = 0; st == FG_OK && i < nv; i++) {
		if (!strcmp(v[i].end, v[i].stored))
			continue;
		int k = fg_shards_find(&sh, v[i].id);
		if (k >= 0)
			st = write_end(sh.w[k], &v[i], err);
	}
	if (st == FG_OK)
		st = fg_shards_commit(&sh, err);
	fg_shards_close(&sh);
	return st;
}

fg_status fg_validity_pass(const char *dir, const fg_status_event *ev, size_t nev, fg_err *err)
{
	vrec *v = NULL;
	size_t nv = 0;
	fg_status st = read_vrecs(dir, ev, nev, &v, &nv, err);
	if (st == FG_OK) {
		group_versions(v, nv);
		end_at_next_start(v, nv);
		st = write_ends(dir, v, nv, err);
	}
	free_vrecs(v, nv);
	return st;
}
