/*
 * fuzz_doc.c - fg_doc_parse on arbitrary bytes as Markdown, as plain text
 * or by file name (the first byte chooses): on success every unit, event
 * and metadata string is valid UTF-8 and the units are consistent; on
 * failure there is a message. fg_doc_make_id works on whatever came out.
 */
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "text.h"

static void check_str(const char *s)
{
	if (s)
		CHECK(fg_utf8_valid(s, strlen(s), NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const names[] = {"法规.md", "法规.txt", "法规.markdown", "法规"};
	static const int formats[] = {FG_FMT_AUTO, FG_FMT_MARKDOWN, FG_FMT_TEXT};
	const char *name = names[data[0] & 3];
	int format = formats[(data[0] >> 2) % 3];
	fg_doc *d = NULL;
	fg_err err = {0};
	fg_status st = fg_doc_parse(name, (const char *)data + 1, size - 1, format, &d, &err);
	if (st != FG_OK) {
		CHECK(d == NULL);
		CHECK(err.msg[0] != '\0');
		return 0;
	}
	CHECK(d != NULL);
	CHECK(d->format == FG_FMT_MARKDOWN || d->format == FG_FMT_TEXT);
	CHECK(d->body != NULL && d->body[d->bodylen] == '\0');
	CHECK(fg_utf8_valid(d->body, d->bodylen, NULL));
	for (size_t i = 0; i < d->nunits; i++) {
		const fg_article *a = &d->units[i];
		CHECK(a->kind >= FG_UNIT_ARTICLE && a->kind <= FG_UNIT_TEXT);
		CHECK(a->label && a->heading && a->text);
		CHECK(a->text[a->len] == '\0');
		/* UTF-8 input with NUL bytes is binary (with or without a BOM); UTF-16 may still carry U+0000. */
		if (d->encoding && !strcmp(d->encoding, "UTF-8"))
			CHECK(strlen(a->text) == a->len);
		CHECK(fg_utf8_valid(a->text, a->len, NULL));
		check_str(a->label);
		check_str(a->heading);
		CHECK(a->num >= 0 && a->sub >= 0);
		CHECK(a->nparas >= 0 && a->nitems >= 0);
		if (a->kind == FG_UNIT_ARTICLE)
			CHECK(a->label[0] != '\0');
		if (a->kind == FG_UNIT_TEXT && a->label[0]) {
			/* an item's label is a key the label reader takes back whole */
			size_t ends[8], last = 0, n = fg_item_label_prefixes(a->label, ends, 8, &last);
			CHECK(n > 0 && ends[n - 1] == strlen(a->label) && last < ends[n - 1]);
			char *shown = fg_item_label_display(a->label);
			check_str(shown);
			free(shown);
		}
	}
	for (size_t i = 0; i < d->nevents; i++) {
		CHECK(strlen(d->events[i].date) == 10);
		check_str(d->events[i].text);
	}
	const fg_meta *m = &d->meta;
	const char *fields[] = {m->id, m->title, m->number, m->authority, m->level, m->status,
				m->region, m->category, m->published, m->effective, m->expires, m->supersedes};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		check_str(fields[i]);
	if (m->level)
		CHECK(fg_level_rank(m->level) < 10);
	if (m->status)
		CHECK(fg_status_rank(m->status) < 5);
	const char *dates[] = {m->published, m->effective, m->expires};
	for (size_t i = 0; i < 3; i++)
		if (dates[i])
			CHECK(strlen(dates[i]) == 10 && dates[i][4] == '-' && dates[i][7] == '-');
	char *id = fg_doc_make_id(m);
	CHECK(id != NULL && id[0] != '\0');
	free(id);
	fg_doc_free(d);
	return 0;
}
