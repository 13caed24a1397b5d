/*
 * draft_power.c - the power to create penalties, licences and coercive
 * measures (设定权) in a draft check (similar_int.h). Whether a rule of a
 * level may set a fine, a licence or a seizure at all is said by one law
 * each (行政处罚法, 行政许可法, 行政强制法), in an article that names that
 * level beside 设定 (地方政府规章…可以设定…罚款; 其他规范性文件不得设定行政处罚).
 * That article is superior law for every article of a draft of that level
 * that sets such a measure, however little its words resemble the draft's:
 * similarity alone never finds it. The laws are found in the index by name
 * (a national 法律 whose rule name holds 行政处罚 …), their articles by the
 * level's words in one clause with 设定.
 */
#include "similar_int.h"

#include "doc.h"
#include "stored.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

#define POWER_UNITS 2   /* articles of one law kept for a level */

static const struct {
	const char *name;           /* what the law's rule name holds */
	const char *const words[8]; /* what a draft article says when it sets such a measure */
} laws[] = {
	{"行政处罚", {"罚款", "警告", "通报批评", "没收", "吊销", "责令停产停业", "行政拘留", "行政处罚"}},
	{"行政许可", {"行政许可", "未经许可", "许可证", "审批", NULL}},
	{"行政强制", {"查封", "扣押", "冻结", "强制执行", "代履行", "行政强制", NULL}},
};
#define NLAWS (sizeof laws / sizeof laws[0])

/* The words a law uses for a level ("人民政府规章" is how 行政许可法 names 地方政府规章). */
static const char *const *level_words(const char *level)
{
	static const char *const local[] = {"地方性法规", NULL}, *const gov[] = {"地方政府规章", "人民政府规章", NULL},
				 *const dept[] = {"部门规章", NULL}, *const norm[] = {"规范性文件", NULL},
				 *const admin[] = {"行政法规", NULL}, *const autonomy[] = {"自治条例", "单行条例", NULL};
	if (!level)
		return NULL;
	if (!strcmp(level, "地方性法规"))
		return local;
	if (!strcmp(level, "地方政府规章"))
		return gov;
	if (!strcmp(level, "部门规章"))
		return dept;
	if (!strcmp(level, "规范性文件"))
		return norm;
	if (!strcmp(level, "行政法规"))
		return admin;
	return !strcmp(level, "自治条例和单行条例") ? autonomy : NULL;
}

const char *fg_power_law(int law)
{
	return law >= 0 && (size_t)law < NLAWS ? laws[law].name : "";
}

int fg_power_trigger(int law, const char *text, size_t len, size_t *s, size_t *e)
{
	const char *best = NULL;
	size_t blen = 0;
	for (size_t k = 0; k < 8 && laws[law].words[k]; k++) {
		const char *w = laws[law].words[k], *p = text;
		size_t wl = strlen(w);
		for (; (size_t)(p - text) + wl <= len; p++)
			if (!memcmp(p, w, wl))
				break;
		if ((size_t)(p - text) + wl <= len && (!best || p < best)) {
			best = p;
			blen = wl;
		}
	}
	if (!best)
		return 0;
	*s = (size_t)(best - text);
	*e = *s + blen;
	return 1;
}

static int clause_end(const char *t, size_t len, size_t i)
{
	return t[i] == '\n' || (i + 3 <= len && (!memcmp(t + i, "。", 3) || !memcmp(t + i, "；", 3)));
}

/* The first clause of text naming the level before 设定: its bounds, and whether it forbids (不得设定). */
static int power_clause(const char *text, size_t len, const char *const *words, size_t *s0, size_t *s1, int *forbids)
{
	for (size_t a = 0; a < len;) {
		size_t b = a;
		while (b < len && !clause_end(text, len, b))
			b++;
		const char *set = NULL, *lvl = NULL;
		for (size_t i = a; i + 6 <= b && !set; i++)
			if (!memcmp(text + i, "设定", 6))
				set = text + i;
		for (size_t k = 0; set && words[k] && !lvl; k++) {
			size_t wl = strlen(words[k]);
			for (const char *p = text + a; p + wl <= set && !lvl; p++)
				if (!memcmp(p, words[k], wl))
					lvl = p;
		}
		if (lvl) {
			*s0 = a;
			*s1 = b;
			*forbids = set - text >= 6 && !memcmp(set - 6, "不得", 6);
			if (!*forbids && set - text >= 12 && !memcmp(set - 12, "一律不得", 12))
				*forbids = 1;
			return 1;
		}
		a = b < len ? b + (text[b] == '\n' ? 1 : 3) : len;
	}
	return 0;
}

/* The in-force national 法律 of the index whose rule name holds name and ends in 法, or NULL. */
static const fg_titledoc *find_law(const fg_titlemap *m, const char *name)
{
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *e = fg_titlemap_at(m, i);
		size_t n = strlen(e->name);
		if (strcmp(e->level, "法律") || strcmp(e->status, FG_STATUS_IN_FORCE) || !strstr(e->name, name) ||
		    n < 3 || memcmp(e->name + n - 3, "法", 3))
			continue;
		return e;
	}
	return NULL;
}

/* The articles of law d (the one at index law) naming the level's words with 设定, into out. */
static void law_units(fg_xdb *db, const fg_titledoc *d, int law, const char *const *words, fg_power *out)
{
	fg_buf t = {0};
	fg_term_doc(&t, d->id);
	fg_xdocids ids = {0};
	fg_err err = {0};
	fg_status st = fg_xdb_postings(db, t.data, t.len, fg_xdocids_collect, &ids, &err);
	fg_buf_free(&t);
	size_t kept = 0;
	for (size_t i = 0; st == FG_OK && i < ids.n && kept < POWER_UNITS; i++) {
		fg_xdoc *x = NULL;
		fg_unitrec u;
		if (fg_xdb_get_document(db, ids.v[i], &x, &err) != FG_OK)
			break;
		if (fg_stored_unit(x, &u, &err) == FG_OK) {
			size_t s0, s1;
			int forbids;
			if (u.unit.kind == FG_UNIT_ARTICLE && power_clause(u.unit.text, u.unit.len, words, &s0, &s1, &forbids)) {
				out->v = fg_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
				out->v[out->n++] = (fg_power_unit){ids.v[i], law, forbids, s0, s1};
				kept++;
			}
			fg_unitrec_fin(&u);
		}
		fg_xdoc_free(x);
	}
	free(ids.v);
}

void fg_power_find(fg_xdb *db, const fg_titlemap *m, const char *level, fg_power *out)
{
	memset(out, 0, sizeof *out);
	const char *const *words = level_words(level);
	for (size_t law = 0; words && law < NLAWS; law++) {
		const fg_titledoc *d = find_law(m, laws[law].name);
		if (d)
			law_units(db, d, (int)law, words, out);
	}
}

void fg_power_free(fg_power *p)
{
	free(p->v);
	memset(p, 0, sizeof *p);
}
