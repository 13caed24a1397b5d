/*
 * fg-parse.c - print how Fagui parses source files: metadata, events and
 * units (index, kind, label, number, heading, start of text), or with
 * --json the whole document as JSON. Used by tests and for debugging.
 */
#include "fagui.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"article", "preamble", "appendix", "text"};

static const char *kind_name(int k)
{
	return k >= 0 && k <= 3 ? kinds[k] : "?";
}

static void usage(FILE *f)
{
	fprintf(f, "usage: fg-parse [--json] [--markdown|--text] FILE...\n"
		   "  --json       print each document as one JSON object per line\n"
		   "  --markdown   parse every file as Markdown\n"
		   "  --text       parse every file as plain text\n"
		   "  --summary    one line per file: units, articles, events, encoding\n");
}

/* First n code points of s. */
static int prefix_bytes(const char *s, size_t len, size_t n)
{
	size_t pos = 0;
	while (pos < len && n--) {
		uint32_t cp;
		pos += fg_utf8_decode(s + pos, len - pos, &cp);
	}
	return (int)pos;
}

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

static json_object *meta_json(const fg_meta *m)
{
	json_object *o = json_object_new_object();
	add_str(o, "id", m->id);
	add_str(o, "title", m->title);
	add_str(o, "number", m->number);
	add_str(o, "authority", m->authority);
	add_str(o, "level", m->level);
	add_str(o, "status", m->status);
	add_str(o, "region", m->region);
	add_str(o, "category", m->category);
	add_str(o, "published", m->published);
	add_str(o, "effective", m->effective);
	add_str(o, "expires", m->expires);
	add_str(o, "supersedes", m->supersedes);
	json_object_object_add(o, "version", json_object_new_int(m->version));
	json_object_object_add(o, "expired", json_object_new_int(m->expired));
	return o;
}

static void print_json(const char *path, const fg_doc *d)
{
	json_object *o = json_object_new_object();
	add_str(o, "path", path);
	add_str(o, "encoding", d->encoding);
	add_str(o, "format", d->format == FG_FMT_MARKDOWN ? "markdown" : "text");
	json_object_object_add(o, "nbad", json_object_new_int64((int64_t)d->nbad));
	json_object_object_add(o, "dup_labels", json_object_new_int(d->dup_labels));
	json_object_object_add(o, "gaps", json_object_new_int(d->gaps));
	char *id = fg_doc_make_id(&d->meta);
	add_str(o, "doc_id", id);
	free(id);
	json_object_object_add(o, "meta", meta_json(&d->meta));
	json_object *ev = json_object_new_array();
	for (size_t i = 0; i < d->nevents; i++) {
		json_object *e = json_object_new_object();
		add_str(e, "date", d->events[i].date);
		add_str(e, "text", d->events[i].text);
		json_object_array_add(ev, e);
	}
	json_object_object_add(o, "events", ev);
	json_object *us = json_object_new_array();
	for (size_t i = 0; i < d->nunits; i++) {
		const fg_article *a = &d->units[i];
		json_object *u = json_object_new_object();
		add_str(u, "kind", kind_name(a->kind));
		add_str(u, "label", a->label);
		json_object_object_add(u, "num", json_object_new_int64(a->num));
		json_object_object_add(u, "sub", json_object_new_int64(a->sub));
		add_str(u, "heading", a->heading);
		json_object_object_add(u, "nparas", json_object_new_int(a->nparas));
		json_object_object_add(u, "nitems", json_object_new_int(a->nitems));
		json_object_object_add(u, "text", json_object_new_string_len(a->text, (int)a->len));
		json_object_array_add(us, u);
	}
	json_object_object_add(o, "units", us);
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void print_text(const char *path, const fg_doc *d)
{
	const fg_meta *m = &d->meta;
	printf("file: %s\n", path);
	printf("encoding: %s  format: %s  bad bytes: %zu\n", d->encoding ? d->encoding : "-",
	       d->format == FG_FMT_MARKDOWN ? "markdown" : "text", d->nbad);
#define F(x) printf("%-11s %s\n", #x ":", m->x ? m->x : "-")
	F(title);
	F(id);
	F(number);
	F(authority);
	F(level);
	F(status);
	F(region);
	F(category);
	F(published);
	F(effective);
	F(expires);
#undef F
	for (size_t i = 0; i < d->nevents; i++)
		printf("event: %s %s\n", d->events[i].date, d->events[i].text);
	printf("units: %zu  duplicate labels: %d  gaps: %d\n", d->nunits, d->dup_labels, d->gaps);
	for (size_t i = 0; i < d->nunits; i++) {
		const fg_article *a = &d->units[i];
		printf("%zu\t%s\t%s\t%ld/%ld\tparas=%d items=%d\t[%s]\t%.*s\n", i, kind_name(a->kind),
		       *a->label ? a->label : "-", a->num, a->sub, a->nparas, a->nitems, a->heading,
		       prefix_bytes(a->text, a->len, 60), a->text);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},     {"markdown", no_argument, NULL, 'm'},
		{"text", no_argument, NULL, 't'},     {"summary", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0},
	};
	int json = 0, summary = 0, format = FG_FMT_AUTO, c;
	while ((c = getopt_long(argc, argv, "jmtsh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'm': format = FG_FMT_MARKDOWN; break;
		case 't': format = FG_FMT_TEXT; break;
		case 's': summary = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "fg-parse: no file given (try --help)\n");
		return 2;
	}
	int rc = 0;
	for (int i = optind; i < argc; i++) {
		char *bytes = NULL;
		size_t len = 0;
		fg_err err = {0};
		fg_doc *d = NULL;
		if (fg_read_file(argv[i], 0, &bytes, &len, &err) != FG_OK ||
		    fg_doc_parse(argv[i], bytes, len, format, &d, &err) != FG_OK) {
			fprintf(stderr, "fg-parse: %s\n", err.msg);
			free(bytes);
			rc = 1;
			continue;
		}
		if (summary) {
			size_t na = 0;
			for (size_t k = 0; k < d->nunits; k++)
				na += d->units[k].kind == FG_UNIT_ARTICLE;
			printf("%s\tunits=%zu\tarticles=%zu\tevents=%zu\tdups=%d\tgaps=%d\t%s\n", argv[i], d->nunits, na,
			       d->nevents, d->dup_labels, d->gaps, d->encoding);
		} else if (json) {
			print_json(argv[i], d);
		} else {
			print_text(argv[i], d);
		}
		fg_doc_free(d);
		free(bytes);
	}
	return rc;
}
