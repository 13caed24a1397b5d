/*
 * record.c - the codec of the index's stored document data (record.h):
 * unit JSON and record JSON, written by the indexer and the status events,
 * read by search, document views, versions, reports and cleanup.
 */
#include "record.h"
#include "json.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const meta_keys[] = {"id",	     "title",	  "number",    "authority",
					"level",     "status",	  "region",    "category",
					"published", "effective", "expires",   "supersedes"};

static const char *meta_field(const fg_meta *m, size_t i)
{
	const char *const v[] = {m->id,	       m->title,     m->number,	 m->authority, m->level,   m->status,
				 m->region,    m->category,  m->published, m->effective, m->expires, m->supersedes};
	return v[i];
}

void fg_meta_to_json(struct json_object *o, const fg_meta *m)
{
	for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++)
		fg_json_put(o, meta_keys[i], meta_field(m, i));
	json_object_object_add(o, "version", json_object_new_int(m->version));
	if (m->name && *m->name)
		fg_json_put(o, "catalogue_name", m->name); /* a code's part: 民法典 物权编 */
}

void fg_meta_from_json(fg_meta *m, struct json_object *o)
{
	for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++) {
		const char *v = fg_json_str(o, meta_keys[i]);
		if (*v)
			fg_meta_set(m, meta_keys[i], v, strlen(v));
	}
	m->version = fg_json_int(o, "version");
	const char *cn = fg_json_str(o, "catalogue_name");
	if (*cn) {
		free(m->name);
		m->name = fg_xstrdup(cn);
	}
}

static const char kind_code[] = {'a', 'p', 'x', 't'};

static void put_json(fg_buf *out, json_object *o)
{
	size_t jl;
	const char *js = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &jl);
	fg_buf_reset(out);
	fg_buf_put(out, js, jl);
	json_object_put(o);
}

void fg_record_meta_encode(fg_buf *out, const fg_meta *m)
{
	json_object *o = json_object_new_object();
	fg_meta_to_json(o, m);
	put_json(out, o);
}

void fg_record_meta_key(const char *json, size_t len, char key[17])
{
	snprintf(key, 17, "%016llx", (unsigned long long)fg_hash64(json, len));
}

void fg_unitrec_encode(fg_buf *out, const char *metakey, const fg_article *a, size_t index)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "m", metakey);
	fg_json_put(o, "article", a->label);
	json_object_object_add(o, "index", json_object_new_int((int)index));
	char kind[2] = {kind_code[a->kind & 3], '\0'};
	fg_json_put(o, "kind", kind);
	fg_json_put(o, "heading", a->heading);
	json_object_object_add(o, "text", json_object_new_string_len(a->text ? a->text : "", (int)a->len));
	put_json(out, o);
}

void fg_record_encode(fg_buf *out, const fg_doc *d, const char *relpath, const char *hash)
{
	json_object *o = json_object_new_object();
	json_object *mo = json_object_new_object();
	fg_meta_to_json(mo, &d->meta);
	json_object_object_add(o, "meta", mo);
	fg_json_put(o, "path", relpath);
	fg_json_put(o, "hash", hash);
	json_object_object_add(o, "format", json_object_new_int(d->format));
	fg_json_put(o, "encoding", d->encoding);
	json_object *ev = json_object_new_array();
	for (size_t i = 0; i < d->nevents; i++) {
		json_object *e = json_object_new_object();
		fg_json_put(e, "date", d->events[i].date);
		fg_json_put(e, "text", d->events[i].text);
		json_object_array_add(ev, e);
	}
	json_object_object_add(o, "events", ev);
	json_object_object_add(o, "units", json_object_new_int((int)d->nunits));
	json_object_object_add(o, "body", json_object_new_string_len(d->body ? d->body : "", (int)d->bodylen));
	put_json(out, o);
}

static json_object *parse(const char *data, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, data ? data : "", (int)len);
	json_tokener_free(tok);
	if (o && !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}

static void decode_events(fg_record *r, json_object *o)
{
	json_object *ev = NULL;
	size_t n = 0;
	if (json_object_object_get_ex(o, "events", &ev) && json_object_is_type(ev, json_type_array))
		n = json_object_array_length(ev);
	r->events = fg_xcalloc(n ? n : 1, sizeof *r->events);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(ev, i);
		snprintf(r->events[i].date, sizeof r->events[i].date, "%s", fg_json_str(e, "date"));
		r->events[i].text = fg_xstrdup(fg_json_str(e, "text"));
	}
	r->nevents = n;
}

