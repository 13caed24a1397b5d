/*
 * stored.c - stored documents read back and decoded (stored.h).
 */
#include "stored.h"
#include "calendar.h"
#include "terms.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The meta JSON units join (record.h), kept by key: a unit names its
 * document's meta by the hash of the JSON, so an entry never goes stale (a
 * document whose meta changes is indexed again, under a new key), whatever
 * database or generation the unit comes from. Direct-mapped, shared by the
 * threads; each miss costs one record look-up (R<id>, FG_SLOT_META).
 */
#define META_CACHE 512

static struct {
	uint64_t key;
	char *json;
	size_t len;
} meta_cache[META_CACHE];
static pthread_mutex_t meta_lock = PTHREAD_MUTEX_INITIALIZER;

/* A copy of the cached JSON of key, NULL when it is not cached. */
static char *cache_get(uint64_t key, size_t *len)
{
	char *json = NULL;
	pthread_mutex_lock(&meta_lock);
	size_t i = key % META_CACHE;
	if (meta_cache[i].json && meta_cache[i].key == key) {
		json = fg_xmalloc(meta_cache[i].len + 1);
		memcpy(json, meta_cache[i].json, meta_cache[i].len + 1);
		*len = meta_cache[i].len;
	}
	pthread_mutex_unlock(&meta_lock);
	return json;
}

static void cache_put(uint64_t key, const char *json, size_t len)
{
	char *copy = fg_xstrndup(json, len);
	pthread_mutex_lock(&meta_lock);
	size_t i = key % META_CACHE;
	char *old = meta_cache[i].json;
	meta_cache[i].key = key;
	meta_cache[i].json = copy;
	meta_cache[i].len = len;
	pthread_mutex_unlock(&meta_lock);
	free(old);
}

/* Whether a meta JSON has the key at ctx (two files may give their documents one id). */
static int meta_is(void *ctx, const char *json, size_t len)
{
	char key[17];
	fg_record_meta_key(json, len, key);
	return !strcmp(key, ctx);
}

/* The meta JSON of the unit d (key: its metakey) from the cache or its record; NULL when there is none. */
static char *unit_meta(fg_xdoc *d, const char *metakey, size_t *len, fg_err *err)
{
	uint64_t key = strtoull(metakey, NULL, 16);
	char *json = cache_get(key, len);
	if (json)
		return json;
	size_t idlen = 0;
	const char *id = fg_xdoc_get_value(d, FG_SLOT_ID, &idlen);
	fg_buf t = {0};
	fg_term_record(&t, idlen ? id : "");
	fg_status st = fg_xdoc_term_value(d, t.data, t.len, FG_SLOT_META, meta_is, (void *)metakey, &json, len, err);
	fg_buf_free(&t);
	if (st != FG_OK || !json)
		return NULL;
	char own[17];
	fg_record_meta_key(json, *len, own);
	if (!strcmp(own, metakey)) /* else the record changed without its units: use it, keep it not */
		cache_put(key, json, *len);
	return json;
}

void fg_stored_calendar(fg_xdoc *d, fg_meta *m)
{
	char today[11], vt[9];
	size_t vl = 0;
	const char *v = fg_xdoc_get_value(d, FG_SLOT_VALID_TO, &vl);
	snprintf(vt, sizeof vt, "%.*s", (int)(vl < 8 ? vl : 8), v ? v : "");
	fg_today(today);
	const char *st = fg_status_on(m->status, m->effective, m->expires, vt, today);
	if (st && st != m->status && (!m->status || strcmp(st, m->status) != 0)) {
		free(m->status);
		m->status = fg_xstrdup(st);
	}
}

fg_status fg_stored_record(fg_xdb *db, const char *id, fg_record *out, fg_docid *did, char **superseded_by,
			   fg_err *err)
{
	memset(out, 0, sizeof *out);
	if (superseded_by)
		*superseded_by = NULL;
	if (!id || !*id || strlen(id) > FG_ID_MAX)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%.200s'", id ? id : "");
	fg_buf t = {0};
	fg_term_record(&t, id);
	fg_docid rid = 0;
	fg_status st = fg_xdb_postings(db, t.data, t.len, fg_xdocid_first, &rid, err);
	fg_buf_free(&t);
	if (st != FG_OK)
		return st;
	if (!rid)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", id);
	fg_xdoc *d = NULL;
	st = fg_xdb_get_document(db, rid, &d, err);
	if (st != FG_OK)
		return st;
	size_t len;
	const char *data = fg_xdoc_get_data(d, &len);
	if (fg_record_decode(data, len, out, NULL) != FG_OK) {
		st = fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s' (its record does not decode)", id);
	} else {
		fg_stored_calendar(d, &out->meta);
		if (superseded_by)
			*superseded_by = fg_record_superseded_by(data, len);
		if (did)
			*did = rid;
	}
	fg_xdoc_free(d);
	return st;
}

fg_status fg_stored_unit(fg_xdoc *d, fg_unitrec *out, fg_err *err)
{
	size_t len;
	const char *data = fg_xdoc_get_data(d, &len);
	fg_status st = fg_unitrec_decode(data, len, out, err);
	if (st != FG_OK)
		return st;
	if (out->metakey[0]) {
		size_t ml = 0;
		char *json = unit_meta(d, out->metakey, &ml, err);
		if (json)
			fg_record_meta_decode(json, ml, &out->meta, NULL);
		free(json);
		if (!out->meta.id) { /* no record to join: the id at least, from the unit's value */
			size_t il = 0;
			const char *id = fg_xdoc_get_value(d, FG_SLOT_ID, &il);
			out->meta.id = fg_xstrndup(id, il);
		}
	}
	fg_stored_calendar(d, &out->meta);
	return FG_OK;
}

fg_status fg_stored_hit(const fg_xmset *m, unsigned i, fg_unitrec *out, fg_err *err)
{
	fg_xdoc *d = NULL;
	fg_status st = fg_xmset_document(m, i, &d, err);
	if (st == FG_OK)
		st = fg_stored_unit(d, out, err);
	fg_xdoc_free(d);
	return st;
}
