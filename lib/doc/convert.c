/*
 * convert.c - the encoding edge: detect the encoding of raw file bytes (BOM,
 * UTF-8 validity, libuchardet, and a frequent-character vote between GB18030
 * and Big5) and convert them to valid UTF-8 with iconv, replacing what cannot
 * be converted by U+FFFD.
 */
#include "doc.h"
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

/* Bytes looked at when detecting; enough for a reliable vote, cheap on huge files. */
#define SAMPLE_MAX (64 * 1024)

/*
 * Very frequent characters of Chinese legal and general text, in simplified
 * and traditional forms. Text decoded with the right encoding is full of
 * them; text decoded with the wrong one yields rare characters and errors.
 */
static const char frequent[] = "的一是不了人在有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会"
			       "自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开"
			       "手十用主行方又如前所本见经头面公同三已老从动两长法条款项规定本应当机关人民政府"
			       "部门管理依照行政县市省或者其他有关单位个人组织实施条例办法决定罚款责任"
			       "這們個來說為時會對發後麼過國還關於開們學說當與兩體現無機關單位辦則應規門條";

static int is_frequent(uint32_t cp)
{
	static uint32_t set[512];
	static size_t nset;
	static int ready;
	if (!ready) {
		/* Built once; a race would only write the same values twice. */
		size_t pos = 0, len = sizeof frequent - 1, n = 0;
		while (pos < len && n < 512) {
			uint32_t c;
			pos += fg_utf8_decode(frequent + pos, len - pos, &c);
			set[n++] = c;
		}
		nset = n;
		ready = 1;
	}
	for (size_t i = 0; i < nset; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* Decode s with iconv from enc; score = frequent characters - 4 * errors. */
static long score(const char *s, size_t len, const char *enc)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return -1000000;
	char out[4096];
	char *in = (char *)s;
	size_t inleft = len;
	long sc = 0;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		size_t produced = sizeof out - oleft, pos = 0;
		while (pos < produced) {
			uint32_t cp;
			pos += fg_utf8_decode(out + pos, produced - pos, &cp);
			if (is_frequent(cp))
				sc++;
			else if (cp >= 0xE000 && cp <= 0xF8FF)
				sc -= 2; /* private use: a sure sign of a wrong guess */
		}
		if (r == (size_t)-1 && errno != E2BIG) {
			if (errno == EINVAL && inleft < 4)
				break; /* truncated at the sample's end */
			sc -= 4;
			in++;
			inleft--;
		}
	}
	iconv_close(cd);
	return sc;
}

static const char *map_uchardet(const char *name)
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{"GB18030", "GB18030"}, {"GB2312", "GB18030"}, {"GBK", "GB18030"}, {"HZ-GB-2312", "GB18030"},
		{"HZ", "GB18030"}, {"EUC-CN", "GB18030"}, {"BIG5", "BIG5"}, {"BIG5-HKSCS", "BIG5"},
		{"EUC-TW", "EUC-TW"}, {"UTF-8", "UTF-8"}, {"UTF-16LE", "UTF-16LE"}, {"UTF-16BE", "UTF-16BE"},
		{"UTF-16", "UTF-16"}, {"ASCII", "UTF-8"}, {"EUC-JP", "EUC-JP"}, {"SHIFT_JIS", "SHIFT_JIS"},
		{"EUC-KR", "EUC-KR"}, {"ISO-8859-1", "ISO-8859-1"}, {"WINDOWS-1252", "WINDOWS-1252"},
		{"ISO-2022-CN", "ISO-2022-CN"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcasecmp(name, map[i].from))
			return map[i].to;
	return NULL;
}

const char *fg_convert_detect(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return memchr(s + 3, '\0', len - 3) ? NULL : "UTF-8"; /* a BOM does not make binary data text */
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return "UTF-16LE";
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return "UTF-16BE";
	if (memchr(s, '\0', len))
		return NULL;
	if (fg_utf8_valid(s, len, NULL))
		return "UTF-8";
	size_t n = len < SAMPLE_MAX ? len : SAMPLE_MAX;
	const char *guess = NULL;
	uchardet_t ud = uchardet_new();
	if (ud) {
		if (uchardet_handle_data(ud, s, n) == 0) {
			uchardet_data_end(ud);
			const char *name = uchardet_get_charset(ud);
			if (name && *name)
				guess = map_uchardet(name);
		}
		uchardet_delete(ud);
	}
	/* Almost valid UTF-8 (a few bad bytes in a long text) stays UTF-8. */
	long gb = score(s, n, "GB18030"), big5 = score(s, n, "BIG5");
	if (guess && strcmp(guess, "UTF-8") && strcmp(guess, "GB18030") && strcmp(guess, "BIG5")) {
		/*
		 * uchardet sometimes calls short Chinese texts Latin-1 or Japanese;
		 * overrule it when one Chinese decoding is clearly full of frequent
		 * characters (at least one in 40 bytes).
		 */
		long best = gb > big5 ? gb : big5;
		if (best < 4 || (size_t)best * 40 < n)
			return guess;
	}
	if (guess && !strcmp(guess, "UTF-8")) {
		long u8 = 0;
		size_t pos = 0;
		while (pos < n) {
			uint32_t cp;
			size_t k = fg_utf8_decode(s + pos, n - pos, &cp);
			u8 += cp == 0xFFFD ? -4 : is_frequent(cp);
			pos += k;
		}
		if (u8 >= gb && u8 >= big5)
			return "UTF-8";
	}
	if (big5 > gb)
		return "BIG5";
	return "GB18030";
}

/* Append the UTF-8 for U+FFFD. */
static void put_fffd(fg_buf *b)
{
	fg_buf_put(b, "\xEF\xBF\xBD", 3);
}

