/*
 * build_file.c - the writer side of a build (build_int.h): one thread per
 * shard deletes the files gone from the corpus, then reads, parses and
 * indexes its new and changed files (catalogue metadata merged, status and
 * id filled in, ids over FG_ID_MAX refused) and records each file's hash in
 * the shard's metadata ("f:<relpath>" -> "<hash> <id> <units>"), which the
 * next update compares against.
 */
#include "calendar.h"
#include "build_int.h"
#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A library message naming the file first ("path: reason"): the reason alone, since the report names the path. */
static const char *reason_of(const char *path, const char *msg)
{
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? fg_xstrdup(v) : NULL;
}

static const char *base_name(const char *relpath)
{
	const char *base = strrchr(relpath, '/');
	return base ? base + 1 : relpath;
}

/*
 * No unified number given: derive one from the title and date
 * (fg_doc_make_id) and the file's base name, so that two copies of one text
 * (a UTF-8 and a GB18030 file) get distinct ids that still survive
 * re-indexing and moving the file to another directory.
 */
static void derive_id(const struct bfile *f, fg_meta *m)
{
	char *base_id = fg_doc_make_id(m);
	fg_buf b = {0};
	fg_buf_printf(&b, "%s|%s", base_id, base_name(f->relpath));
	char id[16];
	snprintf(id, sizeof id, "%012llx", (unsigned long long)(fg_hash64(b.data, b.len) & 0xffffffffffffULL));
	fg_buf_free(&b);
	free(base_id);
	set_str(&m->id, id);
}

/* Fill in what neither the text nor the catalogue said. */
static void finish_meta(const struct brun *r, const struct bfile *f, fg_meta *m)
{
	if (!m->title || !*m->title) {
		const char *base = base_name(f->relpath);
		const char *dot = strrchr(base, '.');
		set_str(&m->title, NULL);
		m->title = fg_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	}
	if (m->level)
		set_str(&m->level, fg_level_canon(m->level));
	if (m->status)
		set_str(&m->status, fg_status_canon(m->status));
	if (!m->status) {
		if (m->expired)
			set_str(&m->status, FG_STATUS_INVALID);
		else if (m->expires && strcmp(m->expires, r->today) < 0)
			set_str(&m->status, FG_STATUS_INVALID);
		else if (m->effective && strcmp(m->effective, r->today) > 0)
			set_str(&m->status, FG_STATUS_PENDING);
		else
			set_str(&m->status, FG_STATUS_IN_FORCE);
	}
	if (!m->id || !*m->id)
		derive_id(f, m);
}

/*
 * The catalogue supplies or overrides metadata, but the title stays the one
 * written in the document (catalogue names are often short or qualified,
 * e.g. 民法典 合同编 for a file titled 中华人民共和国民法典); the catalogue
 * name still keys the stable id, so the parts of one title get distinct ids.
 */
static void merge_meta(struct brun *r, const struct bfile *f, fg_doc *d)
{
	const fg_meta *cm = fg_build_catalogue_meta(r, f->abspath);
	char *own_title = d->meta.title && *d->meta.title ? fg_xstrdup(d->meta.title) : NULL;
	if (cm)
		fg_meta_merge(&d->meta, cm);
	finish_meta(r, f, &d->meta);
	if (own_title) {
		if (cm && cm->title && strcmp(cm->title, own_title) != 0)
			set_str(&d->meta.name, cm->title);
		free(d->meta.title);
		d->meta.title = own_title;
	}
}

/* Read and parse a file into *d (its hash into f->hash); NULL with a failure recorded. */
static fg_doc *load_file(struct brun *r, struct bfile *f)
{
	char *bytes = NULL;
	size_t len = 0;
	fg_err ferr = {0};
	if (fg_read_file(f->abspath, FG_BUILD_MAX_FILE_BYTES, &bytes, &len, &ferr) != FG_OK) {
		fg_build_fail(r, f->abspath, reason_of(f->abspath, ferr.msg), 0);
		return NULL;
	}
	snprintf(f->hash, sizeof f->hash, "%016llx", (unsigned long long)fg_hash64(bytes, len));
	fg_doc *d = NULL;
	fg_status st = fg_doc_parse(f->abspath, bytes, len, FG_FMT_AUTO, &d, &ferr);
	free(bytes);
	if (st != FG_OK) {
		fg_build_fail(r, f->abspath, reason_of(f->abspath, ferr.msg), 0);
		return NULL;
	}
	merge_meta(r, f, d);
	size_t idlen = strlen(d->meta.id);
	if (idlen > FG_ID_MAX) {
		char msg[160];
		snprintf(msg, sizeof msg, "id is %zu bytes long, more than the %d allowed: not indexed", idlen, FG_ID_MAX);
		fg_build_fail(r, f->abspath, msg, 0);
		fg_doc_free(d);
		return NULL;
	}
	return d;
}

