/*
 * stored.h - reading stored documents back from a database: the record of
 * a document id, and a fetched document's unit data, decoded with the record
 * codec (record.h). Internal to the core: the search layer, the work tools
 * and the reports read the index through these.
 */
#ifndef FG_STORED_H
#define FG_STORED_H

#include "record.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Set m's status to the calendar's (calendar.h: fg_status_on with today and
 * d's FG_SLOT_VALID_TO). fg_stored_record and fg_stored_unit do it: what is
 * read back shows the status of today, not of the indexing day.
 */
void fg_stored_calendar(fg_xdoc *d, fg_meta *m);

/*
 * The record of document id into *out (free with fg_record_fin); *did (may
 * be NULL) gets its docid and *superseded_by (may be NULL) its
 * superseded_by link ("" when none; caller frees). Errors: FG_E_NOTFOUND (no
 * such document, or its record does not decode), FG_E_XAPIAN.
 */
fg_status fg_stored_record(fg_xdb *db, const char *id, fg_record *out, fg_docid *did, char **superseded_by,
			   fg_err *err);
/*
 * The unit data of document d (fetched from a database or a match set) into
 * *out, with its document's meta joined from the record (record.h; kept in
 * a small cache by meta key). Errors: FG_E_INVAL.
 */
fg_status fg_stored_unit(fg_xdoc *d, fg_unitrec *out, fg_err *err);
/* The unit data of hit i of m into *out. Errors: FG_E_XAPIAN, FG_E_INVAL. */
fg_status fg_stored_hit(const fg_xmset *m, unsigned i, fg_unitrec *out, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
