/*
 * calendar.c - status by the calendar (calendar.h).
 */
#include "calendar.h"

#include "base.h"
#include "doc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void fg_today(char out[11])
{
	const char *env = getenv("FAGUI_TODAY");
	if (env && fg_date_valid(env)) {
		memcpy(out, env, 10);
		out[10] = '\0';
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int set(const char *s)
{
	return s && *s;
}

const char *fg_status_on(const char *status, const char *effective, const char *expires, const char *valid_to,
			 const char *day)
{
	if (!status || !day || !*day)
		return status;
	int pending = !strcmp(status, FG_STATUS_PENDING);
	if (!pending && strcmp(status, FG_STATUS_IN_FORCE) != 0)
		return status;
	if (set(effective) && strcmp(effective, day) > 0)
		return FG_STATUS_PENDING;
	if (pending && !set(effective))
		return status; /* said to be pending, with no date to end it */
	if (set(expires) && strcmp(expires, day) < 0)
		return FG_STATUS_INVALID;
	char d[9];
	fg_date_compact(day, d);
	if (set(valid_to) && strcmp(valid_to, d) <= 0)
		return FG_STATUS_AMENDED;
	return FG_STATUS_IN_FORCE;
}
