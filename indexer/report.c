/*
 * report.c - `fagui-indexer --index DIR report KIND`: reports computed from
 * an index, written as TSV, CSV or JSON to stdout or a file.
 *   catalogue   every document with its unified number and status
 */
#include "fagui.h"
#include "indexer.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (t->fmt == FMT_TSV) {
		for (const char *p = v; *p; p++)
			fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, t->out);
		fputc(last ? '\n' : '\t', t->out);
	} else {
		int quote = strpbrk(v, ",\"\n\r") != NULL;
		if (quote) {
			fputc('"', t->out);
			for (const char *p = v; *p; p++) {
				if (*p == '"')
					fputc('"', t->out);
				fputc(*p, t->out);
			}
			fputc('"', t->out);
		} else {
			fputs(v, t->out);
		}
		fputs(last ? "\r\n" : ",", t->out);
	}
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

struct ids {
	fg_docid *v;
	size_t n;
};

static int collect(void *ctx, fg_docid did, unsigned wdf)
{
	(void)wdf;
	struct ids *ids = ctx;
	ids->v = fg_xrealloc(ids->v, (ids->n + 1) * sizeof *ids->v);
	ids->v[ids->n++] = did;
	return 0;
}

static const char *js(json_object *o, const char *k)
{
	json_object *v;
	if (o && json_object_object_get_ex(o, k, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

static int report_catalogue(fg_searcher *s, struct table *t)
{
	static const char *const cols[] = {"id", "title", "number", "level", "authority", "region", "status",
					   "published", "effective", "expires", "supersedes", "path"};
	t->cols = cols;
	t->ncols = 12;
	fg_xdb *db = fg_searcher_db(s);
	struct ids ids = {0};
	fg_err err = {0};
	if (fg_xdb_postings(db, "XKr", 3, collect, &ids, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	table_begin(t);
	for (size_t i = 0; i < ids.n; i++) {
		fg_xdoc *d = NULL;
		if (fg_xdb_get_document(db, ids.v[i], &d, &err) != FG_OK)
			continue;
		size_t len;
		json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &len));
		json_object *m = NULL;
		if (o)
			json_object_object_get_ex(o, "meta", &m);
		const char *vals[12] = {js(m, "id"),        js(m, "title"),     js(m, "number"),    js(m, "level"),
					js(m, "authority"), js(m, "region"),    js(m, "status"),    js(m, "published"),
					js(m, "effective"), js(m, "expires"),   js(m, "supersedes"), js(o, "path")};
		table_row(t, vals);
		json_object_put(o);
		fg_xdoc_free(d);
	}
	table_end(t, "documents");
	free(ids.v);
	return 0;
}

static void report_usage(FILE *f)
{
	fprintf(f, "usage: fagui-indexer --index DIR report KIND [--format tsv|csv|json] [--output FILE]\n"
		   "kinds:\n"
		   "  catalogue   every document: unified number, title, 文号, level, authority, region, status, dates\n");
}

int fg_indexer_report(const char *dir, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	int fmt = FMT_TSV, c;
	const char *outpath = NULL;
	optind = 1;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		report_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *kind = argv[1];
	while ((c = getopt_long(argc - 1, argv + 1, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "tsv"))
				fmt = FMT_TSV;
			else if (!strcmp(optarg, "csv"))
				fmt = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				fmt = FMT_JSON;
			else {
				fprintf(stderr, "fagui-indexer: unknown format '%s' (tsv, csv or json)\n", optarg);
				return 2;
			}
			break;
		case 'o': outpath = optarg; break;
		case 'h': report_usage(stdout); return 0;
		default: report_usage(stderr); return 2;
		}
	}
	fg_err err = {0};
	fg_searcher *s = NULL;
	if (fg_searcher_open(dir, NULL, &s, &err) != FG_OK) {
		fprintf(stderr, "fagui-indexer: %s\n", err.msg);
		return 1;
	}
	struct table t = {stdout, fmt, 0, NULL, 0, NULL};
	if (outpath && !(t.out = fopen(outpath, "w"))) {
		perror(outpath);
		fg_searcher_close(s);
		return 1;
	}
	int rc;
	if (!strcmp(kind, "catalogue") || !strcmp(kind, "catalog"))
		rc = report_catalogue(s, &t);
	else {
		fprintf(stderr, "fagui-indexer: unknown report '%s'\n", kind);
		report_usage(stderr);
		rc = 2;
	}
	if (outpath)
		fclose(t.out);
	fg_searcher_close(s);
	return rc;
}
