/*
 * fuzz_convert.c - fg_convert_detect and fg_convert_to_utf8 on arbitrary
 * bytes, detecting or (first byte) forcing a source encoding: a successful
 * conversion is NUL-terminated valid UTF-8 and reports its replacements
 * within the input; a failure says why.
 */
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "text.h"

static const char *const encodings[] = {NULL, "UTF-8", "GB18030", "BIG5", "UTF-16LE", "UTF-16BE", "no-such-enc"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *from = encodings[data[0] % (sizeof encodings / sizeof encodings[0])];
	const char *s = (const char *)data + 1;
	size_t len = size - 1;
	const char *det = fg_convert_detect(s, len);
	(void)det;

	char *out = NULL;
	size_t outlen = 0, nbad = 0, first_bad = 0;
	const char *used = NULL;
	fg_err err = {0};
	fg_status st = fg_convert_to_utf8(s, len, from, &out, &outlen, &used, &nbad, &first_bad, &err);
	if (st == FG_OK) {
		CHECK(out != NULL);
		CHECK(out[outlen] == '\0');
		CHECK(fg_utf8_valid(out, outlen, NULL));
		CHECK(used != NULL);
		if (nbad)
			CHECK(first_bad < len);
		/* Valid UTF-8 without BOM, read as UTF-8, comes out unchanged. */
		if (from && !strcmp(from, "UTF-8") && fg_utf8_valid(s, len, NULL) &&
		    !(len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)))
			CHECK(outlen == len && memcmp(out, s, len) == 0);
	} else {
		CHECK(out == NULL);
		CHECK(err.msg[0] != '\0');
	}
	free(out);
	return 0;
}
