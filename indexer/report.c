/*
 * report.c - `fagui-indexer --index DIR report KIND`: reports computed from
 * an index, written as TSV, CSV or JSON to stdout or a file.
 *   catalogue   every document with its unified number and status
 *   similar     articles similar to one article or to pasted text (similar.h)
 *   conflicts   conflicting provisions among the rules in force
 *   compare     article-level comparison of two versions (新旧对照, versions.h)
 *   changes     the change log of dated status events
 *   citations   every reference to another rule, resolved (cite.h)
 *   cleanup     the 规章和规范性文件清理 findings (cleanup.h)
 *   impact      the articles an amendment of a superior law affects (impact.h)
 */
#include "fagui.h"
#include "indexer.h"

#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FMT_TSV, FMT_CSV, FMT_JSON };

struct table {
	FILE *out;
	int fmt;
	int ncols;
	const char *const *cols;
	size_t rows;
	json_object *arr;
};

static void put_field(struct table *t, const char *v, int last)
{
	fg_buf b = {0};
	fg_buf_put_field(&b, v, t->fmt == FMT_CSV, last);
	fputs(b.data, t->out);
	fg_buf_free(&b);
}

static void table_begin(struct table *t)
{
	if (t->fmt == FMT_JSON) {
		t->arr = json_object_new_array();
		return;
	}
	for (int i = 0; i < t->ncols; i++)
		put_field(t, t->cols[i], i == t->ncols - 1);
}

static void table_row(struct table *t, const char *const *vals)
{
	t->rows++;
	if (t->fmt == FMT_JSON) {
		json_object *o = json_object_new_object();
		for (int i = 0; i < t->ncols; i++)
			json_object_object_add(o, t->cols[i], json_object_new_string(vals[i] ? vals[i] : ""));
		json_object_array_add(t->arr, o);
		return;
	}
	for (int i = 0; i < t->ncols; i++)
		put_field(t, vals[i] ? vals[i] : "", i == t->ncols - 1);
}

static void table_end(struct table *t, const char *key)
{
	if (t->fmt != FMT_JSON)
		return;
	json_object *o = json_object_new_object();
	json_object_object_add(o, key, t->arr);
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), t->out);
	fputc('\n', t->out);
	json_object_put(o);
}

struct catalogue_rows {
	struct table *t;
	int begun;
};

static int catalogue_row(void *ctx, const fg_meta *m, const char *path)
{
	struct catalogue_rows *c = ctx;
	if (!c->begun++)
		table_begin(c->t);
	const char *vals[12] = {m->id,	   m->title,	  m->number,	m->level,   m->authority,  m->region,
				m->status, m->published, m->effective, m->expires, m->supersedes, path};
	table_row(c->t, vals);
	return 0;
}

