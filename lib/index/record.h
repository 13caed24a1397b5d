/*
 * record.h - the one codec of what the index stores as document data:
 *
 *   unit:   {"id","title","number","authority","level","status","region",
 *            "category","published","effective","expires","supersedes",
 *            "version"[,"catalogue_name"],"article","index","kind","heading","text"}
 *            (catalogue_name: the catalogue's name when it differs from the
 *            title, e.g. the part of a code: 民法典 物权编)
 *   record: {"meta":{the same metadata keys},"path","hash","format",
 *            "encoding","events":[{"date","text"}],"units":<count>,"body"[,
 *            "superseded_by" once a status event names the replacing document]}
 *
 * Encoding happens at indexing (index.c) and when a status event rewrites a
 * document (events.c); decoding wherever a unit or a record is read back
 * (search results, document views, versions, reports, cleanup).
 */
#ifndef FG_RECORD_H
#define FG_RECORD_H

#include "base.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A source document's record, decoded. Every string is owned (never NULL after a decode). */
typedef struct fg_record {
	fg_meta meta;       /* unset fields stay NULL, as fg_meta_set leaves them */
	char *path;         /* source path relative to its root */
	char *hash;         /* content hash (hex) */
	char *encoding;     /* the source's encoding as detected */
	int format;         /* FG_FMT_MARKDOWN or FG_FMT_TEXT */
	fg_event *events;   /* history lines */
	size_t nevents;
	int units;          /* number of units */
	char *body;         /* the source text */
} fg_record;

/* A unit's stored data, decoded. */
typedef struct fg_unitrec {
	fg_meta meta;       /* its document's metadata */
	fg_article unit;    /* kind, label, num/sub (from the label), heading, text, len */
	int index;          /* unit index in its document */
} fg_unitrec;

/* The JSON of a record (fg_buf reset first). */
void fg_record_encode(fg_buf *out, const fg_doc *d, const char *relpath, const char *hash);
/* The JSON of unit i of d. rule: nothing here, kept for symmetry with the terms. */
void fg_unitrec_encode(fg_buf *out, const fg_meta *m, const fg_article *a, size_t index);

/*
 * The "superseded_by" member a status event adds to a record (the id of the
 * replacing document): a new string, "" when there is none.
 */
char *fg_record_superseded_by(const char *data, size_t len);
/* The record data with "superseded_by" set to by, into out (reset first); 0 when data is not a record's JSON. */
int fg_record_set_superseded_by(fg_buf *out, const char *data, size_t len, const char *by);
/* Whether stored data is a record (its JSON starts with the "meta" member, as fg_record_encode writes it) rather than a unit. */
int fg_record_is(const char *data, size_t len);
/* Decode record data. FG_E_INVAL when it is not a record's JSON. Free with fg_record_fin. */
fg_status fg_record_decode(const char *data, size_t len, fg_record *out, fg_err *err);
void fg_record_fin(fg_record *r);
/* Decode unit data. FG_E_INVAL when it is not a unit's JSON. Free with fg_unitrec_fin. */
fg_status fg_unitrec_decode(const char *data, size_t len, fg_unitrec *out, fg_err *err);
void fg_unitrec_fin(fg_unitrec *u);

/* The metadata keys of both forms as JSON members of o (a json_object *), and back. */
struct json_object;
void fg_meta_to_json(struct json_object *o, const fg_meta *m);
void fg_meta_from_json(fg_meta *m, struct json_object *o);

#ifdef __cplusplus
}
#endif
#endif
