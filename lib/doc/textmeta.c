/*
 * textmeta.c - metadata a document writes in its own text, taken only when
 * it matches a strict pattern (a wrong guess is worse than none): the 文号
 * as a line of its own (晋政发〔2016〕12号, also [2016], ［2016］, （2016）,
 * and 示例省人民政府令第3号), the issuing body and date of the signature
 * block that closes the body, the validity period (有效期) a sentence gives
 * the document itself, and 自印发之日起施行 as the effective date.
 */
#include "parse_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- 文号 ---- */

/* Bytes of an ASCII or full-width digit at s, 0 when none; *d gets its value. */
static size_t digit_at(const char *s, size_t len, int *d)
{
	if (len >= 1 && s[0] >= '0' && s[0] <= '9') {
		*d = s[0] - '0';
		return 1;
	}
	if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x90 &&
	    (unsigned char)s[2] <= 0x99) {
		*d = (unsigned char)s[2] - 0x90;
		return 3;
	}
	return 0;
}

/* Digits at s[*pos] (at most max): their value, -1 when fewer than min. */
static long digits(const char *s, size_t len, size_t *pos, int min, int max)
{
	long v = 0;
	int n = 0, d;
	size_t k;
	while (n < max && (k = digit_at(s + *pos, len - *pos, &d))) {
		v = v * 10 + d;
		*pos += k;
		n++;
	}
	return n >= min ? v : -1;
}

/* Han characters at s[*pos], stopping before stop (may be NULL): how many. */
static int han_run(const char *s, size_t len, size_t *pos, const char *stop)
{
	int n = 0;
	while (*pos < len && !(stop && has_prefix(s + *pos, len - *pos, stop))) {
		uint32_t cp;
		size_t k = fg_utf8_decode(s + *pos, len - *pos, &cp);
		if (!k || !fg_is_han(cp))
			break;
		*pos += k;
		n++;
	}
	return n;
}

static const char *const year_open[] = {"〔", "[", "［", "（", "(", NULL};
static const char *const year_close[] = {"〕", "]", "］", "）", ")", NULL};

/* The rest of a 文号 after its prefix: 〔2016〕12号 (any bracket pair), or 第3号 after a prefix ending in 令. */
static int number_rest(const char *s, size_t len, size_t pos, int order)
{
	if (order) {
		if (!has_prefix(s + pos, len - pos, "第"))
			return 0;
		pos += 3;
	} else {
		int k = 0;
		while (year_open[k] && !has_prefix(s + pos, len - pos, year_open[k]))
			k++;
		if (!year_open[k])
			return 0;
		pos += strlen(year_open[k]);
		long y = digits(s, len, &pos, 4, 4);
		if (y < 1949 || y > 2099 || !has_prefix(s + pos, len - pos, year_close[k]))
			return 0;
		pos += strlen(year_close[k]);
		if (has_prefix(s + pos, len - pos, "第"))
			pos += 3;
	}
	if (digits(s, len, &pos, 1, 4) < 0)
		return 0;
	return (has_prefix(s + pos, len - pos, "号") || has_prefix(s + pos, len - pos, "號")) && pos + 3 == len;
}

int fg_meta_number_line(const char *line, size_t len, size_t *off, size_t *nlen)
{
	const char *s = fg_parse_trim(line, &len);
	if (len >= 6 && has_prefix(s, len, "（") && !memcmp(s + len - 3, "）", 3)) {
		s += 3;
		len -= 6;
	}
	size_t pos = 0;
	int n = han_run(s, len, &pos, "第");
	int ok = (n >= 1 && n <= 12 && number_rest(s, len, pos, 0)) ||
		 /* 示例省人民政府令第3号: the prefix ends with 令 */
		 (n >= 3 && n <= 20 && !memcmp(s + pos - 3, "令", 3) && number_rest(s, len, pos, 1));
	if (ok && off)
		*off = (size_t)(s - line);
	if (ok && nlen)
		*nlen = len;
	return ok;
}

