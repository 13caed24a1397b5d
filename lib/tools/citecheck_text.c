/*
 * citecheck_text.c - the citation check of a whole text (citecheck.h): its
 * 《》 and bare references gathered in text order, each checked in one
 * session (citecheck.c), overlaps settled, the byte offsets counted in
 * code points and UTF-16 units, and the JSON of /api/cite-check.
 */
#include "citecheck.h"
#include "json.h"

#include "text.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* ---- a whole text ---- */

static int cmp_cite_start(const void *a, const void *b)
{
	const fg_cite *x = *(const fg_cite *const *)a, *y = *(const fg_cite *const *)b;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->kind == FG_CITE_BARE) - (y->kind == FG_CITE_BARE);
}

static int cmp_verdict_start(const void *a, const void *b)
{
	const fg_citeverdict *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/*
 * Drop what overlaps: a bare name that resolved wins over the 《》
 * references inside it (河南省实施《水法》办法第十条), one that did not
 * gives way to them. keep[i] is cleared for the verdicts dropped.
 */
static void drop_overlaps(const fg_citeverdict *v, size_t n, int *keep)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind != FG_CITE_BARE)
			continue;
		for (size_t k = 0; k < n; k++) {
			if (k == i || v[k].kind == FG_CITE_BARE || !keep[k] || v[k].end <= v[i].start || v[k].start >= v[i].end)
				continue;
			if (v[i].resolved)
				keep[k] = 0;
			else
				keep[i] = 0;
		}
	}
}

/* Code points and UTF-16 code units in len bytes of valid UTF-8 (4-byte sequences are two units). */
static void count_units(const char *s, size_t len, size_t *cps, size_t *u16)
{
	*cps = *u16 = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xC0) != 0x80) {
			(*cps)++;
			*u16 += ch >= 0xF0 ? 2 : 1;
		}
	}
}

/* The code point and UTF-16 offsets of every verdict (sorted by start). */
static void char_offsets(const char *text, fg_citeverdict *v, size_t n)
{
	size_t pos = 0, chars = 0, units = 0, c, u;
	for (size_t i = 0; i < n; i++) {
		if (v[i].start < pos) /* overlapping spans: count again from the start */
			pos = chars = units = 0;
		count_units(text + pos, v[i].start - pos, &c, &u);
		chars += c;
		units += u;
		pos = v[i].start;
		count_units(text + v[i].start, v[i].end - v[i].start, &c, &u);
		v[i].start_char = chars;
		v[i].end_char = chars + c;
		v[i].start_utf16 = units;
		v[i].end_utf16 = units + u;
	}
}

/* The references of text to check, in text order: 《》 and bare ones, no internal ones, at most the limit. */
static size_t gather(const char *text, size_t len, fg_cite **refs, size_t *nr, fg_cite **bare, size_t *nb,
		     const fg_cite ***out, int *truncated)
{
	*nr = fg_cite_extract(text, len, refs);
	*nb = fg_cite_extract_bare(text, len, bare);
	const fg_cite **all = fg_xcalloc(*nr + *nb + 1, sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < *nr; i++)
		if ((*refs)[i].kind != FG_CITE_INTERNAL)
			all[n++] = &(*refs)[i];
	for (size_t i = 0; i < *nb; i++)
		all[n++] = &(*bare)[i];
	if (n > 1)
		qsort(all, n, sizeof *all, cmp_cite_start);
	*truncated = n > FG_CITECHECK_MAX_CITES;
	*out = all;
	return *truncated ? FG_CITECHECK_MAX_CITES : n;
}

