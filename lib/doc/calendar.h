/*
 * calendar.h - status by the calendar. The status stored in the index is the
 * one of the day it was indexed (or of the last status event); a rule past
 * its 有效期 is 失效 from the day after, a 尚未生效 rule is 现行有效 from its
 * effective date, and a version superseded by a later one that has come into
 * force is 已修改 — every day, without an event or a re-index. Everything
 * that shows or filters a status (search hits, filters, facets and prior,
 * the document page, the catalogue, the cleanup report) asks fg_status_on.
 */
#ifndef FG_CALENDAR_H
#define FG_CALENDAR_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Today as YYYY-MM-DD: $FAGUI_TODAY when it holds a valid date (tests; or to
 * see the rules as they will stand on a day), else the local date.
 */
void fg_today(char out[11]);

/*
 * The status on day (YYYY-MM-DD) of a document stored with status, in force
 * from effective (YYYY-MM-DD or ""), valid until expires (YYYY-MM-DD or "":
 * its 有效期, the last day in force) and whose first day out of force the
 * validity pass computed as valid_to (YYYYMMDD or "": a later version in
 * force from then). Only 现行有效 and 尚未生效 follow the calendar: other
 * statuses (已修改, 已废止, 失效: decided by an event or the catalogue) are
 * returned as they are. Borrowed: status or one of the FG_STATUS_* strings.
 */
const char *fg_status_on(const char *status, const char *effective, const char *expires, const char *valid_to,
			 const char *day);

#ifdef __cplusplus
}
#endif
#endif
