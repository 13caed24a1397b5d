/*
 * test_convert.c - encoding detection and conversion to UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>

#include "doc.h"
#include "text.h"

static const char simp[] = "第一条 为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，"
			   "维护公共利益和社会秩序，保障和监督行政机关有效实施行政管理，根据宪法，制定本法。";
static const char trad[] = "第一條 為了規範行政許可的設定和實施，保護公民、法人和其他組織的合法權益，"
			   "維護公共利益和社會秩序，保障和監督行政機關有效實施行政管理，根據憲法，制定本法。";

static char *to_enc(const char *s, const char *enc, size_t *outlen)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(s), cap = inleft * 4 + 16, oleft = cap;
	char *out = malloc(cap), *o = out, *in = (char *)s;
	assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - oleft;
	return out;
}

static const struct {
	const char *text, *enc, *want;
} cases[] = {
	{simp, "UTF-8", "UTF-8"},
	{simp, "GB18030", "GB18030"},
	{simp, "GBK", "GB18030"},
	{trad, "BIG5", "BIG5"},
	{trad, "GB18030", "GB18030"},
	{simp, "UTF-16LE", NULL}, /* NUL bytes and no BOM: binary */
};

static void test_detect_convert(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *raw = to_enc(cases[i].text, cases[i].enc, &len);
		const char *got = fg_convert_detect(raw, len);
		if (!cases[i].want) {
			assert_null(got);
			free(raw);
			continue;
		}
		if (!got || strcmp(got, cases[i].want))
			fail_msg("%s text detected as %s", cases[i].enc, got ? got : "NULL");
		char *out;
		size_t outlen, nbad = 9, first = 9;
		const char *used;
		assert_int_equal(fg_convert_to_utf8(raw, len, NULL, &out, &outlen, &used, &nbad, &first, NULL), FG_OK);
		assert_string_equal(used, cases[i].want);
		assert_string_equal(out, cases[i].text);
		assert_int_equal(outlen, strlen(cases[i].text));
		assert_int_equal(nbad, 0);
		assert_int_equal(first, len);
		free(out);
		free(raw);
	}
}

static void test_bom(void **state)
{
	(void)state;
	size_t len;
	char *u16 = to_enc(simp, "UTF-16LE", &len);
	char *with = malloc(len + 2);
	with[0] = (char)0xFF;
	with[1] = (char)0xFE;
	memcpy(with + 2, u16, len);
	assert_string_equal(fg_convert_detect(with, len + 2), "UTF-16LE");
	char *out;
	size_t outlen;
	const char *used;
	assert_int_equal(fg_convert_to_utf8(with, len + 2, NULL, &out, &outlen, &used, NULL, NULL, NULL), FG_OK);
	assert_string_equal(out, simp);
	free(out);
	free(with);
	free(u16);

	u16 = to_enc(simp, "UTF-16BE", &len);
	with = malloc(len + 2);
	with[0] = (char)0xFE;
	with[1] = (char)0xFF;
	memcpy(with + 2, u16, len);
	assert_string_equal(fg_convert_detect(with, len + 2), "UTF-16BE");
	assert_int_equal(fg_convert_to_utf8(with, len + 2, NULL, &out, &outlen, &used, NULL, NULL, NULL), FG_OK);
	assert_string_equal(out, simp);
	free(out);
	free(with);
	free(u16);

	const char *u8 = "\xEF\xBB\xBF第一条";
	assert_string_equal(fg_convert_detect(u8, strlen(u8)), "UTF-8");
	assert_int_equal(fg_convert_to_utf8(u8, strlen(u8), NULL, &out, &outlen, &used, NULL, NULL, NULL), FG_OK);
	assert_string_equal(out, "第一条");
	free(out);
}

static void test_bad_bytes(void **state)
{
	(void)state;
	char *out;
	size_t outlen, nbad, first;
	const char *used;
	fg_err err = {0};
	/* forced GB18030 with a truncated multi-byte sequence at the end */
	const char gb[] = "\xB5\xDA\xD2\xBB\xCC\xF5\x81"; /* 第一条 + lone lead byte */
	assert_int_equal(fg_convert_to_utf8(gb, sizeof gb - 1, "GB18030", &out, &outlen, &used, &nbad, &first, &err),
			 FG_OK);
	assert_string_equal(out, "第一条\xEF\xBF\xBD");
	assert_int_equal(nbad, 1);
	assert_int_equal(first, 6);
	free(out);
	/* invalid UTF-8 */
	const char u8[] = "ab\xff\xfe" "c";
	assert_int_equal(fg_convert_to_utf8(u8, 5, "UTF-8", &out, &outlen, &used, &nbad, &first, &err), FG_OK);
	assert_string_equal(out, "ab\xEF\xBF\xBD\xEF\xBF\xBD" "c");
	assert_int_equal(nbad, 2);
	assert_int_equal(first, 2);
	free(out);
	/* unknown encoding */
	assert_int_equal(fg_convert_to_utf8("x", 1, "NO-SUCH-ENC", &out, &outlen, &used, &nbad, &first, &err),
			 FG_E_ENCODING);
	assert_null(out);
	assert_string_equal(err.msg, "unknown encoding 'NO-SUCH-ENC'");
	/* binary */
	assert_int_equal(fg_convert_to_utf8("a\0b", 3, NULL, &out, &outlen, &used, &nbad, &first, &err),
			 FG_E_ENCODING);
	assert_null(out);
	/* empty input is valid UTF-8 */
	assert_int_equal(fg_convert_to_utf8("", 0, NULL, &out, &outlen, &used, &nbad, &first, &err), FG_OK);
	assert_string_equal(out, "");
	assert_int_equal(outlen, 0);
	free(out);
}

/* Long input exercises the E2BIG loop. */
static void test_long(void **state)
{
	(void)state;
	fg_buf b = {0};
	for (int i = 0; i < 5000; i++)
		fg_buf_puts(&b, simp);
	size_t len;
	char *gb = to_enc(b.data, "GB18030", &len);
	char *out;
	size_t outlen, nbad;
	const char *used;
	assert_int_equal(fg_convert_to_utf8(gb, len, NULL, &out, &outlen, &used, &nbad, NULL, NULL), FG_OK);
	assert_string_equal(used, "GB18030");
	assert_int_equal(outlen, b.len);
	assert_memory_equal(out, b.data, b.len);
	free(out);
	free(gb);
	fg_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_convert),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
