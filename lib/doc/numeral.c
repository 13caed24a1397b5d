/*
 * numeral.c - Chinese numerals: reading numbers written with 一二三, 十百千
 * 万亿, 〇/零, 两, the formal 壹贰叁 set and ASCII or full-width digits, reading
 * article labels (第X条, 第X条之Y) and writing numbers back in Chinese (十二) and
 * as article labels.
 */
#include "doc.h"

#include <stdio.h>
#include <string.h>

/* Largest value we accept; longer numerals stop being consumed. */
#define NUM_MAX 1000000000000000L

/* Decode one UTF-8 code point; returns bytes used, 0 on an invalid sequence. */
static size_t dec(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t n;
	uint32_t c;
	if ((u[0] & 0xE0) == 0xC0) {
		n = 2;
		c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3;
		c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/* Digit value of cp (0-9), or -1. */
static int digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
		return 0;
	case 0x4E00: /* 一 */
	case 0x58F9: /* 壹 */
	case 0x5F0C: /* 弌 */
		return 1;
	case 0x4E8C: /* 二 */
	case 0x8D30: /* 贰 */
	case 0x8CB3: /* 貳 */
	case 0x4E24: /* 两 */
	case 0x5169: /* 兩 */
		return 2;
	case 0x4E09: /* 三 */
	case 0x53C1: /* 叁 */
	case 0x53C3: /* 參 */
		return 3;
	case 0x56DB: /* 四 */
	case 0x8086: /* 肆 */
		return 4;
	case 0x4E94: /* 五 */
	case 0x4F0D: /* 伍 */
		return 5;
	case 0x516D: /* 六 */
	case 0x9646: /* 陆 */
	case 0x9678: /* 陸 */
		return 6;
	case 0x4E03: /* 七 */
	case 0x67D2: /* 柒 */
		return 7;
	case 0x516B: /* 八 */
	case 0x634C: /* 捌 */
		return 8;
	case 0x4E5D: /* 九 */
	case 0x7396: /* 玖 */
		return 9;
	}
	return -1;
}

/* Multiplier of a unit character, or 0. */
static long unit(uint32_t cp)
{
	switch (cp) {
	case 0x5341: /* 十 */
	case 0x62FE: /* 拾 */
		return 10;
	case 0x767E: /* 百 */
	case 0x4F70: /* 佰 */
		return 100;
	case 0x5343: /* 千 */
	case 0x4EDF: /* 仟 */
		return 1000;
	case 0x4E07: /* 万 */
	case 0x842C: /* 萬 */
		return 10000;
	case 0x4EBF: /* 亿 */
	case 0x5104: /* 億 */
		return 100000000;
	}
	return 0;
}

static int is_ascii_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

long fg_cn_number(const char *s, size_t len, size_t *used)
{
	/*
	 * Two passes over the same run: first find how far the numeral goes and
	 * whether it has unit characters; without units it is read digit by
	 * digit (二〇二一, 2021), with them positionally (一千零一十).
	 */
	size_t pos = 0, end = 0;
	int has_unit = 0, ndig = 0;
	while (pos < len) {
		uint32_t cp;
		size_t n = dec(s + pos, len - pos, &cp);
		if (n == 0)
			break;
		if (digit(cp) >= 0)
			ndig++;
		else if (unit(cp))
			has_unit = 1;
		else
			break;
		pos += n;
		end = pos;
		if (ndig > 18)
			break;
	}
	if (end == 0) {
		if (used)
			*used = 0;
		return -1;
	}
	long total = 0, section = 0, cur = 0;
	int prev_digit = 0, prev_ascii = 0;
	pos = 0;
	size_t stop = end;
	while (pos < end) {
		uint32_t cp;
		size_t n = dec(s + pos, end - pos, &cp);
		int d = digit(cp);
		if (!has_unit) {
			if (total > NUM_MAX / 10) {
				stop = pos;
				break;
			}
			total = total * 10 + d;
		} else if (d >= 0) {
			/* ASCII digits in a row form one number ("12万"); 零 resets. */
			if (prev_digit && prev_ascii && is_ascii_digit(cp) && cur < NUM_MAX / 10)
				cur = cur * 10 + d;
			else
				cur = d;
			prev_digit = 1;
			prev_ascii = is_ascii_digit(cp);
		} else {
			long u = unit(cp);
			if (u >= 10000) {
				long v = section + cur;
				if (u == 100000000)
					total = (total + v) * u;
				else
					total += v * u;
				section = 0;
			} else {
				if (cur == 0 && !prev_digit)
					cur = 1; /* 十 alone, 十二: one ten */
				section += cur * u;
			}
			cur = 0;
			prev_digit = 0;
			prev_ascii = 0;
			if (total > NUM_MAX || section > NUM_MAX) {
				stop = pos + n;
				break;
			}
		}
		pos += n;
	}
	if (has_unit)
		total += section + cur;
	if (total > NUM_MAX)
		total = NUM_MAX;
	if (used)
		*used = stop;
	if (stop == 0)
		return -1;
	return total;
}

