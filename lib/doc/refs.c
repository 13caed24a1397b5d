/*
 * refs.c - extraction of references from unit texts (refs.h): 《title》
 * references with an optional article, basis clauses (根据《…》) and
 * internal references (本法第X条, 本条, 前款); apart from them, bare names
 * before an article (民法典第五百条, fg_cite_extract_bare).
 */
#include "refs.h"
#include "doc.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TITLE_BYTES 300  /* longer 《…》 spans are not titles */

static const char LQ[] = "\xe3\x80\x8a"; /* 《 */
static const char RQ[] = "\xe3\x80\x8b"; /* 》 */

const char *fg_cite_kind_name(int kind)
{
	switch (kind) {
	case FG_CITE_BASIS: return "basis";
	case FG_CITE_INTERNAL: return "internal";
	case FG_CITE_BARE: return "bare";
	default: return "ref";
	}
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

static int starts_with(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && !memcmp(s, pre, k);
}

/* How the name of a rule ends (not a licence, book or standard). */
static const char *const suffixes[] = {"法", "法典", "条例", "规定", "办法", "细则", "决定", "规则", "解释", "意见",
				       "通知", "措施", "准则", "规程", "规范", "章程", "纲要", "公约", "协定",
				       "条约", "批复", "决议", "命令", "方案", "规划", "制度", "目录", "公告",
				       "答复", "守则", "通告", NULL};

/* A normalized rule name ends like the name of a rule. */
static int is_rule_name(const char *name)
{
	size_t n = strlen(name);
	if (n < 6) /* at least two characters */
		return 0;
	for (int i = 0; suffixes[i]; i++)
		if (ends_with(name, n, suffixes[i]))
			return 1;
	return 0;
}

/* Start of the code point before offset i (i > 0). */
static size_t prev_cp(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

/* "第" number (款|项) at s: bytes used, 0 when not there. Items may be written 第（一）项. */
static size_t para_item_ref(const char *s, size_t len)
{
	static const char di[] = "第";
	if (!starts_with(s, len, di))
		return 0;
	size_t p = 3, used;
	int paren = 0;
	if (starts_with(s + p, len - p, "（")) {
		p += 3;
		paren = 1;
	}
	if (fg_cn_number(s + p, len - p, &used) < 0)
		return 0;
	p += used;
	if (paren) {
		if (!starts_with(s + p, len - p, "）"))
			return 0;
		p += 3;
	}
	if (starts_with(s + p, len - p, "款") || starts_with(s + p, len - p, "项"))
		return p + 3;
	return 0;
}

/* An article reference at s: 第X条(之Y)(第X款)(第X项); bytes used (0 when none), num/sub set. */
static size_t article_ref(const char *s, size_t len, long *num, long *sub)
{
	size_t used;
	*num = *sub = 0;
	if (!fg_article_label(s, len, num, sub, &used))
		return 0;
	size_t p = used, k;
	while ((k = para_item_ref(s + p, len - p)) > 0)
		p += k;
	return p;
}

struct cites {
	fg_cite *v;
	size_t n;
};

static fg_cite *push(struct cites *c)
{
	c->v = fg_xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	fg_cite *x = &c->v[c->n++];
	memset(x, 0, sizeof *x);
	return x;
}

/* Internal references: the word, and whether it means the citing unit itself. */
static const struct {
	const char *word;
	int self;
} internal_words[] = {
	{"本条例", 0}, {"本法", 0},   {"本办法", 0}, {"本规定", 0}, {"本细则", 0}, {"本规则", 0}, {"本决定", 0},
	{"本解释", 0}, {"本通知", 0}, {"本措施", 0}, {"本意见", 0}, {"本条", 1},   {"前款", 1},
};

/* Characters that make 本法/本规定 part of another word (根本法, 基本规定, 样本法 ...). */
static int word_glue(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	static const char *const glue[] = {"根", "基", "样", "成", "资", "文", "范", "课", "版", "剧", "脚",
					   "读", "副", "原", "日", "账", "标", "蓝", "抄", "底", NULL};
	size_t j = prev_cp(s, i);
	for (int k = 0; glue[k]; k++)
		if (i - j == strlen(glue[k]) && !memcmp(s + j, glue[k], i - j))
			return 1;
	return 0;
}

/* Text between two citations that keeps a basis clause going: 、 和 及 以及 与 ， and spaces. */
static int basis_joiner(const char *s, size_t n)
{
	static const char *const joiners[] = {"、", "和", "及", "以及", "与", "，", ",", " ", "　", NULL};
	size_t i = 0;
	while (i < n) {
		int hit = 0;
		for (int k = 0; joiners[k]; k++)
			if (starts_with(s + i, n - i, joiners[k])) {
				i += strlen(joiners[k]);
				hit = 1;
				break;
			}
		if (!hit)
			return 0;
	}
	return 1;
}

static int preceded_by_basis(const char *s, size_t i)
{
	static const char *const words[] = {"根据", "依据", "按照", NULL};
	for (int k = 0; words[k]; k++) {
		size_t n = strlen(words[k]);
		if (i >= n && !memcmp(s + i - n, words[k], n))
			return 1;
	}
	return 0;
}

size_t fg_cite_extract(const char *text, size_t len, fg_cite **out)
{
	struct cites c = {0};
	size_t i = 0;
	int basis_open = 0;   /* the last citation was a basis and may continue */
	size_t last_end = 0;
	while (i < len) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == 0xE3 && starts_with(text + i, len - i, LQ)) {
			size_t tstart = i + 3, j = tstart;
			int ok = 0;
			while (j < len && j - tstart <= MAX_TITLE_BYTES && text[j] != '\n') {
				if (starts_with(text + j, len - j, RQ)) {
					ok = 1;
					break;
				}
				if (starts_with(text + j, len - j, LQ))
					break;
				j++;
			}
			if (!ok || j == tstart) {
				i += 3;
				continue;
			}
			char *title = fg_xstrndup(text + tstart, j - tstart);
			char *name = fg_rule_name(title);
			size_t end = j + 3;
			if (!is_rule_name(name)) {
				free(title);
				free(name);
				i = end;
				continue;
			}
			int basis = preceded_by_basis(text, i) ||
				    (basis_open && basis_joiner(text + last_end, i - last_end));
			fg_cite *x = push(&c);
			x->kind = basis ? FG_CITE_BASIS : FG_CITE_REF;
			x->start = i;
			x->title = title;
			x->name = name;
			size_t used = article_ref(text + end, len - end, &x->num, &x->sub);
			x->article = fg_xstrndup(text + end, used);
			x->end = end + used;
			basis_open = basis;
			last_end = x->end;
			i = x->end;
			continue;
		}
		if (ch == 0xE6 || ch == 0xE5) { /* 本 is E6 9C AC, 前 is E5 89 8D */
			int hit = -1;
			for (size_t k = 0; k < sizeof internal_words / sizeof internal_words[0]; k++)
				if (starts_with(text + i, len - i, internal_words[k].word)) {
					hit = (int)k;
					break;
				}
			if (hit >= 0 && !word_glue(text, i)) {
				size_t wend = i + strlen(internal_words[hit].word);
				fg_cite *x = push(&c);
				x->kind = FG_CITE_INTERNAL;
				x->start = i;
				x->title = fg_xstrdup("");
				x->name = fg_xstrdup("");
				size_t used = 0;
				if (!internal_words[hit].self)
					used = article_ref(text + wend, len - wend, &x->num, &x->sub);
				else {
					size_t k;
					while ((k = para_item_ref(text + wend + used, len - wend - used)) > 0)
						used += k;
				}
				x->self_unit = internal_words[hit].self;
				x->article = internal_words[hit].self ? fg_xstrndup(text + i, wend - i + used)
								      : fg_xstrndup(text + wend, used);
				x->end = wend + used;
				i = x->end;
				continue;
			}
		}
		i++;
	}
	*out = c.v;
	return c.n;
}

