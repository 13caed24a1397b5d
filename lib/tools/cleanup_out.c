/*
 * cleanup_out.c - the cleanup report written out (cleanup.h): the Chinese
 * names of reasons, changes and priorities, the findings as JSON and as a
 * table (TSV with the JSON's codes; CSV for spreadsheets with a byte order
 * mark and Chinese headers and values), and the findings grouped by rule
 * with each rule's suggested action, sorted and paged.
 */
#include "cleanup_int.h"
#include "json.h"

#include "doc.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const reason_codes[FG_NREASONS] = {FG_REASON_STALE, FG_REASON_EXPIRED, FG_REASON_TERM,
						      FG_REASON_NOT_REVISED};
static const char *const reason_names[FG_NREASONS] = {"引用已修改或废止的法规", "已过有效期",
						      "使用已撤销机构名称或过时用语", "长期未修订"};

const char *const fg_cleanup_actions[] = {"宣布失效", "废止", "修改", "核查", NULL};

int fg_reason_rank(const char *r)
{
	for (int i = 0; i < FG_NREASONS; i++)
		if (!strcmp(r, reason_codes[i]))
			return i;
	return FG_NREASONS;
}

const char *fg_cleanup_reason_name(const char *reason)
{
	int r = fg_reason_rank(reason);
	return r < FG_NREASONS ? reason_names[r] : reason;
}

const char *fg_finding_reason_label(const fg_finding *f)
{
	if (!strcmp(f->reason, FG_REASON_STALE))
		return f->change && !strcmp(f->change, FG_STALE_REPEALED) ? "引用已废止的法规" : "引用已修改的法规";
	return fg_cleanup_reason_name(f->reason);
}

const char *fg_cleanup_change_name(const char *change)
{
	static const char *const names[][2] = {
		{FG_STALE_MODIFIED, "条文内容已修改"},       {FG_STALE_RENUMBERED, "条文序号已变"},
		{FG_STALE_DELETED, "条文已删除"},            {FG_STALE_REPEALED, "法规已废止或失效"},
		{FG_STALE_RENAMED, "法规已更名"},            {FG_STALE_AMENDED, "法规已修改（整部引用）"},
		{FG_STALE_NO_ARTICLE, "所引条文不存在"},     {FG_STALE_UNVERIFIED, "法规已修改（无可对照版本）"},
	};
	for (size_t i = 0; change && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(change, names[i][0]))
			return names[i][1];
	return "";
}

const char *fg_cleanup_priority_name(const char *priority)
{
	if (!priority)
		return "";
	return !strcmp(priority, FG_PRIORITY_HIGH) ? "高" : !strcmp(priority, FG_PRIORITY_MEDIUM) ? "中"
							     : !strcmp(priority, FG_PRIORITY_LOW)    ? "低"
												      : "";
}

/* The "X → Y" an outdated-term finding's evidence ends with (its term and current name), or NULL. */
static const char *term_pair(const char *ev, size_t *len)
{
	const char *open = NULL;
	for (const char *p = strstr(ev, "（"); p; p = strstr(p + 3, "（"))
		open = p;
	size_t n = open ? strlen(open) : 0;
	if (!open || n < 6 || memcmp(open + n - 3, "）", 3) || !strstr(open, " → "))
		return NULL;
	*len = n - 6;
	return open + 3;
}