/* Add the units and the record of d to the shard, then the file's hash; the counts on success. */
static fg_status write_doc(struct brun *r, fg_xwdb *db, const struct bfile *f, const fg_doc *d, fg_err *err)
{
	fg_xdoc **units = NULL, *record = NULL;
	size_t nunits = 0, narts = 0;
	fg_index_build(d, r->o->kw, f->relpath, f->hash, &units, &nunits, &record);
	fg_status st = FG_OK;
	for (size_t i = 0; i < nunits; i++) {
		if (st == FG_OK)
			st = fg_xwdb_add_document(db, units[i], NULL, err);
		if (d->units[i].kind == FG_UNIT_ARTICLE)
			narts++;
		fg_xdoc_free(units[i]);
	}
	free(units);
	if (st == FG_OK)
		st = fg_xwdb_add_document(db, record, NULL, err);
	fg_xdoc_free(record);
	if (st == FG_OK) {
		fg_buf key = {0}, val = {0};
		fg_buf_printf(&key, "f:%s", f->relpath);
		fg_buf_printf(&val, "%s %s %zu", f->hash, d->meta.id, nunits);
		st = fg_xwdb_set_metadata(db, key.data, val.data, val.len, err);
		fg_buf_free(&key);
		fg_buf_free(&val);
	}
	if (st == FG_OK) {
		atomic_fetch_add(&r->docs, 1);
		atomic_fetch_add(&r->units, nunits);
		atomic_fetch_add(&r->articles, narts);
	}
	return st;
}

/* Index one file; a file that cannot be read or parsed is recorded and the run goes on (FG_OK). */
static fg_status index_file(struct brun *r, fg_xwdb *db, struct bfile *f, fg_err *err)
{
	fg_doc *d = load_file(r, f);
	if (!d)
		return FG_OK;
	fg_status st = write_doc(r, db, f, d, err);
	if (st == FG_OK && d->nbad) {
		char msg[200];
		snprintf(msg, sizeof msg, "indexed, but %zu invalid byte(s) replaced (first at byte %zu)", d->nbad,
			 d->first_bad);
		fg_build_fail(r, f->abspath, msg, 1);
	}
	fg_doc_free(d);
	return st;
}

static fg_status delete_path(fg_xwdb *db, const char *relpath, fg_err *err)
{
	fg_buf t = {0};
	fg_term_file(&t, relpath);
	fg_status st = fg_xwdb_delete_documents(db, t.data, t.len, err);
	if (st == FG_OK) {
		fg_buf_reset(&t);
		fg_buf_printf(&t, "f:%s", relpath);
		st = fg_xwdb_set_metadata(db, t.data, "", 0, err);
	}
	fg_buf_free(&t);
	return st;
}

void *fg_build_worker(void *arg)
{
	struct bworker *w = arg;
	struct brun *r = w->run;
	fg_err err = {0};
	fg_xwdb *db = w->db;
	fg_status st = FG_OK;
	for (size_t i = 0; i < w->nknown && st == FG_OK; i++) {
		if (w->known[i].seen)
			continue;
		st = delete_path(db, w->known[i].relpath, &err);
		if (st == FG_OK)
			atomic_fetch_add(&r->deleted, 1);
	}
	for (size_t i = 0; i < r->nfiles && st == FG_OK && !atomic_load(&r->fatal); i++) {
		struct bfile *f = &r->files[i];
		if (f->shard != w->shard)
			continue;
		if (f->changed) {
			if (!r->full)
				st = delete_path(db, f->relpath, &err);
			if (st == FG_OK)
				st = index_file(r, db, f, &err);
		}
		atomic_fetch_add(&r->done, 1);
	}
	if (st == FG_OK && !atomic_load(&r->fatal)) {
		fg_xwdb_set_metadata(db, "fagui:format", FG_INDEX_FORMAT, strlen(FG_INDEX_FORMAT), &err);
		fg_xwdb_set_metadata(db, "fagui:keywords", r->kwhash, strlen(r->kwhash), &err);
		st = fg_xwdb_commit(db, &err);
	}
	if (st != FG_OK)
		fg_build_fatal(r, st, err.msg);
	return NULL;
}

/* ---- what an existing shard holds ---- */

struct known_list {
	struct bknown *v;
	size_t n, cap;
};

static int collect_known(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
	struct known_list *l = ctx;
	if (klen <= 2 || vlen < 16)
		return 0; /* deleted entries have empty values */
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = fg_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct bknown *k = &l->v[l->n++];
	k->relpath = fg_xstrndup(key + 2, klen - 2);
	memcpy(k->hash, val, 16);
	k->hash[16] = '\0';
	k->seen = 0;
	return 0;
}

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct bknown *)a)->relpath, ((const struct bknown *)b)->relpath);
}

fg_status fg_build_known(struct bworker *w, fg_err *err)
{
	fg_xdb *db = NULL;
	fg_status st = fg_xdb_open(w->path, &db, err);
	if (st != FG_OK)
		return st;
	struct known_list l = {0};
	st = fg_xdb_metadata_keys(db, "f:", collect_known, &l, err);
	fg_xdb_close(db);
	qsort(l.v, l.n, sizeof *l.v, cmp_known);
	w->known = l.v;
	w->nknown = l.n;
	return st;
}

int fg_build_file_changed(struct bworker *w, const struct bfile *f)
{
	struct bknown key = {f->relpath, "", 0};
	struct bknown *k = bsearch(&key, w->known, w->nknown, sizeof *w->known, cmp_known);
	if (!k)
		return 1;
	k->seen = 1;
	char *bytes = NULL;
	size_t len = 0;
	fg_err err = {0};
	int changed = 1;
	if (fg_read_file(f->abspath, FG_BUILD_MAX_FILE_BYTES, &bytes, &len, &err) == FG_OK) {
		char h[17];
		snprintf(h, sizeof h, "%016llx", (unsigned long long)fg_hash64(bytes, len));
		changed = strcmp(k->hash, h) != 0;
	}
	free(bytes);
	return changed;
}