/* A conversion's result, before it goes out through fg_convert_to_utf8's optional pointers. */
typedef struct conv {
	char *text;
	size_t n;
	const char *name; /* static */
	size_t nbad, first_bad;
} conv;

/* UTF-8 input: drop a BOM and replace invalid sequences. */
static void from_utf8(const char *s, size_t len, conv *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t skip = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		skip = 3;
	size_t bad, fb;
	c->text = fg_utf8_sanitize(s + skip, len - skip, &c->n, &bad, &fb);
	c->name = "UTF-8";
	c->nbad = bad;
	c->first_bad = bad ? fb + skip : len;
}

/* The static spelling of an encoding we know (GBK and GB2312 become GB18030), or NULL. */
static const char *known_name(const char *enc)
{
	static const char *const known[] = {"UTF-16LE", "UTF-16BE", "UTF-16", "GB18030", "BIG5", "EUC-TW",
					    "EUC-JP", "SHIFT_JIS", "EUC-KR", "ISO-8859-1", "WINDOWS-1252",
					    "ISO-2022-CN", "GBK", "GB2312", "BIG5-HKSCS", "HZ-GB-2312"};
	const char *name = NULL;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcasecmp(enc, known[i]))
			name = known[i];
	if (name && (!strcmp(name, "GBK") || !strcmp(name, "GB2312")))
		name = "GB18030"; /* a superset: decodes both */
	return name;
}

/*
 * Convert s[skip..len) through cd into b, looping on E2BIG; a byte iconv
 * cannot convert becomes U+FFFD, counted in *bad, the first one's offset in
 * *fb. Closes cd; on an error b is freed.
 */
static fg_status iconv_all(iconv_t cd, const char *s, size_t len, size_t skip, const char *name, fg_buf *b,
			   size_t *bad, size_t *fb, fg_err *err)
{
	char *in = (char *)s + skip;
	size_t inleft = len - skip;
	for (;;) {
		fg_buf_grow(b, inleft * 2 + 16);
		char *o = b->data + b->len;
		size_t oleft = b->cap - b->len - 1;
		size_t r = inleft ? iconv(cd, &in, &inleft, &o, &oleft) : iconv(cd, NULL, NULL, &o, &oleft);
		b->len = (size_t)(o - b->data);
		b->data[b->len] = '\0';
		if (r != (size_t)-1) {
			if (inleft == 0) {
				/* flush shift state */
				o = b->data + b->len;
				oleft = b->cap - b->len - 1;
				iconv(cd, NULL, NULL, &o, &oleft);
				b->len = (size_t)(o - b->data);
				b->data[b->len] = '\0';
				break;
			}
			continue;
		}
		if (errno == E2BIG)
			continue;
		if (errno == EILSEQ || errno == EINVAL) {
			if (!*bad)
				*fb = (size_t)(in - s);
			(*bad)++;
			put_fffd(b);
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (inleft == 0)
				break;
			continue;
		}
		iconv_close(cd);
		fg_buf_free(b);
		return fg_err_set(err, FG_E_ENCODING, "cannot convert from %s: %s", name, strerror(errno));
	}
	iconv_close(cd);
	return FG_OK;
}

/* Any other encoding: through iconv (a UTF-16 BOM is dropped), then sanitized. */
static fg_status from_iconv(const char *s, size_t len, const char *enc, conv *c, fg_err *err)
{
	/* Keep a static name for *used when we know it. */
	const char *name = known_name(enc);
	iconv_t cd = iconv_open("UTF-8", name ? name : enc);
	if (cd == (iconv_t)-1)
		return fg_err_set(err, FG_E_ENCODING, "unknown encoding '%s'", enc);
	if (!name)
		name = "unknown";
	const unsigned char *u = (const unsigned char *)s;
	size_t skip = 0;
	if (!strcmp(name, "UTF-16LE") && len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		skip = 2;
	if (!strcmp(name, "UTF-16BE") && len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		skip = 2;

	fg_buf b = {0};
	fg_buf_grow(&b, len + len / 2 + 16);
	size_t bad = 0, fb = len;
	fg_status st = iconv_all(cd, s, len, skip, name, &b, &bad, &fb, err);
	if (st != FG_OK)
		return st;
	/* iconv's output is UTF-8 already; sanitize anyway so the promise holds for any converter. */
	size_t bad2;
	c->text = fg_utf8_sanitize(b.data ? b.data : "", b.len, &c->n, &bad2, NULL);
	fg_buf_free(&b);
	c->name = name;
	c->nbad = bad + bad2;
	c->first_bad = bad ? fb : len;
	return FG_OK;
}

fg_status fg_convert_to_utf8(const char *s, size_t len, const char *from, char **out, size_t *outlen,
			     const char **used, size_t *nbad, size_t *first_bad, fg_err *err)
{
	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (used)
		*used = NULL;
	if (nbad)
		*nbad = 0;
	if (first_bad)
		*first_bad = len;
	const char *enc = from;
	if (!enc) {
		enc = fg_convert_detect(s, len);
		if (!enc)
			return fg_err_set(err, FG_E_ENCODING, "cannot detect the encoding (binary data?)");
	}
	conv c = {0};
	if (!strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8")) {
		from_utf8(s, len, &c);
	} else {
		fg_status st = from_iconv(s, len, enc, &c, err);
		if (st != FG_OK)
			return st;
	}
	*out = c.text;
	if (outlen)
		*outlen = c.n;
	if (nbad)
		*nbad = c.nbad;
	if (first_bad)
		*first_bad = c.first_bad;
	if (used)
		*used = c.name;
	return FG_OK;
}