int fg_record_is(const char *data, size_t len)
{
	static const char pre[] = "{\"meta\":";
	return data && len >= sizeof pre - 1 && !memcmp(data, pre, sizeof pre - 1);
}

fg_status fg_record_decode(const char *data, size_t len, fg_record *out, fg_err *err)
{
	memset(out, 0, sizeof *out);
	json_object *o = parse(data, len), *mo = NULL;
	if (!o || !json_object_object_get_ex(o, "meta", &mo)) {
		json_object_put(o);
		return fg_err_set(err, FG_E_INVAL, "stored record is not valid: expected a JSON object with meta");
	}
	fg_meta_from_json(&out->meta, mo);
	out->path = fg_xstrdup(fg_json_str(o, "path"));
	out->hash = fg_xstrdup(fg_json_str(o, "hash"));
	out->encoding = fg_xstrdup(fg_json_str(o, "encoding"));
	out->format = fg_json_int(o, "format");
	out->units = fg_json_int(o, "units");
	out->body = fg_xstrdup(fg_json_str(o, "body"));
	decode_events(out, o);
	json_object_put(o);
	return FG_OK;
}

void fg_record_fin(fg_record *r)
{
	if (!r)
		return;
	fg_meta_fin(&r->meta);
	free(r->path);
	free(r->hash);
	free(r->encoding);
	free(r->body);
	for (size_t i = 0; i < r->nevents; i++)
		free(r->events[i].text);
	free(r->events);
	memset(r, 0, sizeof *r);
}

fg_status fg_unitrec_decode(const char *data, size_t len, fg_unitrec *out, fg_err *err)
{
	memset(out, 0, sizeof *out);
	json_object *o = parse(data, len);
	if (!o || json_object_object_get_ex(o, "meta", NULL)) {
		json_object_put(o);
		return fg_err_set(err, FG_E_INVAL, "stored unit is not valid: expected a unit's JSON object");
	}
	const char *mk = fg_json_str(o, "m");
	if (*mk)
		snprintf(out->metakey, sizeof out->metakey, "%s", mk);
	else
		fg_meta_from_json(&out->meta, o); /* a unit of format 3 or before: its meta inline */
	fg_article *a = &out->unit;
	const char *kind = fg_json_str(o, "kind");
	a->kind = kind[0] == 'p' ? FG_UNIT_PREAMBLE : kind[0] == 'x' ? FG_UNIT_APPENDIX
		  : kind[0] == 't' ? FG_UNIT_TEXT : FG_UNIT_ARTICLE;
	a->label = fg_xstrdup(fg_json_str(o, "article"));
	a->heading = fg_xstrdup(fg_json_str(o, "heading"));
	a->text = fg_xstrdup(fg_json_str(o, "text"));
	a->len = strlen(a->text);
	if (*a->label) {
		size_t used;
		fg_article_label(a->label, strlen(a->label), &a->num, &a->sub, &used);
	}
	out->index = fg_json_int(o, "index");
	json_object_put(o);
	return FG_OK;
}

fg_status fg_record_meta_decode(const char *json, size_t len, fg_meta *m, fg_err *err)
{
	json_object *o = parse(json, len);
	if (!o)
		return fg_err_set(err, FG_E_INVAL, "stored metadata is not valid: expected a JSON object");
	fg_meta_from_json(m, o);
	json_object_put(o);
	return FG_OK;
}

void fg_unitrec_fin(fg_unitrec *u)
{
	if (!u)
		return;
	fg_meta_fin(&u->meta);
	free(u->unit.label);
	free(u->unit.heading);
	free(u->unit.text);
	memset(u, 0, sizeof *u);
}

char *fg_record_superseded_by(const char *data, size_t len)
{
	/*
	 * Only a record a status event rewrote has the member: look for its
	 * key before parsing the whole record (body included). Inside a JSON
	 * string the quotes would be escaped, so this never misses one.
	 */
	if (!data || !memmem(data, len, "\"superseded_by\"", 15))
		return fg_xstrdup("");
	json_object *o = parse(data, len);
	char *by = fg_xstrdup(fg_json_str(o, "superseded_by"));
	json_object_put(o);
	return by;
}

int fg_record_set_superseded_by(fg_buf *out, const char *data, size_t len, const char *by)
{
	json_object *o = parse(data, len);
	if (!o)
		return 0;
	fg_json_put(o, "superseded_by", by);
	put_json(out, o);
	return 1;
}