/* ---- the signature block ---- */

/* A date as a whole line (also in （）): 1 and out. */
static int date_line(const char *s, size_t len, char out[11])
{
	s = fg_parse_trim(s, &len);
	if (len >= 6 && has_prefix(s, len, "（") && !memcmp(s + len - 3, "）", 3)) {
		s += 3;
		len -= 6;
	}
	return len >= 8 && len <= 40 && fg_date_parse(s, len, out);
}

/*
 * A line naming an issuing body: 3-30 Han characters (spaces allowed),
 * nothing else, ending with the word of an organ (政府, 办公厅, 委员会, 局 …).
 */
static int authority_line(const char *s, size_t len)
{
	static const char *const organs[] = {"政府", "办公厅", "办公室", "委员会", "常委会", "厅", "局",
					     "部",   "院",     "署",     "委",     "办",     "会", "中心",
					     "党委", "省委",   "市委",   "县委",   "银行",   NULL};
	char *q = fg_parse_squeeze(s, len);
	size_t ql = strlen(q), pos = 0;
	int n = han_run(q, ql, &pos, NULL), ok = 0;
	if (pos == ql && n >= 3 && n <= 30)
		for (int k = 0; organs[k] && !ok; k++)
			ok = ql >= strlen(organs[k]) && !strcmp(q + ql - strlen(organs[k]), organs[k]);
	free(q);
	return ok;
}

/* Lines that may follow a signature: （此件公开发布）, 抄送：…, 抄报：…, …印发. */
static int trailer_line(const char *s, size_t len)
{
	return has_prefix(s, len, "（此件") || has_prefix(s, len, "(此件") || has_prefix(s, len, "抄送") ||
	       has_prefix(s, len, "抄报") || (len >= 6 && !memcmp(s + len - 6, "印发", 6));
}

static int live(const block *b)
{
	return b->kind == B_PARA && !b->table;
}

/* Whether everything after blocks[i] is trailers, up to the end or an appendix heading. */
static int closes_body(const blocks *bs, size_t i)
{
	for (size_t k = i + 1; k < bs->n; k++) {
		const block *b = &bs->v[k];
		if (b->kind == B_INFO_END || b->kind == B_SKIP || (live(b) && trailer_line(b->text, b->len)))
			continue;
		return fg_parse_appendix_heading(b->text, b->len);
	}
	return 1;
}

/* The previous live block before i (bs->n when none). */
static size_t prev_live(const blocks *bs, size_t i)
{
	while (i-- > 0)
		if (bs->v[i].kind != B_SKIP && bs->v[i].kind != B_INFO_END)
			return live(&bs->v[i]) ? i : bs->n;
	return bs->n;
}

/* The authority lines (up to three, joint issuers) ending at blocks[i]: the first of them, bs->n when none. */
static size_t authority_start(const blocks *bs, size_t i)
{
	size_t first = bs->n;
	for (int k = 0; k < 3 && i < bs->n && authority_line(bs->v[i].text, bs->v[i].len); k++) {
		first = i;
		i = prev_live(bs, i);
	}
	return first;
}

/* The authority text of the lines from blocks[first] up to (not with) blocks[end]: joined with 、. */
static char *authority_text(const blocks *bs, size_t first, size_t end)
{
	fg_buf b = {0};
	fg_buf_put(&b, "", 0);
	for (size_t k = first; k < end; k++) {
		if (!live(&bs->v[k]))
			continue;
		char *q = fg_parse_squeeze(bs->v[k].text, bs->v[k].len);
		if (b.len)
			fg_buf_puts(&b, "、");
		fg_buf_puts(&b, q);
		free(q);
	}
	return fg_buf_detach(&b);
}

