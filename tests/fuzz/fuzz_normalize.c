/*
 * fuzz_normalize.c - fg_normalize with its offset map on arbitrary bytes:
 * the output is valid UTF-8 without control characters other than \n and \t,
 * and the map has outlen + 1 entries, never decreases, stays within the
 * input, points at code point starts and ends at len.
 */
#include <string.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *out = NULL;
	size_t outlen = 0, *map = NULL;
	fg_err err = {0};
	CHECK(fg_normalize(s, size, &out, &outlen, &map, &err) == FG_OK);
	CHECK(out != NULL && map != NULL);
	CHECK(out[outlen] == '\0');
	CHECK(fg_utf8_valid(out, outlen, NULL));
	CHECK(map[outlen] == size);

	/* Byte offsets where input code points start, as fg_utf8_decode walks them. */
	unsigned char *starts = calloc(size + 1, 1);
	for (size_t i = 0; i < size;) {
		uint32_t cp;
		starts[i] = 1;
		i += fg_utf8_decode(s + i, size - i, &cp);
	}
	starts[size] = 1;
	for (size_t i = 0; i < outlen; i++) {
		CHECK(map[i] <= size);
		CHECK(starts[map[i]]);
		if (i > 0)
			CHECK(map[i] >= map[i - 1]);
		/* Bytes of one output code point come from one input code point. */
		if (((unsigned char)out[i] & 0xC0) == 0x80)
			CHECK(i > 0 && map[i] == map[i - 1]);
	}
	CHECK(outlen == 0 || map[outlen - 1] < size);
	for (size_t i = 0; i < outlen;) {
		uint32_t cp;
		size_t w = fg_utf8_decode(out + i, outlen - i, &cp);
		CHECK(cp >= 0x20 || cp == '\n' || cp == '\t');
		CHECK(cp != 0x7F);
		i += w;
	}
	/* The map-less call gives the same text. */
	char *out2 = NULL;
	size_t outlen2 = 0;
	CHECK(fg_normalize(s, size, &out2, &outlen2, NULL, NULL) == FG_OK);
	CHECK(outlen2 == outlen && memcmp(out, out2, outlen) == 0);
	free(out2);
	free(starts);
	free(out);
	free(map);
	return 0;
}
