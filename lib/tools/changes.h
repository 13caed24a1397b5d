/*
 * changes.h - the change log as pages show it (changes.c): the status
 * events newest first, a window of them with their documents' titles, and
 * the time the index was last written (the date of a feed with no events).
 * The JSON of /api/changes and the Atom feed are declared in versions.h.
 */
#ifndef FG_CHANGES_H
#define FG_CHANGES_H

#include "base.h"
#include "search.h"
#include "versions.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One change of the log: the event (borrowed from the caller's list) and the titles it names ("" when unknown). */
typedef struct fg_logentry {
	const fg_status_event *ev;
	char *title;          /* of the document whose status changed */
	char *by_title;       /* of the document superseding it (ev->superseded_by), "" when none */
} fg_logentry;

/*
 * The changes offset .. offset + limit - 1 of events ev[0..n-1] in the
 * order of /api/changes (newest first: by the date of the change, then by
 * when it was recorded), titles from the index s searches; *count gets how
 * many. Free with fg_changes_free; the events must outlive the result.
 */
fg_logentry *fg_changes_window(fg_searcher *s, const fg_status_event *ev, size_t n, size_t offset, size_t limit,
			     size_t *count);
void fg_changes_free(fg_logentry *c, size_t n);

/*
 * When the index s searches was last written (a build, an update or a
 * status event: the newest of its stub and its databases' version files),
 * as YYYY-MM-DDTHH:MM:SSZ into out. 0, or -1 when it cannot be told (a
 * remote shard): out then holds the current time.
 */
int fg_index_updated(fg_searcher *s, char out[21]);

#ifdef __cplusplus
}
#endif
#endif