size_t fg_parse_signature(const blocks *bs, char **authority, char date[11])
{
	*authority = NULL;
	for (size_t i = bs->n; i-- > 2;) {
		const block *b = &bs->v[i];
		if (!live(b) || !date_line(b->text, b->len, date) || !closes_body(bs, i))
			continue;
		size_t first = authority_start(bs, prev_live(bs, i));
		if (first < bs->n && first >= 2) {
			*authority = authority_text(bs, first, i);
			return first;
		}
	}
	date[0] = '\0';
	return bs->n;
}

/* ---- 有效期 ---- */

/* The nouns by which a document names itself after 本 (本方案, 本实施意见 …). */
static const char *const self_nouns[] = {"方案", "意见", "通知", "办法", "规定", "细则", "措施", "决定", "文件", "制度",
					 "规则", "指引", "公告", "规划", "计划", "纲要", "规范", "条例", NULL};

/* Whether s[0..end) ends with 本 + up to four Han characters + a self noun (本方案, 本实施方案). */
static int ends_with_self(const char *s, size_t end)
{
	for (int k = 0; self_nouns[k]; k++) {
		size_t nl = strlen(self_nouns[k]);
		if (end < nl || memcmp(s + end - nl, self_nouns[k], nl))
			continue;
		size_t p = end - nl;
		for (int extra = 0; extra <= 4 && p >= 3; extra++, p -= 3)
			if (!memcmp(s + p - 3, "本", 3))
				return 1;
	}
	return 0;
}

/* Whether a sentence starts with the document naming itself (本方案自…). */
static int starts_with_self(const char *s, size_t len)
{
	if (!has_prefix(s, len, "本"))
		return 0;
	for (size_t end = 9; end <= 21 && end <= len; end += 3)
		if (ends_with_self(s, end))
			return 1;
	return 0;
}

/* A date ending with 日 within the next 40 bytes of s: its bytes, 0 when none. */
static size_t date_at(const char *s, size_t len, char out[11])
{
	const char *d = memmem(s, len < 40 ? len : 40, "日", 3);
	return d && fg_date_parse(s, (size_t)(d - s) + 3, out) ? (size_t)(d - s) + 3 : 0;
}

/*
 * The start of the period in a sentence: 自<date>起, or 自印发之日起 (also
 * 发布, 公布) for the published date, else effective, else published. 0 when none.
 */
static int period_base(const char *s, size_t len, const char *effective, const char *published, char base[11])
{
	for (const char *z = memmem(s, len, "自", 3); z; z = memmem(z + 3, len - (size_t)(z + 3 - s), "自", 3))
		if (date_at(z + 3, len - (size_t)(z + 3 - s), base))
			return 1;
	const char *from = NULL;
	if (contains(s, len, "自印发之日起") || contains(s, len, "自发布之日起") || contains(s, len, "自公布之日起"))
		from = published;
	else
		from = effective ? effective : published;
	if (!from || !fg_date_valid(from))
		return 0;
	memcpy(base, from, 11);
	return 1;
}

/* The value after 有效期: 至<date>, <date>至<date>, 自<date>至<date>, or N年. */
static int period_value(const char *s, size_t len, const char *v, const char *effective, const char *published,
			char until[11])
{
	size_t rest = len - (size_t)(v - s), n;
	char d[11];
	static const char *const lead[] = {"为", "是", "：", ":", NULL};
	if (has_prefix(v, rest, "限")) /* 有效期限为… */
		v += 3, rest -= 3;
	for (int k = 0; lead[k]; k++)
		if (has_prefix(v, rest, lead[k])) {
			v += strlen(lead[k]);
			rest -= strlen(lead[k]);
			break;
		}
	if (has_prefix(v, rest, "自"))
		v += 3, rest -= 3;
	if ((n = date_at(v, rest, d)) && rest >= n && has_prefix(v + n, rest - n, "至"))
		v += n, rest -= n;
	if (has_prefix(v, rest, "至"))
		return date_at(v + 3, rest - 3, until) > 0;
	long years = fg_cn_number(v, rest, &n);
	if (years < 1 || years > 50 || !has_prefix(v + n, rest - n, "年") || has_prefix(v + n + 3, rest - n - 3, "以"))
		return 0;
	char base[11];
	return period_base(s, len, effective, published, base) && fg_date_add(base, (int)years, -1, until);
}