/* Bytes of whitespace (ASCII blanks, U+3000, U+00A0) at the start of s. */
static size_t skip_ws(const char *s, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		if (s[pos] == ' ' || s[pos] == '\t') {
			pos++;
			continue;
		}
		uint32_t cp;
		size_t n = dec(s + pos, len - pos, &cp);
		if (n && (cp == 0x3000 || cp == 0xA0)) {
			pos += n;
			continue;
		}
		break;
	}
	return pos;
}

static int starts(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s, lit, n) == 0;
}

int fg_article_label(const char *s, size_t len, long *num, long *sub, size_t *used)
{
	size_t pos = 0, n;
	if (!starts(s, len, "第"))
		return 0;
	pos = 3;
	pos += skip_ws(s + pos, len - pos);
	long v = fg_cn_number(s + pos, len - pos, &n);
	if (v < 0)
		return 0;
	pos += n;
	pos += skip_ws(s + pos, len - pos);
	if (!starts(s + pos, len - pos, "条") && !starts(s + pos, len - pos, "條"))
		return 0;
	pos += 3;
	long sv = 0;
	if (starts(s + pos, len - pos, "之")) {
		size_t m;
		long w = fg_cn_number(s + pos + 3, len - pos - 3, &m);
		if (w > 0) {
			sv = w;
			pos += 3 + m;
		}
	}
	if (num)
		*num = v;
	if (sub)
		*sub = sv;
	if (used)
		*used = pos;
	return 1;
}

static const char *const cn_digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* Write 0 < v < 10000 in Chinese; lead says whether this group starts the number (十 vs 一十). */
static void put_group(fg_buf *b, long v, int lead)
{
	static const char *const units[] = {"千", "百", "十", ""};
	static const long div[] = {1000, 100, 10, 1};
	int zero = 0, started = 0;
	for (int i = 0; i < 4; i++) {
		long d = (v / div[i]) % 10;
		if (d == 0) {
			if (started)
				zero = 1;
			continue;
		}
		if (zero)
			fg_buf_puts(b, cn_digit[0]);
		zero = 0;
		if (!(i == 2 && d == 1 && lead && !started))
			fg_buf_puts(b, cn_digit[d]);
		fg_buf_puts(b, units[i]);
		started = 1;
	}
}

static void put_number(fg_buf *b, long v)
{
	if (v <= 0) {
		fg_buf_puts(b, cn_digit[0]);
		return;
	}
	/* Groups of four digits: 亿, 万, ones. */
	long groups[4];
	int ng = 0;
	while (v > 0 && ng < 4) {
		groups[ng++] = v % 10000;
		v /= 10000;
	}
	static const char *const gname[] = {"", "万", "亿", "万亿"};
	int lead = 1, pending_zero = 0;
	for (int g = ng - 1; g >= 0; g--) {
		long gv = groups[g];
		if (gv == 0) {
			pending_zero = 1;
			continue;
		}
		if (!lead && (pending_zero || gv < 1000))
			fg_buf_puts(b, cn_digit[0]);
		put_group(b, gv, lead);
		fg_buf_puts(b, gname[g]);
		lead = 0;
		pending_zero = 0;
	}
}

char *fg_cn_number_format(long num)
{
	fg_buf b = {0};
	put_number(&b, num);
	return fg_buf_detach(&b);
}

char *fg_article_label_format(long num, long sub)
{
	fg_buf b = {0};
	fg_buf_puts(&b, "第");
	put_number(&b, num);
	fg_buf_puts(&b, "条");
	if (sub > 0) {
		fg_buf_puts(&b, "之");
		put_number(&b, sub);
	}
	return fg_buf_detach(&b);
}
