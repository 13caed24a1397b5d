/*
 * cleanup_terms.c - the outdated terms of the cleanup report
 * (cleanup_int.h): the table of data/outdated-terms.tsv (abolished agency
 * names and outdated words with the names that replace them), finding its
 * terms in a unit's text, and the index query that picks the units that
 * may hold one, so the report reads only those.
 */
#include "cleanup_int.h"

#include "query.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVIDENCE_BYTES FG_CLEANUP_EVIDENCE_MAX

/* ---- the outdated-terms table ---- */

struct term {
	char *term;       /* normalized */
	char *current;
	char *since;
	char *note;
	char **not_in;    /* normalized longer words that are current */
	size_t nnot;
};

struct fg_terms {
	struct term *v;
	size_t n;
};

static char *norm(const char *s, size_t n)
{
	char *out = NULL;
	size_t len;
	fg_normalize(s, n, &out, &len, NULL, NULL);
	return out;
}

/* Split line at tabs into at most max fields (pointers into line, which is modified). */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

fg_status fg_terms_load(const char *path, fg_terms **out, fg_err *err)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, 4u << 20, &text, &len, err);
	if (st != FG_OK)
		return st;
	fg_terms *t = fg_xcalloc(1, sizeof *t);
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t ll = strlen(line);
		while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' '))
			line[--ll] = '\0';
		if (!ll || line[0] == '#' || !strncmp(line, "term\t", 5))
			continue;
		char *f[5];
		size_t nf = split_tabs(line, f, 5);
		if (nf < 2 || !*f[0])
			continue;
		t->v = fg_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
		struct term *x = &t->v[t->n++];
		memset(x, 0, sizeof *x);
		x->term = norm(f[0], strlen(f[0]));
		x->current = fg_xstrdup(f[1]);
		x->since = fg_xstrdup(nf > 2 ? f[2] : "");
		x->note = fg_xstrdup(nf > 3 ? f[3] : "");
		if (nf > 4 && *f[4]) {
			char *s2 = NULL;
			for (char *w = strtok_r(f[4], ",", &s2); w; w = strtok_r(NULL, ",", &s2)) {
				x->not_in = fg_xrealloc(x->not_in, (x->nnot + 1) * sizeof *x->not_in);
				x->not_in[x->nnot++] = norm(w, strlen(w));
			}
		}
	}
	free(text);
	if (!t->n) {
		fg_terms_free(t);
		return fg_err_set(err, FG_E_INVAL, "no terms in %s", path);
	}
	*out = t;
	return FG_OK;
}

void fg_terms_free(fg_terms *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].term);
		free(t->v[i].current);
		free(t->v[i].since);
		free(t->v[i].note);
		for (size_t k = 0; k < t->v[i].nnot; k++)
			free(t->v[i].not_in[k]);
		free(t->v[i].not_in);
	}
	free(t->v);
	free(t);
}

size_t fg_terms_count(const fg_terms *t)
{
	return t ? t->n : 0;
}

char *fg_terms_default_path(void)
{
	return fg_data_path("outdated-terms.tsv");
}

/* The sentence around [start, end) (cleanup_int.h). */
void fg_cleanup_sentence(const char *text, size_t len, size_t start, size_t end, size_t *s0, size_t *s1)
{
	static const char *const stops[] = {"。", "；", "！", "？", NULL};
	size_t a = start;
	while (a > 0) {
		size_t p = a - 1;
		while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
			p--;
		int stop = text[p] == '\n';
		for (int k = 0; !stop && stops[k]; k++)
			stop = a - p == strlen(stops[k]) && !memcmp(text + p, stops[k], a - p);
		if (stop)
			break;
		a = p;
	}
	size_t b = end;
	while (b < len) {
		if (text[b] == '\n')
			break;
		int stop = 0;
		for (int k = 0; stops[k]; k++)
			if (len - b >= strlen(stops[k]) && !memcmp(text + b, stops[k], strlen(stops[k]))) {
				b += strlen(stops[k]);
				stop = 1;
				break;
			}
		if (stop)
			break;
		b++;
	}
	*s0 = a;
	*s1 = b;
}