static int report_catalogue(fg_searcher *s, struct table *t)
{
	static const char *const cols[] = {"id", "title", "number", "level", "authority", "region", "status",
					   "published", "effective", "expires", "supersedes", "path"};
	t->cols = cols;
	t->ncols = 12;
	struct catalogue_rows c = {t, 0};
	fg_err err = {0};
	if (fg_catalogue_each(s, catalogue_row, &c, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	if (!c.begun)
		table_begin(t);
	table_end(t, "documents");
	return 0;
}

/* ---- work tools: similar provisions, conflicts, version comparison, change log ---- */

struct wt_opts {
	const char *id, *text_file, *a, *b, *stopwords, *level;
	const char *old_id, *new_id; /* report impact */
	int article;         /* -1 when not given */
	unsigned limit;
	double min_similarity;
};

/* The stop list: --stopwords, else stopwords/stopwords.txt near the binary (build tree or installation). */
static fg_stopwords *wt_stopwords(const struct wt_opts *o)
{
	fg_err err = {0};
	fg_stopwords *sw = NULL;
	if (o->stopwords) {
		if (fg_stopwords_load(o->stopwords, &sw, &err) != FG_OK)
			fprintf(stderr, "fagui-indexer: %s (going on without stop words)\n", err.msg);
		return sw;
	}
	char *path = fg_find_data("stopwords", "stopwords.txt");
	if (path && fg_stopwords_load(path, &sw, &err) != FG_OK)
		sw = NULL;
	free(path);
	return sw;
}

static void wt_conflicts_str(fg_buf *b, const fg_simresult *r, const fg_simhit *h)
{
	for (size_t k = 0; k < h->nconflicts; k++) {
		const fg_conflict *c = &h->conflicts[k];
		if (k)
			fg_buf_puts(b, "; ");
		fg_buf_printf(b, "%s: %.*s -> %.*s", fg_conflict_type_name(c->type), (int)(c->a_end - c->a_start),
			      r->text + c->a_start, (int)(c->b_end - c->b_start), h->text + c->b_start);
	}
}

static int report_similar(fg_searcher *s, struct table *t, const struct wt_opts *o)
{
	if ((o->id == NULL) == (o->text_file == NULL) || (o->id && o->article < 0)) {
		fprintf(stderr, "fagui-indexer: report similar needs --id ID --article N, or --text-file FILE\n");
		return 2;
	}
	fg_stopwords *sw = wt_stopwords(o);
	fg_similar_opts so = {o->limit, o->min_similarity, 0, 0, o->level, NULL};
	fg_err err = {0};
	fg_simresult **rs = NULL;
	size_t n = 0;
	fg_status st;
	if (o->id) {
		fg_simresult *one = NULL;
		st = fg_similar_article(s, sw, o->id, o->article, &so, &one, &err);
		if (st == FG_OK) {
			rs = fg_xcalloc(1, sizeof *rs);
			rs[0] = one;
			n = 1;
		}
	} else {
		char *text = NULL;
		size_t len = 0;
		st = fg_read_file(o->text_file, 16u << 20, &text, &len, &err);
		if (st == FG_OK)
			st = fg_similar_text(s, sw, text, len, &so, &rs, &n, &err);
		free(text);
	}
	fg_stopwords_free(sw);
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return st == FG_E_NOTFOUND || st == FG_E_INVAL || st == FG_E_LIMIT ? 2 : 1;
	}
	if (t->fmt == FMT_JSON) {
		char *js = fg_similar_json(rs, n, o->text_file != NULL);
		fputs(js, t->out);
		fputc('\n', t->out);
		free(js);
	} else {
		static const char *const cols[] = {"source", "source_article", "rank", "id", "title", "level", "status",
						   "article", "article_index", "similarity", "conflicts"};
		t->cols = cols;
		t->ncols = 11;
		table_begin(t);
		for (size_t i = 0; i < n; i++) {
			const fg_simresult *r = rs[i];
			for (size_t k = 0; k < r->nhits; k++) {
				const fg_simhit *h = &r->hits[k];
				char rank[24], idx[16], sim[16];
				snprintf(rank, sizeof rank, "%zu", k + 1);
				snprintf(idx, sizeof idx, "%d", h->hit.article_index);
				snprintf(sim, sizeof sim, "%.4f", h->similarity);
				fg_buf cb = {0};
				wt_conflicts_str(&cb, r, h);
				const char *vals[11] = {*r->id ? r->id : "draft", r->label, rank, h->hit.id, h->hit.title,
							h->hit.level, h->hit.status, h->hit.article, idx, sim,
							cb.data ? cb.data : ""};
				table_row(t, vals);
				fg_buf_free(&cb);
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		fg_simresult_free(rs[i]);
	free(rs);
	return 0;
}

static int conflict_row(void *ctx, const fg_conflict_pair *p)
{
	struct table *t = ctx;
	const fg_simresult *r = p->src;
	const fg_simhit *h = p->hit;
	const fg_conflict *c = p->c;
	char sim[16];
	snprintf(sim, sizeof sim, "%.4f", h->similarity);
	char *as = fg_xstrndup(r->text + c->a_start, c->a_end - c->a_start);
	char *bs = fg_xstrndup(h->text + c->b_start, c->b_end - c->b_start);
	const char *vals[14] = {fg_conflict_type_name(c->type), r->id, r->title, r->level, r->label, as,
				h->hit.id, h->hit.title, h->hit.level, h->hit.article, bs, sim,
				c->stricter > 0 ? "b" : c->stricter < 0 ? "a" : "", c->note};
	table_row(t, vals);
	free(as);
	free(bs);
	return 0;
}

static int report_conflicts(fg_searcher *s, struct table *t, const struct wt_opts *o)
{
	static const char *const cols[] = {"type", "a_id", "a_title", "a_level", "a_article", "a_span", "b_id",
					   "b_title", "b_level", "b_article", "b_span", "similarity", "stricter", "note"};
	t->cols = cols;
	t->ncols = 14;
	fg_stopwords *sw = wt_stopwords(o);
	table_begin(t);
	fg_err err = {0};
	fg_status st = fg_similar_scan_conflicts(s, sw, o->min_similarity > 0 ? o->min_similarity : 0.45,
						 conflict_row, t, &err);
	fg_stopwords_free(sw);
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	table_end(t, "conflicts");
	return 0;
}

/* ---- citations and cleanup (cite.h, cleanup.h) ---- */

static int report_citations(fg_searcher *s, struct table *t)
{
	static const char *const cols[] = {"id", "title", "article", "unit_index", "kind", "text", "cited_title",
					   "cited_article", "resolved", "cited_id", "cited_resolved_title"};
	t->cols = cols;
	t->ncols = 11;
	const fg_titlemap *m = NULL;
	fg_searcher_titles(s, &m, NULL); /* none when the records cannot be read: an empty listing, as before */
	table_begin(t);
	for (size_t i = 0; i < fg_titlemap_count(m); i++) {
		const fg_titledoc *d = fg_titlemap_at(m, i);
		fg_docview *v = NULL;
		fg_err err = {0};
		if (fg_docview_get(s, d->id, &v, &err) != FG_OK) {
			fprintf(stderr, "fagui-indexer: %s\n", err.msg);
			continue;
		}
		for (size_t k = 0; k < v->ncitations; k++) {
			const fg_citation *c = &v->citations[k];
			char ui[16];
			snprintf(ui, sizeof ui, "%zu", c->unit_index);
			const char *label = c->unit_index < v->nunits ? v->units[c->unit_index].label : "";
			const char *vals[11] = {d->id,      d->title,     label, ui, fg_cite_kind_name(c->c.kind), c->text,
						c->c.title, c->c.article, c->resolved ? "1" : "0", c->id, c->rtitle};
			table_row(t, vals);
		}
		fg_docview_free(v);
	}
	table_end(t, "citations");
	return 0;
}

struct cleanup_args {
	fg_cleanup_opts o;
	const char *terms_path;
	int group;          /* --group rule: the JSON has one entry per rule */
	const char *action; /* --action: only the rules with these suggested actions */
	int sort, desc;     /* --sort, --order: of the rules */
	int order_set;
};

/* --group, --action, --sort and --order (option ids 40 to 43) into ca; -1 with a message on a bad value. */
static int cleanup_opt(struct cleanup_args *ca, int id, const char *v)
{
	static const char *const sorts[] = {"findings", "level", "date"};
	if (id == 40 && (!strcmp(v, "rule") || !strcmp(v, "finding"))) {
		ca->group = !strcmp(v, "rule");
		return 0;
	}
	if (id == 41) {
		ca->action = v;
		return 0;
	}
	for (int k = 0; id == 42 && k < 3; k++)
		if (!strcmp(v, sorts[k])) {
			ca->sort = k; /* FG_RULES_BY_FINDINGS, _LEVEL, _DATE */
			return 0;
		}
	if (id == 43 && (!strcmp(v, "asc") || !strcmp(v, "desc"))) {
		ca->desc = !strcmp(v, "desc");
		ca->order_set = 1;
		return 0;
	}
	fprintf(stderr, "fagui-indexer: %s\n", id == 40 ? "--group must be rule or finding"
					     : id == 42 ? "--sort must be findings, level or date"
							: "--order must be asc or desc");
	return -1;
}

/* The findings v (or those of the rules with ca->action), as the format and grouping ask. Caller frees. */
static char *cleanup_output(const struct table *t, const struct cleanup_args *ca, const fg_finding *v, size_t n)
{
	fg_cleanup_rule *rules = NULL;
	int desc = ca->order_set ? ca->desc : ca->sort == FG_RULES_BY_FINDINGS;
	size_t nr = fg_cleanup_rules(v, n, ca->action, ca->sort, desc, &rules);
	fg_finding *w = NULL;
	size_t k = n;
	if (ca->action && *ca->action) /* the findings of those rules only */
		k = fg_cleanup_rule_findings(v, rules, nr, &w);
	const fg_finding *f = w ? w : v;
	char *out;
	if (t->fmt == FMT_JSON && ca->group)
		out = fg_cleanup_rules_json(v, rules, nr, 0, nr); /* the rules index into v */
	else if (t->fmt == FMT_JSON)
		out = fg_cleanup_json(f, k);
	else
		out = fg_cleanup_table(f, k, t->fmt == FMT_CSV ? FG_TABLE_CSV : FG_TABLE_TSV);
	free(w);
	free(rules);
	return out;
}

static int report_cleanup(fg_searcher *s, struct table *t, struct cleanup_args *ca)
{
	fg_err err = {0};
	char *path = ca->terms_path ? fg_xstrdup(ca->terms_path) : fg_terms_default_path();
	fg_terms *terms = NULL;
	if (!path)
		fprintf(stderr, "fagui-indexer: data/outdated-terms.tsv not found (use --terms FILE): "
				"no outdated-term findings\n");
	else if (fg_terms_load(path, &terms, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		free(path);
		return 1;
	}
	free(path);
	ca->o.terms = terms;
	fg_finding *v = NULL;
	size_t n = 0;
	fg_status st = fg_cleanup_run(s, &ca->o, &v, &n, &err);
	fg_terms_free(terms);
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return st == FG_E_INVAL ? 2 : 1;
	}
	char *out = cleanup_output(t, ca, v, n);
	fputs(out, t->out);
	if (t->fmt == FMT_JSON)
		fputc('\n', t->out);
	free(out);
	fg_findings_free(v, n);
	return 0;
}

static int parse_years(const char *opt, const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 200) {
		fprintf(stderr, "fagui-indexer: %s must be a number of years between 1 and 200\n", opt);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int report_compare(fg_searcher *s, struct table *t, const struct wt_opts *o)
{
	if (!o->a || !o->b) {
		fprintf(stderr, "fagui-indexer: report compare needs --a OLD_ID --b NEW_ID\n");
		return 2;
	}
	fg_err err = {0};
	fg_comparison *cmp = NULL;
	fg_status st = fg_compare(s, o->a, o->b, &cmp, &err);
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return st == FG_E_NOTFOUND ? 2 : 1;
	}
	if (t->fmt == FMT_JSON) {
		char *js = fg_comparison_json(cmp);
		fputs(js, t->out);
		fputc('\n', t->out);
		free(js);
	} else {
		static const char *const cols[] = {"change", "a_label", "b_label", "similarity", "a_text", "b_text"};
		t->cols = cols;
		t->ncols = 6;
		table_begin(t);
		for (size_t i = 0; i < cmp->nrows; i++) {
			const fg_cmp_row *r = &cmp->rows[i];
			char sim[16];
			snprintf(sim, sizeof sim, "%.4f", r->similarity);
			const char *vals[6] = {fg_change_name(r->change), r->a >= 0 ? cmp->a->units[r->a].label : "",
					       r->b >= 0 ? cmp->b->units[r->b].label : "", sim,
					       r->a >= 0 ? cmp->a->units[r->a].text : "", r->b >= 0 ? cmp->b->units[r->b].text : ""};
			table_row(t, vals);
		}
	}
	fg_comparison_free(cmp);
	return 0;
}

/* The articles of rules in force citing articles of --old that --new modified, renumbered or deleted. */
static int report_impact(fg_searcher *s, struct table *t, const struct wt_opts *o)
{
	if (!o->old_id || !o->new_id) {
		fprintf(stderr, "fagui-indexer: report impact needs --old OLD_ID --new NEW_ID\n");
		return 2;
	}
	fg_err err = {0};
	fg_impact *im = NULL;
	fg_status st = fg_impact_run(s, o->old_id, o->new_id, &im, &err);
	if (st != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return st == FG_E_NOTFOUND || st == FG_E_INVAL ? 2 : 1;
	}
	char *out = t->fmt == FMT_JSON ? fg_impact_json(im) : fg_impact_table(im, t->fmt == FMT_CSV);
	fputs(out, t->out);
	if (t->fmt == FMT_JSON)
		fputc('\n', t->out);
	free(out);
	fg_impact_free(im);
	return 0;
}

static int report_changes(fg_searcher *s, struct table *t, const char *dir)
{
	fg_status_event *ev = NULL;
	size_t n = 0;
	fg_err err = {0};
	if (fg_events_load(dir, &ev, &n, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	char *log = fg_changes_json(s, ev, n);
	fg_events_free(ev, n);
	if (t->fmt == FMT_JSON) {
		fputs(log, t->out);
		fputc('\n', t->out);
		free(log);
		return 0;
	}
	static const char *const cols[] = {"date", "id", "title", "status", "previous", "superseded_by", "note", "recorded"};
	t->cols = cols;
	t->ncols = 8;
	table_begin(t);
	json_object *o = json_tokener_parse(log);
	json_object *arr = NULL;
	json_object_object_get_ex(o, "changes", &arr);
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		json_object *x = json_object_array_get_idx(arr, i);
		const char *vals[8];
		for (int k = 0; k < 8; k++)
			vals[k] = fg_json_str(x, cols[k]);
		table_row(t, vals);
	}
	json_object_put(o);
	free(log);
	return 0;
}

static void report_usage(FILE *f)
{
	fprintf(f, "usage: fagui-indexer --index DIR report KIND [--format tsv|csv|json] [--output FILE]\n"
		   "kinds:\n"
		   "  catalogue   every document: unified number, title, 文号, level, authority, region, status, dates\n"
		   "  similar     --id ID --article N | --text-file FILE [--limit N] [--level LEVEL] [--stopwords FILE]\n"
		   "              the most similar articles, with conflicting amounts, time limits and modality\n"
		   "  conflicts   [--min-similarity X (0.45)]: conflicting provisions among the rules in force\n"
		   "  compare     --a OLD_ID --b NEW_ID: article-level comparison of two versions (新旧对照)\n"
		   "  changes     the change log of dated status events (fagui-indexer event)\n"
		   "  citations   every reference to another rule (《…》, basis clauses, internal) and what it resolves to\n"
		   "  cleanup     规章和规范性文件清理 findings (reason, evidence, action); [--reason R] [--level L]\n"
		   "              [--region R] [--authority A] (comma lists; authority: substring) [--years N (10)]\n"
		   "              [--validity-years N (5)] [--today YYYY-MM-DD] [--terms FILE (data/outdated-terms.tsv)]\n"
		   "              [--action 修改|废止|宣布失效|核查] [--group rule (JSON by rule)]\n"
		   "              [--sort findings|level|date] [--order asc|desc] (CSV: Chinese headers and values, BOM)\n"
		   "  impact      --old OLD_ID --new NEW_ID: articles of rules in force citing articles the amendment\n"
		   "              modified, renumbered or deleted (影响分析)\n");
}

struct report_opts {
	int fmt;
	const char *outpath;
	struct wt_opts wo;
	struct cleanup_args ca;
};

/* Parse the options after KIND into *ro: -1 to go on, else the exit status. */
static int parse_report_opts(int argc, char **argv, struct report_opts *ro)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {"id", required_argument, NULL, 1},
					     {"article", required_argument, NULL, 2},
					     {"text-file", required_argument, NULL, 3},
					     {"limit", required_argument, NULL, 4},
					     {"min-similarity", required_argument, NULL, 5},
					     {"a", required_argument, NULL, 6},
					     {"b", required_argument, NULL, 7},
					     {"stopwords", required_argument, NULL, 8},
					     {"level", required_argument, NULL, 9},
					     {"reason", required_argument, NULL, 20},
					     {"region", required_argument, NULL, 21},
					     {"authority", required_argument, NULL, 22},
					     {"years", required_argument, NULL, 23},
					     {"validity-years", required_argument, NULL, 24},
					     {"today", required_argument, NULL, 25},
					     {"terms", required_argument, NULL, 26},
					     {"group", required_argument, NULL, 40},
					     {"action", required_argument, NULL, 41},
					     {"sort", required_argument, NULL, 42},
					     {"order", required_argument, NULL, 43},
					     {"old", required_argument, NULL, 30},
					     {"new", required_argument, NULL, 31},
					     {NULL, 0, NULL, 0}};
	struct wt_opts *wo = &ro->wo;
	struct cleanup_args *ca = &ro->ca;
	char *end = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "tsv"))
				ro->fmt = FMT_TSV;
			else if (!strcmp(optarg, "csv"))
				ro->fmt = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				ro->fmt = FMT_JSON;
			else {
				fprintf(stderr, "fagui-indexer: unknown format '%s' (tsv, csv or json)\n", optarg);
				return 2;
			}
			break;
		case 'o': ro->outpath = optarg; break;
		case 'h': report_usage(stdout); return 0;
		case 1: wo->id = optarg; break;
		case 2:
			wo->article = (int)strtol(optarg, &end, 10);
			if (*end || wo->article < 0) {
				fprintf(stderr, "fagui-indexer: --article must be a unit index (0, 1, ...)\n");
				return 2;
			}
			break;
		case 3: wo->text_file = optarg; break;
		case 4:
			wo->limit = (unsigned)strtoul(optarg, &end, 10);
			if (*end || wo->limit < 1 || wo->limit > FG_SIMILAR_MAX_LIMIT) {
				fprintf(stderr, "fagui-indexer: --limit must be between 1 and %d\n", FG_SIMILAR_MAX_LIMIT);
				return 2;
			}
			break;
		case 5:
			wo->min_similarity = strtod(optarg, &end);
			if (*end || wo->min_similarity < 0 || wo->min_similarity > 1) {
				fprintf(stderr, "fagui-indexer: --min-similarity must be between 0 and 1\n");
				return 2;
			}
			break;
		case 6: wo->a = optarg; break;
		case 7: wo->b = optarg; break;
		case 8: wo->stopwords = optarg; break;
		case 9: wo->level = optarg; ca->o.level = optarg; break;
		case 20: ca->o.reason = optarg; break;
		case 21: ca->o.region = optarg; break;
		case 22: ca->o.authority = optarg; break;
		case 23: if (parse_years("--years", optarg, &ca->o.years)) return 2; break;
		case 24: if (parse_years("--validity-years", optarg, &ca->o.validity_years)) return 2; break;
		case 25: ca->o.today = optarg; break;
		case 26: ca->terms_path = optarg; break;
		case 40: case 41: case 42: case 43: if (cleanup_opt(ca, c, optarg)) return 2; break;
		case 30: wo->old_id = optarg; break;
		case 31: wo->new_id = optarg; break;
		default: report_usage(stderr); return 2;
		}
	}
	return -1;
}