fg_status fg_citecheck_text(fg_searcher *s, const char *text, size_t len, const char *date, fg_citeverdict **out,
			    size_t *nout, int *truncated, fg_err *err)
{
	*out = NULL;
	*nout = 0;
	int trunc = 0;
	if (truncated)
		*truncated = 0;
	if (len > FG_CITECHECK_MAX_BYTES)
		return fg_err_set(err, FG_E_LIMIT, "text too long: at most %d bytes", FG_CITECHECK_MAX_BYTES);
	if (!fg_utf8_valid(text, len, NULL))
		return fg_err_set(err, FG_E_INVAL, "text is not valid UTF-8");
	if (date && *date && !fg_date_valid(date))
		return fg_err_set(err, FG_E_INVAL, "bad date '%.40s': expected YYYY-MM-DD", date);
	fg_citecheck *cc = NULL;
	fg_status st = fg_citecheck_new(s, &cc, err);
	if (st != FG_OK)
		return st;
	fg_cite *refs = NULL, *bare = NULL;
	size_t nr, nb;
	const fg_cite **all = NULL;
	size_t n = gather(text, len, &refs, &nr, &bare, &nb, &all, &trunc);
	fg_citeverdict *v = fg_xcalloc(n + 1, sizeof *v);
	size_t nv = 0;
	for (size_t i = 0; i < n && st == FG_OK; i++)
		if ((st = fg_citecheck_cite(cc, text, len, all[i], date, NULL, &v[nv], err)) == FG_OK)
			nv++;
	int *keep = fg_xcalloc(nv + 1, sizeof *keep);
	for (size_t i = 0; i < nv; i++)
		keep[i] = 1;
	drop_overlaps(v, nv, keep);
	size_t k = 0;
	for (size_t i = 0; i < nv; i++) {
		if (keep[i])
			v[k++] = v[i];
		else
			fg_citeverdict_fin(&v[i]);
	}
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_verdict_start);
	char_offsets(text, v, k);
	free(keep);
	free(all);
	fg_cite_free(refs, nr);
	fg_cite_free(bare, nb);
	fg_citecheck_free(cc);
	if (st != FG_OK) {
		fg_citeverdicts_free(v, k);
		return st;
	}
	if (truncated)
		*truncated = trunc;
	*out = v;
	*nout = k;
	return FG_OK;
}

void fg_citeverdicts_free(fg_citeverdict *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		fg_citeverdict_fin(&v[i]);
	free(v);
}

/* ---- JSON ---- */

static void put_url(json_object *o, const char *k, const char *id, int index)
{
	fg_buf u = {0};
	if (*id) {
		fg_buf_puts(&u, "/doc/");
		fg_buf_put_urlpart(&u, id);
		if (index >= 0)
			fg_buf_printf(&u, "#a%d", index);
	}
	fg_json_put(o, k, u.data ? u.data : "");
	fg_buf_free(&u);
}

json_object *fg_citeverdict_json(const fg_citeverdict *v)
{
	json_object *o = json_object_new_object();
	const char *strs[][2] = {{"text", v->text},       {"title", v->title},         {"article", v->article},
				 {"id", v->id},           {"resolved_title", v->rtitle}, {"status", v->status},
				 {"published", v->published}, {"effective", v->effective}, {"article_text", v->article_text},
				 {"amended_on", v->amended_on}, {"repealed_on", v->repealed_on},
				 {"current_id", v->current_id}, {"current_title", v->current_title},
				 {"current_article", v->current_article}, {"current_text", v->current_text},
				 {"verdict", v->verdict}, {"note", v->note}, {"detail", v->detail}};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		fg_json_put(o, strs[i][0], strs[i][1]);
	const struct {
		const char *k;
		int64_t v;
	} ints[] = {{"start", (int64_t)v->start},         {"end", (int64_t)v->end},
		    {"start_char", (int64_t)v->start_char}, {"end_char", (int64_t)v->end_char},
		    {"start_utf16", (int64_t)v->start_utf16}, {"end_utf16", (int64_t)v->end_utf16},
		    {"num", v->num},                        {"sub", v->sub},
		    {"article_index", v->article_index},    {"articles", v->articles},
		    {"current_index", v->current_index}};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		json_object_object_add(o, ints[i].k, json_object_new_int64(ints[i].v));
	json_object_object_add(o, "resolved", json_object_new_boolean(v->resolved));
	json_object_object_add(o, "exists", json_object_new_boolean(v->exists));
	json_object_object_add(o, "amended_after", json_object_new_boolean(v->amended_after));
	fg_json_put(o, "kind", fg_cite_kind_name(v->kind));
	put_url(o, "url", v->id, v->article_index);
	put_url(o, "current_url", v->current_id, v->current_index);
	return o;
}

char *fg_citecheck_json(const fg_citeverdict *v, size_t n, const char *date, int truncated)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "date", date);
	json_object *arr = json_object_new_array();
	json_object *counts = json_object_new_object();
	for (size_t i = 0; i < n; i++) {
		json_object_array_add(arr, fg_citeverdict_json(&v[i]));
		json_object *c = NULL;
		int have = json_object_object_get_ex(counts, v[i].verdict, &c);
		json_object_object_add(counts, v[i].verdict, json_object_new_int(have ? json_object_get_int(c) + 1 : 1));
	}
	json_object_object_add(o, "citations", arr);
	json_object_object_add(o, "counts", counts);
	json_object_object_add(o, "total", json_object_new_int((int)n));
	json_object_object_add(o, "truncated", json_object_new_boolean(truncated));
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
