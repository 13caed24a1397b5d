/*
 * similar_hits.c - the hits of one source arranged (similar_int.h): the
 * versions of one rule collapsed to the one in force (through the title
 * map's chains of versions), the best hits kept (per relation for a draft:
 * superior law, then same-level rules, then reference), each run grouped by
 * document; and the summary of a draft check.
 */
#include "similar_int.h"

#include "doc.h"

#include <stdlib.h>
#include <string.h>

void fg_simhit_fin(fg_simhit *h)
{
	fg_hit_fin(&h->hit);
	free(h->text);
	free(h->conflicts);
	memset(h, 0, sizeof *h);
}

void fg_simresult_free(fg_simresult *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++)
		fg_simhit_fin(&r->hits[i]);
	free(r->hits);
	free(r->id);
	free(r->title);
	free(r->level);
	free(r->label);
	free(r->text);
	free(r->region);
	free(r->place);
	free(r);
}

/* By similarity, best first; ties by document and unit, so that the order never depends on the pools'. */
static int cmp_simhit(const void *a, const void *b)
{
	const fg_simhit *x = a, *y = b;
	if (x->similarity != y->similarity)
		return (x->similarity < y->similarity) - (x->similarity > y->similarity);
	int c = strcmp(x->hit.id, y->hit.id);
	return c ? c : (x->hit.article_index > y->hit.article_index) - (x->hit.article_index < y->hit.article_index);
}

void fg_simhits_group(fg_simhit *h, size_t n)
{
	if (n > 1)
		qsort(h, n, sizeof *h, cmp_simhit);
	fg_simhit *out = fg_xcalloc(n ? n : 1, sizeof *out);
	char *done = fg_xcalloc(n ? n : 1, 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && !strcmp(h[j].hit.id, h[i].hit.id)) {
				out[k++] = h[j];
				done[j] = 1;
			}
	}
	memcpy(h, out, n * sizeof *h);
	free(out);
	free(done);
}

/* Which version of a rule wins: in force, then pending, then any; among equals the newest. */
static int better_version(const fg_simhit *a, const fg_simhit *b)
{
	int ra = fg_status_rank(a->hit.status), rb = fg_status_rank(b->hit.status);
	if (ra != rb)
		return ra < rb;
	int c = strcmp(a->hit.published, b->hit.published);
	return c ? c > 0 : strcmp(a->hit.id, b->hit.id) < 0;
}

/*
 * Drop the hits of every version of a rule but one: the rule of a hit is the
 * end of its document's chain of versions in the title map (a renamed rule
 * included); the version kept is the best of those hit (better_version).
 */
static void collapse_versions(fg_simresult *r, const fg_titlemap *m)
{
	size_t n = r->nhits;
	const char **rule = fg_xcalloc(n ? n : 1, sizeof *rule);
	for (size_t i = 0; i < n; i++) {
		const fg_titledoc *d = fg_titlemap_get(m, r->hits[i].hit.id), *newest = NULL;
		if (d)
			fg_titlemap_successor(m, d, &newest);
		rule[i] = newest ? newest->id : d ? d->id : r->hits[i].hit.id;
	}
	char *drop = fg_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n && !drop[i]; j++)
			drop[i] = j != i && !strcmp(rule[i], rule[j]) && strcmp(r->hits[i].hit.id, r->hits[j].hit.id) &&
				  better_version(&r->hits[j], &r->hits[i]);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i]) {
			fg_simhit_fin(&r->hits[i]);
			continue;
		}
		r->hits[k++] = r->hits[i];
	}
	free(drop);
	r->nhits = k;
	free(rule);
}

/* Keep the best limit hits of relation rel (every hit when rel < 0) from h[0..n) into out, grouped; mark them taken. */
static size_t take(fg_simhit *h, size_t n, char *taken, int rel, unsigned limit, fg_simhit *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < limit; i++)
		if (!taken[i] && (rel < 0 || h[i].relation == rel || (rel == FG_REL_REFERENCE && !h[i].relation))) {
			out[k++] = h[i];
			taken[i] = 1;
		}
	fg_simhits_group(out, k);
	return k;
}

void fg_simhits_arrange(fg_simresult *r, unsigned limit, int by_relation, const fg_titlemap *versions)
{
	if (versions)
		collapse_versions(r, versions);
	size_t n = r->nhits;
	if (n > 1)
		qsort(r->hits, n, sizeof *r->hits, cmp_simhit);
	fg_simhit *out = fg_xcalloc(n ? n : 1, sizeof *out);
	char *taken = fg_xcalloc(n ? n : 1, 1);
	size_t k = 0;
	if (by_relation) {
		static const int order[] = {FG_REL_SUPERIOR, FG_REL_SAME, FG_REL_REFERENCE};
		for (size_t g = 0; g < 3; g++)
			k += take(r->hits, n, taken, order[g], limit, out + k);
	} else {
		k = take(r->hits, n, taken, -1, limit, out);
	}
	for (size_t i = 0; i < n; i++)
		if (!taken[i])
			fg_simhit_fin(&r->hits[i]);
	memcpy(r->hits, out, k * sizeof *out);
	r->nhits = k;
	free(out);
	free(taken);
}

void fg_similar_summary(fg_simresult *const *r, size_t n, fg_simsummary *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < r[i]->nhits; k++) {
			const fg_simhit *h = &r[i]->hits[k];
			switch (h->relation) {
			case FG_REL_SUPERIOR:
				out->superior++;
				out->superior_conflicts += h->nconflicts > 0;
				break;
			case FG_REL_SAME:
				out->same_level++;
				out->same_level_conflicts += h->nconflicts > 0;
				break;
			case FG_REL_REFERENCE: out->reference++; break;
			default: out->unclassified++; break;
			}
		}
}

const char *fg_relation_name(int relation)
{
	switch (relation) {
	case FG_REL_SUPERIOR: return "superior";
	case FG_REL_SAME: return "same_level";
	case FG_REL_REFERENCE: return "reference";
	default: return "";
	}
}
