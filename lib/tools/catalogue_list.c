/*
 * catalogue_list.c - the catalogue of an index (catalogue_list.h): every record (the
 * XKr documents) decoded with the record codec and handed to a callback,
 * so programs list documents without touching the Xapian binding.
 */
#include "catalogue_list.h"
#include "record.h"
#include "searcher.h"
#include "terms.h"

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
		fg_record_decode(data, len, &r, NULL); /* on failure r stays empty: an empty row, as before */
		stop = cb(ctx, &r.meta, r.path ? r.path : "");
		fg_record_fin(&r);
		fg_xdoc_free(d);
	}
	free(ids.v);
	return FG_OK;
}
