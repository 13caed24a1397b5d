/*
 * catalogue_list.h - the catalogue of an index: every source document's metadata
 * as stored in its record, for listings such as `fagui-indexer report
 * catalogue` (the catalogue TSV that feeds the indexer is doc.h's
 * fg_catalogue; this is what the index holds).
 */
#ifndef FG_CATALOGUE_LIST_H
#define FG_CATALOGUE_LIST_H

#include "base.h"
#include "doc.h"
#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Called once per document: m its metadata (unset fields NULL), path its
 * source path relative to its root. Both borrowed during the call only.
 * A nonzero return stops the listing.
 */
typedef int (*fg_catalogue_cb)(void *ctx, const fg_meta *m, const char *path);

/*
 * Call cb(ctx, ...) for every document of the index s searches, in index
 * order. A record that cannot be read is skipped; one whose stored data is
 * not a record's is listed with empty metadata and path. Errors:
 * FG_E_XAPIAN (the list of records cannot be read; cb not called).
 */
fg_status fg_catalogue_each(fg_searcher *s, fg_catalogue_cb cb, void *ctx, fg_err *err);

/* ---- the catalogue as a filtered, sorted, paged list (catalogue_query.c) ---- */

/* Sort keys of fg_catalogue_query. */
enum { FG_CATALOGUE_BY_PUBLISHED, FG_CATALOGUE_BY_TITLE, FG_CATALOGUE_BY_LEVEL };

#define FG_CATALOGUE_MAX_LIMIT 100000 /* rows in one answer (a whole catalogue for exports) */

/*
 * What to list. Strings may be NULL or "" (no filter); level, status,
 * region and authority take several values separated by commas (ASCII or
 * full-width), any of which may match.
 */
typedef struct fg_catalogue_req {
	const char *q;          /* part of the title, after fg_normalize, 中华人民共和国 and spaces ignored on both sides */
	const char *level;      /* 效力级别, any spelling fg_level_canon knows */
	const char *status;     /* 时效性 on today (calendar.h), any spelling fg_status_canon knows */
	const char *region;     /* 地区 and the regions under it (fg_catalogue_region_match) */
	const char *authority;  /* 制定机关, exact */
	const char *from, *to;  /* published on or after / on or before, YYYY-MM-DD */
	int sort;               /* FG_CATALOGUE_BY_* */
	int order;              /* 1 ascending, -1 descending, 0 the sort's own (published: newest first; title and level: ascending) */
	unsigned limit;         /* rows wanted, 0 = every row from offset */
	unsigned offset;
} fg_catalogue_req;

/* One document of the catalogue. Strings are owned, "" when unknown. */
typedef struct fg_catalogue_doc {
	char *id, *title, *number, *authority, *level, *status, *region;
	char *published, *effective, *expires; /* YYYY-MM-DD or "" */
	unsigned articles;      /* its article units (第X条) */
} fg_catalogue_doc;

/* The answer: the page of rows and the counts over every row that matched. */
typedef struct fg_catalogue_page {
	unsigned total;         /* documents matching the filters */
	fg_catalogue_doc *docs; /* rows offset .. offset + n - 1 of them, in the order asked */
	size_t n;
	fg_facet facets[FG_NFACETS]; /* level (by rank), status (by rank), region (most first), year (newest first) */
} fg_catalogue_page;

/*
 * The documents of the index s searches that match req, sorted and paged,
 * with facet counts over all of them. Rows are read from the records as
 * fg_catalogue_each reads them (the status of today, after every status
 * event); they are kept per process for one database revision and one day,
 * so the first call after a change reads every record again. Ties and
 * documents without a published date come last, then by id. Errors:
 * FG_E_INVAL (an unknown level or status, a bad date, from after to: a
 * message in Chinese), FG_E_XAPIAN. Free with fg_catalogue_page_free.
 */
fg_status fg_catalogue_query(fg_searcher *s, const fg_catalogue_req *req, fg_catalogue_page **out, fg_err *err);
void fg_catalogue_page_free(fg_catalogue_page *p);

/*
 * Whether a document of region (as stored: 全国, 示例省, 示例省白河市, 山东)
 * falls under the region filter value want: equal, or holding want without
 * a final 省/市/自治区/特别行政区 (示例省 -> 示例, when two characters
 * remain): 示例省 gives the province and its cities, 白河市 or 白河 the
 * city, 山东省 the province stored as 山东, 济南 a city stored as 山东济南市.
 */
int fg_catalogue_region_match(const char *region, const char *want);

/* ---- its formats (catalogue_list.c) ---- */

/* {"total","offset","documents":[{"id","title",...,"articles"}],"facets":{"level":{value:count},...}}. Caller frees. */
char *fg_catalogue_json(const fg_catalogue_page *p, unsigned offset);
/*
 * The rows as CSV (RFC 4180: CRLF, fields with a comma, quote or line break
 * quoted, quotes doubled; a UTF-8 BOM first so spreadsheet programs read
 * the Chinese) or as TSV (tabs and line breaks in values become spaces), a
 * header row of Chinese column names first (fg_catalogue_columns). Caller frees.
 */
char *fg_catalogue_table(const fg_catalogue_page *p, int tsv);
/* The Chinese column names of the table, in order: 编号 标题 文号 … 条数; NULL-terminated. */
extern const char *const fg_catalogue_columns[];

#ifdef __cplusplus
}
#endif
#endif
