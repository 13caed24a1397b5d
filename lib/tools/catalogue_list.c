/*
 * catalogue_list.c - the catalogue of an index (catalogue_list.h): every record (the
 * XKr documents) decoded with the record codec and handed to a callback,
 * so programs list documents without touching the Xapian binding; and the
 * formats of a catalogue page (catalogue_query.c): the JSON of
 * /api/catalogue and its CSV and TSV exports with Chinese column names.
 */
#include "catalogue_list.h"
#include "record.h"
#include "searcher.h"
#include "stored.h"
#include "terms.h"
#include "json.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fg_status fg_catalogue_each(fg_searcher *s, fg_catalogue_cb cb, void *ctx, fg_err *err)
{
	fg_xdb *db = fg_searcher_db(s);
	fg_xdocids ids = {0};
	fg_status st = fg_xdb_postings(db, FG_TERM_RECORDS, strlen(FG_TERM_RECORDS), fg_xdocids_collect, &ids, err);
	if (st != FG_OK)
		return st;
	int stop = 0;
	for (size_t i = 0; i < ids.n && !stop; i++) {
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &d, NULL) != FG_OK)
			continue;
		size_t len;
		const char *data = fg_xdoc_get_data(d, &len);
		fg_record r;
		if (fg_record_decode(data, len, &r, NULL) == FG_OK) /* on failure r stays empty: an empty row, as before */
			fg_stored_calendar(d, &r.meta); /* the status of today (calendar.h) */
		stop = cb(ctx, &r.meta, r.path ? r.path : "");
		fg_record_fin(&r);
		fg_xdoc_free(d);
	}
	free(ids.v);
	return FG_OK;
}

/* ---- formats of a catalogue page (catalogue_list.h) ---- */

const char *const fg_catalogue_columns[] = {"编号", "标题", "文号", "制定机关", "效力级别", "时效性", "地区",
					   "公布日期", "施行日期", "有效期至", "条数", NULL};

/* The values of row d in the order of fg_catalogue_columns, the article count written into num. */
static void row_values(const fg_catalogue_doc *d, const char *vals[11], char num[16])
{
	snprintf(num, 16, "%u", d->articles);
	const char *v[11] = {d->id,	    d->title,	  d->number,	d->authority, d->level, d->status,
			     d->region,	    d->published, d->effective, d->expires,   num};
	memcpy(vals, v, sizeof v);
}

char *fg_catalogue_json(const fg_catalogue_page *p, unsigned offset)
{
	static const char *const keys[] = {"id",	"title",     "number",	  "authority", "level", "status",
					   "region",	"published", "effective", "expires"};
	json_object *o = json_object_new_object();
	json_object_object_add(o, "total", json_object_new_int64(p->total));
	json_object_object_add(o, "offset", json_object_new_int64(offset));
	json_object *docs = json_object_new_array();
	for (size_t i = 0; i < p->n; i++) {
		const char *vals[11];
		char num[16];
		row_values(&p->docs[i], vals, num);
		json_object *x = json_object_new_object();
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			fg_json_put(x, keys[k], vals[k]);
		json_object_object_add(x, "articles", json_object_new_int64(p->docs[i].articles));
		json_object_array_add(docs, x);
	}
	json_object_object_add(o, "documents", docs);
	json_object *facets = json_object_new_object();
	for (int i = 0; i < FG_NFACETS; i++) {
		json_object *f = json_object_new_object();
		for (size_t k = 0; k < p->facets[i].n; k++)
			json_object_object_add(f, p->facets[i].values[k].value,
					       json_object_new_int64(p->facets[i].values[k].count));
		json_object_object_add(facets, fg_facet_names[i], f);
	}
	json_object_object_add(o, "facets", facets);
	char *out =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

/* One row of the table: fields through fg_buf_put_field (RFC 4180 CSV, or TSV). */
static void table_row(fg_buf *b, const char *const *vals, int tsv)
{
	for (size_t k = 0; vals[k]; k++)
		fg_buf_put_field(b, vals[k], !tsv, !vals[k + 1]);
}

char *fg_catalogue_table(const fg_catalogue_page *p, int tsv)
{
	fg_buf b = {0};
	if (!tsv)
		fg_buf_puts(&b, "\xEF\xBB\xBF"); /* the BOM: Excel reads the file as UTF-8 */
	table_row(&b, fg_catalogue_columns, tsv);
	for (size_t i = 0; i < p->n; i++) {
		const char *vals[12];
		char num[16];
		row_values(&p->docs[i], vals, num);
		vals[11] = NULL;
		table_row(&b, vals, tsv);
	}
	return fg_buf_detach(&b);
}