/* Run report kind: its exit status. */
static int run_report(const char *kind, const char *dir, fg_searcher *s, struct table *t, struct report_opts *ro)
{
	if (!strcmp(kind, "catalogue") || !strcmp(kind, "catalog"))
		return report_catalogue(s, t);
	if (!strcmp(kind, "similar"))
		return report_similar(s, t, &ro->wo);
	if (!strcmp(kind, "conflicts"))
		return report_conflicts(s, t, &ro->wo);
	if (!strcmp(kind, "compare"))
		return report_compare(s, t, &ro->wo);
	if (!strcmp(kind, "changes"))
		return report_changes(s, t, dir);
	if (!strcmp(kind, "citations"))
		return report_citations(s, t);
	if (!strcmp(kind, "cleanup"))
		return report_cleanup(s, t, &ro->ca);
	if (!strcmp(kind, "impact"))
		return report_impact(s, t, &ro->wo);
	fprintf(stderr, "fagui-indexer: unknown report '%s'\n", kind);
	report_usage(stderr);
	return 2;
}

int fg_indexer_report(const char *dir, int argc, char **argv)
{
	struct report_opts ro;
	memset(&ro, 0, sizeof ro);
	ro.fmt = FMT_TSV;
	ro.wo.article = -1;
	optind = 1;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		report_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *kind = argv[1];
	int rc = parse_report_opts(argc - 1, argv + 1, &ro);
	if (rc >= 0)
		return rc;
	fg_err err = {0};
	fg_searcher *s = NULL;
	if (fg_searcher_open(dir, NULL, &s, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	struct table t = {stdout, ro.fmt, 0, NULL, 0, NULL};
	if (ro.outpath && !(t.out = fopen(ro.outpath, "w"))) {
		perror(ro.outpath);
		fg_searcher_close(s);
		return 1;
	}
	rc = run_report(kind, dir, s, &t, &ro);
	if (ro.outpath)
		fclose(t.out);
	fg_searcher_close(s);
	return rc;
}