/* ---- bare references: 民法典第五百条 ---- */

#define MAX_BARE_CPS 60 /* the longest name looked for before a bare 第X条, in characters */

/* The start of a part number （一）…（十二） ending at end (not before from), or end when there is none. */
static size_t part_number_before(const char *s, size_t from, size_t end)
{
	if (end < from + 9 || memcmp(s + end - 3, "）", 3) != 0)
		return end;
	size_t close = end - 3;
	for (size_t j = close, k = 0; j > from && k < 6; k++) {
		j = prev_cp(s, j);
		if (j >= from && j + 3 <= close && !memcmp(s + j, "（", 3)) {
			size_t used;
			if (j + 3 < close && fg_cn_number(s + j + 3, close - j - 3, &used) > 0 && used == close - j - 3)
				return j;
			return end;
		}
	}
	return end;
}

/* The 《 opening the 》 at b, not before from and on the same line; b when there is none. */
static size_t open_quote_before(const char *s, size_t from, size_t b)
{
	for (size_t k = b; k > from && b - k <= MAX_TITLE_BYTES;) {
		k = prev_cp(s, k);
		if (k < from || s[k] == '\n' || (k + 3 <= b && !memcmp(s + k, RQ, 3)))
			break;
		if (k + 3 <= b && !memcmp(s + k, LQ, 3))
			return k;
	}
	return b;
}

/*
 * The start of the longest name that may end at end: Han characters and
 * whole 《…》 spans (not one right before end), back to from, at most
 * MAX_BARE_CPS characters; end when there is none.
 */
static size_t name_run_start(const char *s, size_t from, size_t end)
{
	size_t q = end;
	for (int cps = 0; q > from && cps < MAX_BARE_CPS; cps++) {
		size_t b = prev_cp(s, q);
		if (b < from)
			break;
		uint32_t cp;
		fg_utf8_decode(s + b, q - b, &cp);
		if (fg_is_han(cp)) {
			q = b;
			continue;
		}
		size_t k;
		if (cp != 0x300B || q == end || (k = open_quote_before(s, from, b)) == b)
			break;
		q = k;
	}
	return q;
}

