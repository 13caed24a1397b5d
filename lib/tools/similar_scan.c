/*
 * similar_scan.c - the corpus-wide scan for conflicting provisions (see
 * similar.h): every article of the documents in force as a source of
 * similar provisions (similar.c), each unordered pair of articles reported
 * once, the higher-level rule first; a level finding only where one rule is
 * the other's superior law (similar_rel.c: higher and binding where the
 * other applies), never between the rules of two cities.
 */
#include "similar_int.h"

#include "doc.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CONFLICTS 16

/* Whether the pair of r and h was reported already (and mark it). */
static int seen_pair(fg_strmap *seen, const fg_simresult *r, const fg_simhit *h)
{
	fg_buf key = {0};
	int cmp = strcmp(r->id, h->hit.id);
	if (cmp < 0 || (cmp == 0 && r->article_index < h->hit.article_index))
		fg_buf_printf(&key, "%s#%d|%s#%d", r->id, r->article_index, h->hit.id, h->hit.article_index);
	else
		fg_buf_printf(&key, "%s#%d|%s#%d", h->hit.id, h->hit.article_index, r->id, r->article_index);
	int dup = fg_strmap_get(seen, key.data, key.len) != NULL;
	if (!dup)
		fg_strmap_put(seen, key.data, key.len, 1);
	fg_buf_free(&key);
	return dup;
}

/* Report the pair the other way round (h as the source, rs r's standing): the higher-level rule first. */
static int report_swapped(const fg_standing *rs, fg_simresult *r, const fg_simhit *h, fg_conflict_cb cb, void *cbctx)
{
	fg_simresult rr = *r;
	rr.id = h->hit.id;
	rr.title = h->hit.title;
	rr.level = h->hit.level;
	rr.label = h->hit.article;
	rr.article_index = h->hit.article_index;
	rr.text = h->text;
	rr.region = h->hit.region;
	fg_simhit hh = *h;
	hh.hit.id = r->id;
	hh.hit.title = r->title;
	hh.hit.level = r->level;
	hh.hit.article = r->label;
	hh.hit.article_index = r->article_index;
	hh.hit.region = r->region;
	hh.text = r->text;
	fg_standing hs;
	fg_standing_init(&hs, h->hit.level, h->hit.region, h->hit.title, h->hit.status);
	int sup = fg_standing_superior(rs, &hs) ? 1 : fg_standing_superior(&hs, rs) ? -1 : 0;
	fg_standing_fin(&hs);
	fg_conflict cf[MAX_CONFLICTS];
	size_t nc = fg_conflict_compare_sup(h->text, strlen(h->text), h->hit.level, r->text, strlen(r->text), r->level,
					    sup, cf, MAX_CONFLICTS);
	int stop = 0;
	for (size_t m = 0; !stop && m < nc && m < MAX_CONFLICTS; m++) {
		fg_conflict_pair p = {&rr, &hh, &cf[m]};
		stop = cb(cbctx, &p) != 0;
	}
	return stop;
}

/* Report the findings of r's hits not reported yet; nonzero when cb asks to stop. */
static int report_source(const fg_standing *rs, fg_simresult *r, fg_strmap *seen, fg_conflict_cb cb, void *cbctx)
{
	int stop = 0;
	for (size_t k = 0; !stop && k < r->nhits; k++) {
		const fg_simhit *h = &r->hits[k];
		if (!h->nconflicts || seen_pair(seen, r, h))
			continue;
		if (fg_level_rank(h->hit.level) < fg_level_rank(r->level)) {
			stop = report_swapped(rs, r, h, cb, cbctx);
			continue;
		}
		for (size_t m = 0; !stop && m < h->nconflicts; m++) {
			fg_conflict_pair p = {r, h, &h->conflicts[m]};
			stop = cb(cbctx, &p) != 0;
		}
	}
	return stop;
}

fg_status fg_similar_scan_conflicts(fg_searcher *s, const fg_stopwords *sw, double min_similarity,
				    fg_conflict_cb cb, void *cbctx, fg_err *err)
{
	fg_simctx c;
	fg_simctx_init(&c, s, sw);
	fg_xdocids arts = {0}, live = {0};
	fg_status st = fg_xdb_postings(c.db, FG_TERM_ARTICLES, 3, fg_xdocids_collect, &arts, err);
	if (st == FG_OK) {
		fg_buf t = {0};
		fg_term_field(&t, FG_PFX_STATUS, FG_STATUS_IN_FORCE, strlen(FG_STATUS_IN_FORCE));
		st = fg_xdb_postings(c.db, t.data, t.len, fg_xdocids_collect, &live, err);
		fg_buf_free(&t);
	}
	fg_strmap seen = {0};
	fg_similar_opts o = {10, min_similarity, 1, 1, NULL, NULL};
	int stop = 0;
	/* both posting lists are in docid order: walk their intersection */
	for (size_t i = 0, j = 0; st == FG_OK && !stop && i < arts.n && j < live.n;) {
		if (arts.v[i] < live.v[j]) {
			i++;
			continue;
		}
		if (arts.v[i] > live.v[j]) {
			j++;
			continue;
		}
		fg_xdoc *d = NULL;
		st = fg_xdb_get_document(c.db, arts.v[i], &d, err);
		i++, j++;
		if (st != FG_OK)
			break;
		fg_simresult *r = NULL;
		st = fg_simctx_source(&c, d, &r, err);
		fg_xdoc_free(d);
		if (st != FG_OK)
			break;
		st = fg_simctx_run(&c, r, &o, err);
		if (st == FG_OK)
			stop = report_source(&c.src, r, &seen, cb, cbctx);
		fg_simresult_free(r);
	}
	free(arts.v);
	free(live.v);
	fg_strmap_free(&seen);
	fg_simctx_fin(&c);
	return st;
}