/* Sentence bounds around pos: 。；! or a line break. */
static void sentence(const char *t, size_t len, size_t pos, size_t *s0, size_t *s1)
{
	static const char *const ends[] = {"。", "；", "！", NULL};
	size_t a = pos, b = pos;
	for (; a > 0; a--) {
		int stop = t[a - 1] == '\n';
		for (int k = 0; ends[k] && !stop; k++)
			stop = a >= 3 && !memcmp(t + a - 3, ends[k], 3);
		if (stop)
			break;
	}
	for (; b < len && t[b] != '\n'; b++) {
		int stop = 0;
		for (int k = 0; ends[k] && !stop; k++)
			stop = has_prefix(t + b, len - b, ends[k]);
		if (stop)
			break;
	}
	*s0 = a;
	*s1 = b;
}

/* Where the clause ending at s[end] starts: after the previous ， (or at 0). */
static size_t clause_start(const char *s, size_t end)
{
	while (end > 0) {
		if (s[end - 1] == ',')
			return end;
		if (end >= 3 && !memcmp(s + end - 3, "，", 3))
			return end;
		end--;
	}
	return 0;
}

int fg_meta_validity(const char *t, size_t len, const char *effective, const char *published, char until[11])
{
	for (const char *p = memmem(t, len, "有效期", 9); p;
	     p = memmem(p + 9, len - (size_t)(p + 9 - t), "有效期", 9)) {
		size_t pos = (size_t)(p - t), s0, s1;
		sentence(t, len, pos, &s0, &s1);
		const char *s = t + s0;
		size_t before = pos - s0;
		if (before >= 3 && !memcmp(s + before - 3, "的", 3))
			before -= 3;
		/* 本方案有效期…, or 本方案自…起施行，有效期… (the clause opens with 有效期) */
		int own = ends_with_self(s, before);
		if (!own && before >= 3 && (!memcmp(s + before - 3, "，", 3) || s[before - 1] == ',')) {
			size_t c = clause_start(s, before - (s[before - 1] == ',' ? 1 : 3));
			const char *cl = s + c;
			size_t cn = before - c;
			own = starts_with_self(cl, cn) &&
			      (contains(cl, cn, "施行") || contains(cl, cn, "实施") || contains(cl, cn, "执行"));
		}
		if (own && period_value(s, s1 - s0, p + 9, effective, published, until))
			return 1;
	}
	return 0;
}

/* ---- effective date ---- */

int fg_meta_effective_on_issue(const char *t, size_t len)
{
	static const char *const forms[] = {"自印发之日起施行",
					    "自印发之日起实施",
					    "自印发之日起执行",
					    "自发布之日起施行",
					    "自发布之日起实施",
					    "自公布之日起施行",
					    NULL};
	for (int k = 0; forms[k]; k++)
		if (contains(t, len, forms[k]))
			return 1;
	return 0;
}

/* ---- into the metadata ---- */

void fg_parse_text_meta(fg_doc *d, char *authority, const char *date)
{
	fg_meta *m = &d->meta;
	if (authority && *authority && !m->authority)
		m->authority = authority;
	else
		free(authority);
	int signed_on = date && *date && !m->published; /* published is the signature's date */
	if (signed_on)
		m->published = fg_xstrdup(date);
	/* 自公布之日起施行 in an amended law speaks of its first publication: only a signed document's own date counts
	 */
	for (size_t u = 0; u < d->nunits && !m->effective && signed_on; u++)
		if (fg_meta_effective_on_issue(d->units[u].text, d->units[u].len))
			m->effective = fg_xstrdup(m->published);
	char until[11];
	for (size_t u = 0; u < d->nunits && !m->expires; u++)
		if (fg_meta_validity(d->units[u].text, d->units[u].len, m->effective, m->published, until))
			m->expires = fg_xstrdup(until);
}