/* Words that come before a name rather than belong to it (where a bare name is guessed to start). */
static const char *const lead_words[] = {"根据", "依据", "按照", "依照", "遵照", "参照", "对照", "违反", "适用",
					 "援引", "引用", "执行", "符合", "结合", "以及", "和", "及", "与", "或", NULL};

/* The guessed start of the name in [run, end): after the last lead word outside 《》 keeping two characters. */
static size_t guess_name_start(const char *s, size_t run, size_t end)
{
	size_t guess = run;
	int depth = 0;
	for (size_t i = run; i + 6 <= end;) {
		if (!memcmp(s + i, LQ, 3))
			depth++;
		else if (!memcmp(s + i, RQ, 3) && depth > 0)
			depth--;
		for (int k = 0; !depth && lead_words[k]; k++) {
			size_t n = strlen(lead_words[k]);
			if (i + n + 6 > end || memcmp(s + i, lead_words[k], n) != 0)
				continue;
			int glued = (i >= run + 3 && !memcmp(s + i - 3, "共", 3)) || /* 共和国 */
				    (i >= run + 6 && !memcmp(s + i - 6, "关于", 6));  /* 关于适用《…》的解释 */
			if (!glued)
				guess = i + n;
			break;
		}
		uint32_t cp;
		i += fg_utf8_decode(s + i, end - i, &cp);
	}
	return guess;
}

/*
 * Whether the name ending at end ends with a demonstrative and a rule word:
 * 本法, 在本条例, 该条例, 此办法, 上述规定 … after run (not 基本法, 根本法), or
 * is 原条例, 同法 … from start (not 草原法, 合同法), or 本实施细则, 本暂行办法 …
 * (a demonstrative and at most four characters from start).
 */
static int demonstrative_name(const char *s, size_t run, size_t start, size_t end)
{
	static const char *const anywhere[] = {"本", "该", "此", "上述", "前述", NULL};
	static const char *const alone[] = {"原", "同", NULL};
	for (int j = 0; suffixes[j]; j++) {
		size_t sl = strlen(suffixes[j]);
		if (end < run + sl || memcmp(s + end - sl, suffixes[j], sl) != 0)
			continue;
		for (int k = 0; anywhere[k]; k++) {
			size_t d = strlen(anywhere[k]), at = end - sl - d;
			if (end - run >= sl + d && !memcmp(s + at, anywhere[k], d) && !word_glue(s, at))
				return 1;
		}
		for (int k = 0; alone[k]; k++)
			if (end - start == sl + strlen(alone[k]) && !memcmp(s + start, alone[k], strlen(alone[k])))
				return 1;
		for (int k = 0; anywhere[k]; k++) {
			size_t d = strlen(anywhere[k]);
			if (end - start > d && !memcmp(s + start, anywhere[k], d) &&
			    fg_utf8_count(s + start + d, end - start - d) <= 4)
				return 1;
		}
	}
	return 0;
}

/* A bare reference whose article reference is [at, end), its name after from: pushed when there is one. */
static void bare_at(const char *text, size_t from, size_t at, size_t end, long num, long sub, struct cites *c)
{
	size_t name_end = at; /* 民法典 第五百条: one space between */
	if (name_end >= from + 1 && text[name_end - 1] == ' ')
		name_end--;
	else if (name_end >= from + 3 && !memcmp(text + name_end - 3, "\xe3\x80\x80", 3))
		name_end -= 3;
	size_t core_end = part_number_before(text, from, name_end);
	size_t run = name_run_start(text, from, core_end);
	if (run >= core_end)
		return;
	char *core = fg_xstrndup(text + run, core_end - run);
	char *cname = fg_rule_name(core);
	int ok = is_rule_name(cname);
	free(core);
	free(cname);
	size_t start = guess_name_start(text, run, core_end);
	if (!ok || core_end - start < 6 || demonstrative_name(text, run, start, core_end))
		return;
	fg_cite *x = push(c);
	x->kind = FG_CITE_BARE;
	x->start = start;
	x->run_start = run;
	x->end = end;
	x->title = fg_xstrndup(text + start, name_end - start);
	x->name = fg_rule_name(x->title);
	x->article = fg_xstrndup(text + at, end - at);
	x->num = num;
	x->sub = sub;
}

size_t fg_cite_extract_bare(const char *text, size_t len, fg_cite **out)
{
	struct cites c = {0};
	size_t from = 0; /* a name never reaches back past an earlier article reference */
	const char *p;
	for (size_t i = 0; i < len && (p = memmem(text + i, len - i, "第", 3)) != NULL;) {
		size_t at = (size_t)(p - text);
		long num, sub;
		size_t used = article_ref(text + at, len - at, &num, &sub);
		if (!used) {
			i = at + 3;
			continue;
		}
		bare_at(text, from, at, at + used, num, sub, &c);
		from = i = at + used;
	}
	*out = c.v;
	return c.n;
}

void fg_cite_free(fg_cite *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].title);
		free(c[i].name);
		free(c[i].article);
	}
	free(c);
}

