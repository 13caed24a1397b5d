/*
 * api_suggest.c - GET /api/suggest?q=&limit=: rule names for what has been
 * typed so far (fg_suggest), as JSON.
 */
#include "searchd.h"

#include <stdlib.h>
#include <string.h>

void sd_api_suggest(const sd_call *c, sd_reply *out)
{
	const char *q = sd_param_get(c->req, "q"), *lim = sd_param_get(c->req, "limit");
	q = q ? q : "";
	unsigned limit = 10;
	if (lim && *lim) {
		char *end;
		long v = strtol(lim, &end, 10);
		if (*end || v < 1 || v > 50) {
			sd_tool_error(out, 400, "建议条数（limit）应为 1 到 50 之间的整数");
			return;
		}
		limit = (unsigned)v;
	}
	if (strlen(q) > FG_QUERY_MAX_BYTES) {
		sd_tool_error(out, 413, "检索词过长，请删减后再试");
		return;
	}
	fg_suggestion *v = NULL;
	size_t n = 0;
	fg_err err = {0};
	fg_status st = fg_suggest(c->s, q, limit, &v, &n, &err);
	if (st != FG_OK) {
		sd_tool_error(out, sd_http_status(st), err.msg[0] ? err.msg : fg_status_str(st));
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_suggestions_json(q, v, n);
	fg_suggestions_free(v, n);
}
