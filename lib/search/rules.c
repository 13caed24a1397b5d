/*
 * rules.c - rule names looked up in an index (rules.h): abbreviations and
 * the XV / XW terms of a rule name.
 */
#include "rules.h"

#include "cite.h"
#include "doc.h"
#include "terms.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fg_abbrevs {
	char **shorts;  /* normalized short names, sorted */
	char **fulls;   /* their full names, same order */
	size_t n;
};

static char *normalized(const char *s, size_t len)
{
	char *out = NULL;
	size_t olen = 0;
	fg_normalize(s, len, &out, &olen, NULL, NULL);
	return out;
}


struct pair {
	char *s, *f;
};

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->s, ((const struct pair *)b)->s);
}

/* Parse the file's lines into pairs; FG_E_INVAL names the first bad line. */
static fg_status parse_lines(char *text, const char *path, struct pair **out, size_t *n, fg_err *err)
{
	struct pair *v = NULL;
	size_t cnt = 0, lineno = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || tab == line || !tab[1]) {
			for (size_t i = 0; i < cnt; i++)
				free(v[i].s), free(v[i].f);
			free(v);
			return fg_err_set(err, FG_E_INVAL, "%s:%zu: expected 'short<TAB>full name'", path, lineno);
		}
		*tab = '\0';
		v = fg_xrealloc(v, (cnt + 1) * sizeof *v);
		v[cnt].s = normalized(line, strlen(line));
		v[cnt].f = fg_xstrdup(tab + 1);
		cnt++;
	}
	*out = v;
	*n = cnt;
	return FG_OK;
}

fg_status fg_abbrevs_load(const char *path, fg_abbrevs **out, fg_err *err)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, 1 << 20, &text, &len, err);
	if (st != FG_OK)
		return st;
	struct pair *v = NULL;
	size_t n = 0;
	st = parse_lines(text, path, &v, &n, err);
	free(text);
	if (st != FG_OK)
		return st;
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_pair);
	fg_abbrevs *a = fg_xcalloc(1, sizeof *a);
	a->shorts = fg_xcalloc(n ? n : 1, sizeof *a->shorts);
	a->fulls = fg_xcalloc(n ? n : 1, sizeof *a->fulls);
	for (size_t i = 0; i < n; i++) {
		a->shorts[i] = v[i].s;
		a->fulls[i] = v[i].f;
	}
	a->n = n;
	free(v);
	*out = a;
	return FG_OK;
}

void fg_abbrevs_free(fg_abbrevs *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->shorts[i]);
		free(a->fulls[i]);
	}
	free(a->shorts);
	free(a->fulls);
	free(a);
}

size_t fg_abbrevs_count(const fg_abbrevs *a)
{
	return a ? a->n : 0;
}

const char *fg_abbrevs_find(const fg_abbrevs *a, const char *s, size_t len)
{
	if (!a || !a->n)
		return NULL;
	char *key = normalized(s, len);
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(a->shorts[mid], key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const char *full = lo < a->n && !strcmp(a->shorts[lo], key) ? a->fulls[lo] : NULL;
	free(key);
	return full;
}

/* XV<rule>, else XW<rule>, of one name: 1 when the index has it. */
static int lookup(fg_xdb *db, const char *name, fg_buf *term)
{
	char *rule = fg_rule_name(name);
	int found = 0;
	if (*rule) {
		static const char *const pfx[] = {FG_PFX_RULE, FG_PFX_WORK};
		for (int i = 0; i < 2 && !found; i++) {
			fg_term_field(term, pfx[i], rule, strlen(rule));
			found = term->len < 240 && fg_xdb_termfreq(db, term->data, term->len) > 0;
		}
	}
	free(rule);
	return found;
}

int fg_rule_term(fg_xdb *db, const fg_abbrevs *ab, const char *name, size_t len, fg_buf *term)
{
	while (len && name[0] == ' ')
		name++, len--;
	while (len && name[len - 1] == ' ')
		len--;
	/* 《》 around the whole name: the same name */
	if (len >= 6 && !memcmp(name, "《", 3) && !memcmp(name + len - 3, "》", 3)) {
		name += 3;
		len -= 6;
	}
	char *s = fg_xstrndup(name, len);
	int found = lookup(db, s, term);
	if (!found) {
		const char *full = fg_abbrevs_find(ab, s, len);
		if (full)
			found = lookup(db, full, term);
	}
	free(s);
	if (!found)
		fg_buf_reset(term);
	return found;
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n > k && !memcmp(s + n - k, suf, k);
}

/* Whether better is a better pick than cur for region + topic: in force, then the shorter name. */
static int place_better(const fg_titledoc *t, const fg_titledoc *cur)
{
	if (!cur)
		return 1;
	int a = !strcmp(t->status, FG_STATUS_IN_FORCE), b = !strcmp(cur->status, FG_STATUS_IN_FORCE);
	if (a != b)
		return a;
	size_t lt = strlen(t->name), lc = strlen(cur->name);
	return lt != lc ? lt < lc : strcmp(t->published, cur->published) > 0;
}

int fg_rule_by_place(const fg_titlemap *m, const char *place, const char *const *words, size_t n, fg_buf *term)
{
	static const char *const sufs[] = {"省", "市", "自治区", "自治州", "县", "区"};
	int is_place = 0;
	for (size_t i = 0; i < sizeof sufs / sizeof *sufs && !is_place; i++)
		is_place = ends_with(place, sufs[i]);
	if (!is_place || !n)
		return 0;
	char *pre = fg_rule_name(place);
	size_t plen = strlen(pre);
	char **keys = fg_xcalloc(n, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = fg_rule_name(words[i]);
	const fg_titledoc *best = NULL;
	for (size_t i = 0; plen && i < fg_titlemap_count(m); i++) {
		const fg_titledoc *t = fg_titlemap_at(m, i);
		if (strncmp(t->name, pre, plen) != 0)
			continue;
		int all = 1;
		for (size_t k = 0; k < n && all; k++)
			all = *keys[k] && strstr(t->name + plen, keys[k]) != NULL;
		if (all && place_better(t, best))
			best = t;
	}
	if (best)
		fg_term_field(term, FG_PFX_RULE, best->name, strlen(best->name));
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(pre);
	return best != NULL;
}
