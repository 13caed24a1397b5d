/*
 * fuzz_utf8.c - fg_utf8_decode, fg_utf8_valid, fg_utf8_sanitize and
 * fg_utf8_count on arbitrary bytes, checked against each other: decoding
 * always advances 1..4 bytes, a decoded code point re-encodes to the bytes
 * consumed, valid input is copied unchanged by sanitize, and sanitized output
 * is always valid.
 */
#include <string.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t steps = 0, nrepl = 0, first = size;
	for (size_t i = 0; i < size;) {
		uint32_t cp = 0;
		size_t w = fg_utf8_decode(s + i, size - i, &cp);
		CHECK(w >= 1 && w <= 4 && w <= size - i);
		CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
		char enc[4];
		size_t ew = fg_utf8_encode(cp, enc);
		CHECK(ew >= 1 && ew <= 4);
		if (ew != w || memcmp(enc, s + i, ew) != 0) {
			/* Only a replacement may differ from its input bytes, and it consumes one byte. */
			CHECK(cp == 0xFFFD && w == 1);
			nrepl++;
			if (first == size)
				first = i;
		}
		i += w;
		steps++;
	}
	CHECK(fg_utf8_count(s, size) == steps);

	size_t bad = (size_t)-1;
	int valid = fg_utf8_valid(s, size, &bad);
	CHECK(valid == (nrepl == 0));
	if (!valid)
		CHECK(bad == first);

	size_t outlen = 0, nbad = (size_t)-1, first_bad = (size_t)-1;
	char *out = fg_utf8_sanitize(s, size, &outlen, &nbad, &first_bad);
	CHECK(out != NULL);
	CHECK(out[outlen] == '\0');
	CHECK(fg_utf8_valid(out, outlen, NULL));
	CHECK(nbad == nrepl);
	CHECK(first_bad == first);
	if (valid)
		CHECK(outlen == size && memcmp(out, s, size) == 0);
	CHECK(fg_utf8_count(out, outlen) == steps);
	free(out);
	return 0;
}