/* At most max characters of s into b, … when cut. */
static void put_cut(fg_buf *b, const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	while (s[i] && chars < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	fg_buf_put(b, s, i);
	if (s[i])
		fg_buf_puts(b, "…");
}

char *fg_finding_brief(const fg_finding *f)
{
	fg_buf b = {0};
	size_t n;
	const char *pair;
	if (!strcmp(f->reason, FG_REASON_TERM) && (pair = term_pair(f->evidence, &n)) != NULL) {
		fg_buf_put(&b, pair, n);
	} else if (!strcmp(f->reason, FG_REASON_NOT_REVISED)) {
		fg_buf_puts(&b, f->evidence);
	} else if (!strcmp(f->reason, FG_REASON_EXPIRED) && *f->article) {
		fg_buf_printf(&b, "%s：“", f->note);
		put_cut(&b, f->evidence, 40);
		fg_buf_puts(&b, "”");
	} else {
		fg_buf_puts(&b, f->note);
	}
	return fg_buf_detach(&b);
}

static int priority_rank(const char *p)
{
	return !strcmp(p, FG_PRIORITY_HIGH) ? 0 : !strcmp(p, FG_PRIORITY_MEDIUM) ? 1 : 2;
}

/* ---- one finding ---- */

#define NCOLS 19
static const char *const cols[NCOLS] = {
	"id",        "title",  "article",  "article_index", "reason",   "evidence", "action",
	"note",      "level",  "region",   "authority",     "status",   "published", "change",
	"priority",  "locality", "cited_id", "current_id",  "current_article"};
/* The CSV's headers, column for column. */
static const char *const cols_zh[NCOLS] = {
	"统一编号",   "法规名称", "条文",     "条文序号", "原因",     "依据",     "建议",
	"说明",       "效力级别", "地区",     "制定机关", "时效性",   "公布日期", "变化",
	"优先级",     "所属市县", "所引版本", "现行版本", "现行条文"};

/* The values of f in column order; codes, or with zh the Chinese names of reason, change and priority. */
static void row_values(const fg_finding *f, int zh, const char *vals[NCOLS], char ix[16])
{
	snprintf(ix, 16, "%d", f->article_index);
	const char *v[NCOLS] = {f->id,
				f->title,
				f->article,
				ix,
				zh ? fg_finding_reason_label(f) : f->reason,
				f->evidence,
				f->action,
				f->note,
				f->level,
				f->region,
				f->authority,
				f->status,
				f->published,
				zh ? fg_cleanup_change_name(f->change) : f->change,
				zh ? fg_cleanup_priority_name(f->priority) : f->priority,
				f->locality,
				f->cited_id,
				f->current_id,
				f->current_article};
	memcpy(vals, v, sizeof v);
}

static json_object *finding_json(const fg_finding *f)
{
	json_object *x = json_object_new_object();
	const char *vals[NCOLS];
	char ix[16];
	row_values(f, 0, vals, ix);
	for (int k = 0; k < NCOLS; k++) {
		if (k == 3)
			json_object_object_add(x, cols[k], json_object_new_int(f->article_index));
		else
			json_object_object_add(x, cols[k], json_object_new_string(vals[k] ? vals[k] : ""));
	}
	json_object_object_add(x, "basis", json_object_new_boolean(f->basis));
	json_object_object_add(x, "basis_repealed", json_object_new_boolean(f->basis_repealed));
	return x;
}

static json_object *counts_json(const size_t counts[FG_NREASONS])
{
	json_object *c = json_object_new_object();
	for (int r = 0; r < FG_NREASONS; r++)
		json_object_object_add(c, reason_codes[r], json_object_new_int((int)counts[r]));
	return c;
}

static char *json_detach(json_object *o)
{
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

char *fg_cleanup_json(const fg_finding *v, size_t n)
{
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	size_t counts[FG_NREASONS] = {0};
	for (size_t i = 0; i < n; i++) {
		json_object_array_add(arr, finding_json(&v[i]));
		int r = fg_reason_rank(v[i].reason);
		if (r < FG_NREASONS)
			counts[r]++;
	}
	json_object_object_add(o, "findings", arr);
	json_object_object_add(o, "counts", counts_json(counts));
	json_object_object_add(o, "total", json_object_new_int((int)n));
	return json_detach(o);
}

char *fg_cleanup_table(const fg_finding *v, size_t n, int fmt)
{
	fg_buf b = {0};
	int csv = fmt == FG_TABLE_CSV;
	if (csv)
		fg_buf_puts(&b, "\xEF\xBB\xBF"); /* the byte order mark that makes spreadsheets read UTF-8 */
	for (int k = 0; k < NCOLS; k++)
		fg_buf_put_field(&b, csv ? cols_zh[k] : cols[k], csv, k == NCOLS - 1);
	for (size_t i = 0; i < n; i++) {
		const char *vals[NCOLS];
		char ix[16];
		row_values(&v[i], csv, vals, ix);
		for (int k = 0; k < NCOLS; k++)
			fg_buf_put_field(&b, vals[k] ? vals[k] : "", csv, k == NCOLS - 1);
	}
	return fg_buf_detach(&b);
}

/* ---- findings by rule ---- */

static int action_rank(const char *a)
{
	for (int i = 0; fg_cleanup_actions[i]; i++)
		if (!strcmp(a, fg_cleanup_actions[i]))
			return i;
	return 4;
}

/* The rule of findings v[first .. first + n): counts, priority and the suggested action. */
static void rule_of(const fg_finding *v, size_t first, size_t n, fg_cleanup_rule *r)
{
	memset(r, 0, sizeof *r);
	r->first = first;
	r->n = n;
	r->priority = FG_PRIORITY_LOW;
	int expired = 0, repealed_basis = 0, change = 0;
	for (size_t i = first; i < first + n; i++) {
		const fg_finding *f = &v[i];
		int k = fg_reason_rank(f->reason);
		if (k < FG_NREASONS)
			r->counts[k]++;
		if (priority_rank(f->priority) < priority_rank(r->priority))
			r->priority = f->priority;
		expired |= k == 1;
		repealed_basis |= f->basis_repealed;
		change |= !strcmp(f->action, "修改");
	}
	r->action = expired ? "宣布失效" : repealed_basis ? "废止" : change ? "修改" : "核查";
}

/* A rule with its sort keys: k1, then k2, ascending, then the id. */
struct keyed {
	fg_cleanup_rule r;
	long long k1, k2;
	const char *id;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	if (x->k2 != y->k2)
		return x->k2 < y->k2 ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The sort keys of rule r for key (FG_RULES_BY_*), descending when desc. */
static void set_keys(struct keyed *e, const fg_finding *f, int key, int desc)
{
	long long k1;
	if (key == FG_RULES_BY_LEVEL) {
		k1 = fg_level_rank(f->level);
	} else if (key == FG_RULES_BY_DATE) {
		char d[9];
		fg_date_compact(f->published, d);
		k1 = atoll(d); /* 0 when unknown: first */
	} else {
		k1 = (long long)e->r.n;
	}
	e->k1 = desc ? -k1 : k1;
	/* ties: higher priority first by findings, more findings first otherwise */
	e->k2 = key == FG_RULES_BY_FINDINGS ? priority_rank(e->r.priority) : -(long long)e->r.n;
	e->id = f->id;
}

static int action_in(const char *list, const char *action)
{
	if (!list || !*list)
		return 1;
	const char *p = list, *item;
	size_t len;
	while (fg_list_next(&p, &item, &len))
		if (len == strlen(action) && !memcmp(item, action, len))
			return 1;
	return 0;
}

size_t fg_cleanup_rules(const fg_finding *v, size_t n, const char *action, int key, int desc, fg_cleanup_rule **out)
{
	struct keyed *e = fg_xcalloc(n ? n : 1, sizeof *e);
	size_t nr = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcmp(v[j].id, v[i].id))
			j++;
		rule_of(v, i, j - i, &e[nr].r);
		if (action_in(action, e[nr].r.action))
			set_keys(&e[nr++], &v[i], key, desc);
		i = j;
	}
	qsort(e, nr, sizeof *e, cmp_keyed);
	fg_cleanup_rule *r = fg_xcalloc(nr ? nr : 1, sizeof *r);
	for (size_t i = 0; i < nr; i++)
		r[i] = e[i].r;
	free(e);
	*out = r;
	return nr;
}

static int cmp_first(const void *a, const void *b)
{
	const fg_cleanup_rule *x = *(const fg_cleanup_rule *const *)a, *y = *(const fg_cleanup_rule *const *)b;
	return (x->first > y->first) - (x->first < y->first);
}

size_t fg_cleanup_rule_findings(const fg_finding *v, const fg_cleanup_rule *r, size_t nr, fg_finding **out)
{
	const fg_cleanup_rule **by = fg_xcalloc(nr ? nr : 1, sizeof *by);
	size_t n = 0;
	for (size_t i = 0; i < nr; i++) {
		by[i] = &r[i];
		n += r[i].n;
	}
	qsort(by, nr, sizeof *by, cmp_first); /* v is in id order: so are the rules by their first finding */
	fg_finding *w = fg_xcalloc(n ? n : 1, sizeof *w), *p = w;
	for (size_t i = 0; i < nr; i++)
		for (size_t k = 0; k < by[i]->n; k++)
			*p++ = v[by[i]->first + k];
	free(by);
	*out = w;
	return n;
}

static json_object *rule_json(const fg_finding *v, const fg_cleanup_rule *r)
{
	const fg_finding *f = &v[r->first];
	json_object *x = json_object_new_object();
	const char *keys[] = {"id", "title", "level", "region", "locality", "authority", "status", "published"};
	const char *vals[] = {f->id, f->title, f->level, f->region, f->locality, f->authority, f->status, f->published};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		json_object_object_add(x, keys[k], json_object_new_string(vals[k]));
	json_object_object_add(x, "action", json_object_new_string(r->action));
	json_object_object_add(x, "priority", json_object_new_string(r->priority));
	json_object_object_add(x, "total", json_object_new_int((int)r->n));
	json_object_object_add(x, "counts", counts_json(r->counts));
	json_object *names = json_object_new_array();
	for (int k = 0; k < FG_NREASONS; k++)
		if (r->counts[k])
			json_object_array_add(names, json_object_new_string(reason_names[k]));
	json_object_object_add(x, "reasons", names);
	json_object *arr = json_object_new_array();
	for (size_t i = 0; i < r->n; i++)
		json_object_array_add(arr, finding_json(&v[r->first + i]));
	json_object_object_add(x, "findings", arr);
	return x;
}

char *fg_cleanup_rules_json(const fg_finding *v, const fg_cleanup_rule *r, size_t nr, size_t offset, size_t limit)
{
	json_object *o = json_object_new_object();
	size_t counts[FG_NREASONS] = {0}, actions[4] = {0}, nf = 0;
	for (size_t i = 0; i < nr; i++) {
		for (int k = 0; k < FG_NREASONS; k++)
			counts[k] += r[i].counts[k];
		int a = action_rank(r[i].action);
		if (a < 4)
			actions[a]++;
		nf += r[i].n;
	}
	json_object_object_add(o, "group", json_object_new_string("rule"));
	json_object_object_add(o, "total", json_object_new_int((int)nr));
	json_object_object_add(o, "offset", json_object_new_int((int)offset));
	json_object_object_add(o, "limit", json_object_new_int((int)limit));
	json_object_object_add(o, "total_findings", json_object_new_int((int)nf));
	json_object_object_add(o, "counts", counts_json(counts));
	json_object *ac = json_object_new_object();
	for (int a = 0; a < 4; a++)
		json_object_object_add(ac, fg_cleanup_actions[a], json_object_new_int((int)actions[a]));
	json_object_object_add(o, "actions", ac);
	json_object *arr = json_object_new_array();
	for (size_t i = offset; i < nr && i - offset < limit; i++)
		json_object_array_add(arr, rule_json(v, &r[i]));
	json_object_object_add(o, "rules", arr);
	return json_detach(o);
}