void fg_terms_scan(const fg_terms *terms, const char *text, size_t len, fg_cleanup_emit emit, void *ctx)
{
	char *nt = NULL;
	size_t nlen = 0, *map = NULL;
	fg_normalize(text, len, &nt, &nlen, &map, NULL);
	/* every occurrence, then drop those inside a longer one */
	struct occ {
		size_t s, e;
		size_t term;
	} *occ = NULL;
	size_t nocc = 0;
	for (size_t k = 0; k < terms->n; k++) {
		const struct term *t = &terms->v[k];
		size_t tl = strlen(t->term);
		for (const char *p = strstr(nt, t->term); p; p = strstr(p + 1, t->term)) {
			size_t pos = (size_t)(p - nt);
			if (pos >= 3 && (!memcmp(nt + pos - 3, "原", 3) || !memcmp(nt + pos - 3, "前", 3)))
				continue;
			int current = 0;
			for (size_t w = 0; w < t->nnot && !current; w++) {
				const char *in = strstr(t->not_in[w], t->term);
				if (!in)
					continue;
				size_t off = (size_t)(in - t->not_in[w]), wl = strlen(t->not_in[w]);
				current = pos >= off && pos - off + wl <= nlen && !memcmp(nt + pos - off, t->not_in[w], wl);
			}
			if (current)
				continue;
			occ = fg_xrealloc(occ, (nocc + 1) * sizeof *occ);
			occ[nocc].s = pos;
			occ[nocc].e = pos + tl;
			occ[nocc].term = k;
			nocc++;
		}
	}
	int *reported = fg_xcalloc(terms->n, sizeof *reported);
	for (size_t i = 0; i < nocc; i++) {
		int inside = 0;
		for (size_t j = 0; j < nocc && !inside; j++)
			inside = j != i && occ[j].s <= occ[i].s && occ[j].e >= occ[i].e &&
				 (occ[j].e - occ[j].s) > (occ[i].e - occ[i].s);
		if (inside || reported[occ[i].term])
			continue;
		reported[occ[i].term] = 1;
		const struct term *t = &terms->v[occ[i].term];
		size_t os = map[occ[i].s], oe = map[occ[i].e], s0, s1;
		fg_cleanup_sentence(text, len, os, oe, &s0, &s1);
		if (os - s0 > MAX_EVIDENCE_BYTES / 4) { /* a long sentence: start near the term */
			s0 = os - MAX_EVIDENCE_BYTES / 4;
			while (s0 < os && ((unsigned char)text[s0] & 0xC0) == 0x80)
				s0++;
		}
		fg_buf ev = {0};
		size_t el = s1 - s0;
		if (el > MAX_EVIDENCE_BYTES / 2) { /* keep room for the names; cut at a code point */
			el = MAX_EVIDENCE_BYTES / 2;
			while (el && ((unsigned char)text[s0 + el] & 0xC0) == 0x80)
				el--;
		}
		fg_buf_put(&ev, text + s0, el);
		fg_buf_printf(&ev, "（%s → %s）", t->term, t->current);
		fg_buf note = {0};
		fg_buf_printf(&note, "%s%s%s", t->since, *t->since ? "年起：" : "", t->note);
		emit(ctx, ev.data, ev.len, note.data);
		fg_buf_free(&ev);
		fg_buf_free(&note);
	}
	free(reported);
	free(occ);
	free(nt);
	free(map);
}


fg_xq *fg_terms_query(const fg_terms *t, const char *const *words, size_t n)
{
	size_t nt = t ? t->n : 0, k = 0;
	fg_xq **subs = fg_xcalloc(nt + n + 1, sizeof *subs);
	for (size_t i = 0; i < nt; i++)
		if ((subs[k] = fg_query_phrase(t->v[i].term, FG_QBODY)) != NULL)
			k++;
	for (size_t i = 0; i < n; i++)
		if ((subs[k] = fg_query_phrase(words[i], FG_QBODY)) != NULL)
			k++;
	fg_xq *q = fg_xq_or_take(subs, k);
	return q;
}
