/*
 * fuzz_snippet.c - fg_snippet and fg_highlight_html with needles taken from
 * the input. Layout: byte 0 = window size, then up to 4 needles each ended
 * by a 0x01 byte, then the text (up to a NUL). Needles are normalized first, as the query
 * side hands them over. The output is valid UTF-8 whose only markup is
 * balanced, unnested <mark> elements; with the marks removed and entities
 * decoded, the highlighted page is exactly the (sanitized) text.
 */
#include <string.h>

#include "fuzz.h"
#include "text.h"

/* Check the markup of html; write the unescaped text without marks into plain. Returns its length. */
static size_t strip(const char *html, char *plain)
{
	size_t n = 0;
	int open = 0;
	const char *p = html;
	CHECK(fg_utf8_valid(html, strlen(html), NULL));
	while (*p) {
		if (!strncmp(p, "<mark>", 6)) {
			CHECK(!open);
			open = 1;
			p += 6;
		} else if (!strncmp(p, "</mark>", 7)) {
			CHECK(open);
			open = 0;
			p += 7;
		} else if (*p == '&') {
			static const struct { const char *ent; char c; } ents[] = {
				{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}};
			size_t k = 0;
			for (; k < sizeof ents / sizeof ents[0]; k++)
				if (!strncmp(p, ents[k].ent, strlen(ents[k].ent)))
					break;
			CHECK(k < sizeof ents / sizeof ents[0]);
			plain[n++] = ents[k].c;
			p += strlen(ents[k].ent);
		} else {
			CHECK(*p != '<' && *p != '>' && *p != '"');
			plain[n++] = *p++;
		}
	}
	CHECK(!open);
	plain[n] = '\0';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t max_chars = data[0];
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	char *needles[4];
	size_t n = 0;
	while (n < 4) {
		const char *sep = memchr(p, 0x01, (size_t)(end - p));
		if (!sep)
			break;
		size_t nl = 0;
		fg_normalize(p, (size_t)(sep - p), &needles[n], &nl, NULL, NULL);
		n++;
		p = sep + 1;
	}
	/* Callers pass stored C strings (search.c: strlen(text)), so the text ends at a NUL. */
	const char *nul = memchr(p, 0, (size_t)(end - p));
	size_t len = (size_t)((nul ? nul : end) - p);

	size_t clean_len = 0;
	char *clean = fg_utf8_sanitize(p, len, &clean_len, NULL, NULL);

	char *h = fg_highlight_html(p, len, (const char *const *)needles, n);
	CHECK(h != NULL);
	char *plain = malloc(strlen(h) + 1);
	size_t pl = strip(h, plain);
	CHECK(pl == clean_len && memcmp(plain, clean, pl) == 0);
	free(plain);
	free(h);

	char *s = fg_snippet(p, len, (const char *const *)needles, n, max_chars);
	CHECK(s != NULL);
	plain = malloc(strlen(s) + 1);
	pl = strip(s, plain);
	/* Without the added ellipses the snippet is a piece of the text. */
	char *q = plain;
	if (pl >= 3 && !memcmp(q, "\xE2\x80\xA6", 3)) {
		q += 3;
		pl -= 3;
	}
	if (pl >= 3 && !memcmp(q + pl - 3, "\xE2\x80\xA6", 3))
		pl -= 3;
	CHECK(memmem(clean, clean_len, q, pl) != NULL);
	free(plain);
	free(s);

	free(clean);
	for (size_t i = 0; i < n; i++)
		free(needles[i]);
	return 0;
}
