/*
 * date.c - calendar dates as the index stores them: YYYY-MM-DD strings,
 * validated against the real calendar (the one validator every module and
 * program uses), compacted to YYYYMMDD for values, and shifted by years and
 * days for validity periods.
 */
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int fg_date_days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int fg_date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return y >= 1000 && d >= 1 && d <= fg_date_days_in(y, m);
}

void fg_date_compact(const char *date, char out[9])
{
	out[0] = '\0';
	if (!date || strlen(date) != 10)
		return;
	memcpy(out, date, 4);
	memcpy(out + 4, date + 5, 2);
	memcpy(out + 6, date + 8, 2);
	out[8] = '\0';
}

int fg_date_add(const char *date, int years, int days, char out[11])
{
	out[0] = '\0';
	if (!fg_date_valid(date))
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(date) + years - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	if (years && tm.tm_mon == 1 && tm.tm_mday == 29)
		tm.tm_mday = 28;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	struct tm r;
	gmtime_r(&t, &r);
	char buf[48];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", r.tm_year + 1900, r.tm_mon + 1, r.tm_mday);
	memcpy(out, buf, 10);
	out[10] = '\0';
	return 1;
}
