/*
 * history.c - the history of a document: the dated lines under its title
 * ("1997年3月14日第八届全国人民代表大会第五次会议修订", also "（2021-03-01 施行）")
 * become its events, and a document number line (示府发〔2021〕3号, by the
 * strict pattern of textmeta.c) its number. With a <!-- INFO END --> marker every line above it belongs to
 * the title block; without one, the run of dated lines right after the
 * title does. The events then give the published and effective dates the
 * metadata lacks.
 */
#include "parse_int.h"

#include <stdlib.h>
#include <string.h>

/* The event text after a date ending at s[off]: trimmed, up to s[end]. */
static int event_text(const char *s, size_t off, size_t end, size_t *text_off, size_t *text_len)
{
	size_t tl = end - off;
	const char *t = fg_parse_trim(s + off, &tl);
	*text_off = (size_t)(t - s);
	*text_len = tl;
	return 1;
}

/*
 * Date at the start of an event line: "1997年3月14日 ...", "2021-03-01 施行",
 * also wrapped in （）. Returns 1 and the event text's offset.
 */
static int event_line(const char *s, size_t len, char date[11], size_t *text_off, size_t *text_len)
{
	size_t start = 0, end = len;
	if (has_prefix(s, len, "（")) {
		start = 3;
		if (len >= 6 && !memcmp(s + len - 3, "）", 3))
			end = len - 3;
	} else if (has_prefix(s, len, "(")) {
		start = 1;
		if (s[len - 1] == ')')
			end = len - 1;
	}
	const char *p = s + start;
	size_t l = end - start;
	/* 年月日 form: up to the first 日 within the first 40 bytes */
	size_t lim = l < 48 ? l : 48;
	for (size_t i = 0; i + 3 <= lim; i++) {
		if (!memcmp(p + i, "日", 3)) {
			if (fg_date_parse(p, i + 3, date))
				return event_text(s, start + i + 3, end, text_off, text_len);
			break;
		}
	}
	/* numeric form up to whitespace */
	size_t i = 0;
	while (i < l && i < 12 && !fg_parse_ws_at(p + i, l - i))
		i++;
	if (i >= 8 && fg_date_parse(p, i, date))
		return event_text(s, start + i, end, text_off, text_len);
	return 0;
}

/* A document number line (fg_meta_number_line) into the metadata when it has none; 1 when b is one. */
static int number_line(fg_doc *d, const block *b)
{
	size_t off, n;
	if (b->kind != B_PARA || !fg_meta_number_line(b->text, b->len, &off, &n))
		return 0;
	if (!d->meta.number)
		d->meta.number = fg_xstrndup(b->text + off, n);
	return 1;
}

static void add_event(fg_doc *d, size_t *cap, const char *date, const char *s, size_t len)
{
	if (d->nevents == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		d->events = fg_xrealloc(d->events, *cap * sizeof *d->events);
	}
	fg_event *e = &d->events[d->nevents++];
	memcpy(e->date, date, 11);
	e->text = fg_xstrndup(s, len);
}

/*
 * Everything above <!-- INFO END --> (blocks[0..info_end)) is the title
 * block: lines before the first event repeat the title (wrapped), lines
 * after an event continue it.
 */
static void title_block_events(fg_doc *d, blocks *bs, size_t info_end)
{
	size_t ecap = 0;
	for (size_t k = 0; k < info_end; k++) {
		block *b = &bs->v[k];
		char date[11];
		size_t off, tl;
		if (b->kind != B_PARA)
			continue;
		if (number_line(d, b)) {
			b->kind = B_SKIP;
			continue;
		}
		if (event_line(b->text, b->len, date, &off, &tl)) {
			add_event(d, &ecap, date, b->text + off, tl);
		} else if (d->nevents) {
			fg_event *ev = &d->events[d->nevents - 1];
			size_t el = strlen(ev->text);
			ev->text = fg_xrealloc(ev->text, el + b->len + 1);
			memcpy(ev->text + el, b->text, b->len + 1);
		}
		b->kind = B_SKIP;
	}
}

/* The run of dated lines (and a document number) from blocks[from], up to the first other line. */
static void leading_events(fg_doc *d, blocks *bs, size_t from)
{
	size_t ecap = 0;
	for (size_t k = from; k < bs->n; k++) {
		block *b = &bs->v[k];
		char date[11];
		size_t off, tl;
		if (b->kind == B_SKIP)
			continue;
		if (number_line(d, b)) {
			b->kind = B_SKIP;
			continue;
		}
		if (b->kind != B_PARA || !event_line(b->text, b->len, date, &off, &tl))
			break;
		add_event(d, &ecap, date, b->text + off, tl);
		b->kind = B_SKIP;
	}
}

void fg_parse_history(fg_doc *d, blocks *bs, size_t from)
{
	size_t info_end = bs->n;
	for (size_t k = 0; k < bs->n; k++)
		if (bs->v[k].kind == B_INFO_END) {
			info_end = k;
			break;
		}
	if (info_end < bs->n)
		title_block_events(d, bs, info_end);
	else
		leading_events(d, bs, from);
}

/* "自YYYY年M月D日起施行" anywhere in the units' text. */
static int find_effective(const fg_doc *d, char out[11])
{
	for (size_t u = 0; u < d->nunits; u++) {
		const char *t = d->units[u].text;
		size_t len = d->units[u].len;
		const char *p = t;
		while ((p = memmem(p, len - (size_t)(p - t), "起施行", 9)) != NULL) {
			/* look back for 自 within 40 bytes */
			size_t back = (size_t)(p - t) < 40 ? (size_t)(p - t) : 40;
			for (size_t k = 3; k <= back; k++) {
				if (!memcmp(p - k, "自", 3)) {
					if (fg_date_parse(p - k + 3, k - 3, out))
						return 1;
					break;
				}
			}
			p += 9;
		}
	}
	return 0;
}

/* Published: the earliest event that passed or published the text, else the first event. */
static const fg_event *published_event(const fg_doc *d)
{
	const fg_event *best = NULL;
	for (size_t i = 0; i < d->nevents; i++) {
		const char *t = d->events[i].text;
		if (strstr(t, "通过") || strstr(t, "公布") || strstr(t, "发布") || strstr(t, "印发") ||
		    strstr(t, "通過") || strstr(t, "公佈") || strstr(t, "發布") || strstr(t, "發佈") ||
		    strstr(t, "印發"))
			if (!best || strcmp(d->events[i].date, best->date) < 0)
				best = &d->events[i];
	}
	if (!best)
		best = &d->events[0];
	return best;
}

/* Effective: the latest 施行 event, else 自...起施行 in the text. */
static void set_effective(fg_doc *d)
{
	const fg_event *best = NULL;
	for (size_t i = 0; i < d->nevents; i++)
		if (strstr(d->events[i].text, "施行") && (!best || strcmp(d->events[i].date, best->date) > 0))
			best = &d->events[i];
	char date[11];
	if (best)
		d->meta.effective = fg_xstrdup(best->date);
	else if (find_effective(d, date))
		d->meta.effective = fg_xstrdup(date);
}

void fg_parse_meta_from_events(fg_doc *d)
{
	fg_meta *m = &d->meta;
	if (!m->published && d->nevents)
		m->published = fg_xstrdup(published_event(d)->date);
	if (!m->effective)
		set_effective(d);
}
