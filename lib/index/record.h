/*
 * record.h - the one codec of what the index stores as document data:
 *
 *   meta:   {"id","title","number","authority","level","status","region",
 *            "category","published","effective","expires","supersedes",
 *            "version"[,"catalogue_name"]}
 *            (catalogue_name: the catalogue's name when it differs from the
 *            title, e.g. the part of a code: 民法典 物权编); stored once per
 *            document, as the record's FG_SLOT_META value (terms.h)
 *   unit:   {"m","article","index","kind","heading","text"}: "m" is the meta
 *            key (fg_record_meta_key: 16 hex digits of the hash of the
 *            document's meta JSON); readers join the meta through it
 *            (stored.h: fg_stored_unit). Units of format 3 and before carry
 *            the meta keys themselves instead of "m": still decoded. The
 *            indexer stores unit JSON as a value (fg_xdoc_set_data_value,
 *            not deflated by Xapian); fg_xdoc_get_data reads it back.
 *   record: {"meta":{the meta keys},"path","hash","format",
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
	fg_meta meta;       /* its document's metadata (joined by fg_stored_unit; inline in old units) */
	fg_article unit;    /* kind, label, num/sub (from the label), heading, text, len */
	int index;          /* unit index in its document */
	char metakey[17];   /* the "m" member: the key of its document's meta ("" in old units) */
} fg_unitrec;

/* The JSON of a record (fg_buf reset first). */
void fg_record_encode(fg_buf *out, const fg_doc *d, const char *relpath, const char *hash);
/* The meta JSON of a document (fg_buf reset first): the record's FG_SLOT_META value. */
void fg_record_meta_encode(fg_buf *out, const fg_meta *m);
/* The key of a meta JSON: 16 hex digits of its fg_hash64, NUL-terminated. */
void fg_record_meta_key(const char *json, size_t len, char key[17]);
/* Decode a meta JSON into m (fields it lacks stay as they are). FG_E_INVAL when it is not a JSON object. */
fg_status fg_record_meta_decode(const char *json, size_t len, fg_meta *m, fg_err *err);
/* The JSON of unit a, index index, of the document whose meta key is metakey (fg_record_meta_key). */
void fg_unitrec_encode(fg_buf *out, const char *metakey, const fg_article *a, size_t index);

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
/*
 * Decode unit data: its own members, and the meta of old units that carry it
 * (new ones leave meta empty and set metakey: fg_stored_unit joins it).
 * FG_E_INVAL when it is not a unit's JSON. Free with fg_unitrec_fin.
 */
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
