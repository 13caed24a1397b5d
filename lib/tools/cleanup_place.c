/*
 * cleanup_place.c - where a rule belongs and who made it, for the filters of
 * the cleanup report (cleanup_int.h). Places: a region string or the start
 * of a title cut into named places by their suffixes (示例省青川市 -> 示例省 |
 * 青川市; 济南市城市供水条例 -> 济南市), compared without the suffix (山东省 =
 * 山东), so a filter matches a place and everything below it. Authorities:
 * the record's own, else what the catalogue path, the history lines or the
 * title say.
 */
#include "cleanup_int.h"

#include "doc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PLACES 4      /* places kept from one string */
#define NAME_CHARS 8      /* the longest place name before its suffix, characters */
#define MAX_ORGAN_CHARS 24 /* the longest authority read from a text, characters */

/* Suffixes of place names (longest first where one ends another). */
static const char *const suffixes[] = {"特别行政区", "自治区", "经济特区", "自治州", "自治县", "自治旗",
				       "地区", "省", "市", "盟", "县", "区", "旗", NULL};

struct place {
	const char *s;    /* the place as written */
	size_t len;       /* bytes, suffix included */
	size_t name;      /* bytes of the name without its suffix */
};

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

/* The suffix s[0..n) ends with, or NULL. */
static const char *suffix_of(const char *s, size_t n)
{
	for (size_t k = 0; suffixes[k]; k++)
		if (ends_with(s, n, suffixes[k]))
			return suffixes[k];
	return NULL;
}

static int is_han_at(const char *s, size_t len, size_t *step)
{
	uint32_t cp;
	*step = fg_utf8_decode(s, len, &cp);
	return fg_is_han(cp);
}

/*
 * Cut s (len bytes) into places ending in a suffix, each with a name of 2 to
 * NAME_CHARS characters. A title stops at the first run that is no place
 * (济南市城市供水条例 -> 济南市); a region keeps its rest as a last place
 * (山东 -> 山东).
 */
static size_t split_places(const char *s, size_t len, int title, struct place *out)
{
	size_t n = 0, start = 0, chars = 0;
	for (size_t i = 0; i < len && n < MAX_PLACES;) {
		size_t step;
		if (!is_han_at(s + i, len - i, &step))
			break;
		i += step;
		chars++;
		const char *suf = suffix_of(s + start, i - start);
		size_t sl = suf ? strlen(suf) : 0;
		if (suf && fg_utf8_count(s + start, i - start - sl) >= 2) {
			out[n++] = (struct place){s + start, i - start, i - start - sl};
			start = i;
			chars = 0;
		} else if (chars > NAME_CHARS + 2) {
			break;
		}
	}
	if (!title && start < len && n < MAX_PLACES && (!n || fg_utf8_count(s + start, len - start) >= 2))
		out[n++] = (struct place){s + start, len - start, len - start}; /* 山东: the whole region is one place */
	return n;
}

/* The place as compared: its name without the suffix, unless that leaves one character. */
static size_t name_len(const struct place *p)
{
	return fg_utf8_count(p->s, p->name) >= 2 ? p->name : p->len;
}

/* Whether filter place f names rule place p: the same name, or the start of an autonomous one (云岭 = 云岭瑶族). */
static int same_place(const struct place *f, const struct place *p)
{
	size_t fl = name_len(f), pl = name_len(p);
	if (fl == pl && !memcmp(f->s, p->s, fl))
		return 1;
	return fl < pl && !memcmp(f->s, p->s, fl) && ends_with(p->s, pl, "族") && fg_utf8_count(f->s, fl) >= 2;
}

char *fg_place_below(const char *region, const char *title)
{
	struct place r[MAX_PLACES], t[MAX_PLACES];
	size_t nr = split_places(region, strlen(region), 0, r);
	if (!nr || !strcmp(region, "全国"))
		return fg_xstrdup("");
	if (nr > 1)
		return fg_xstrdup(r[1].s);
	size_t nt = split_places(title, strlen(title), 1, t), k = 0;
	if (nt && same_place(&r[0], &t[0]))
		k = 1; /* the title names the province first */
	if (k >= nt || same_place(&r[0], &t[k]))
		return fg_xstrdup("");
	const char *suf = suffix_of(t[k].s, t[k].len);
	if (!strcmp(suf, "省") || !strcmp(suf, "自治区") || !strcmp(suf, "特别行政区"))
		return fg_xstrdup("");
	if (!strcmp(suf, "经济特区")) { /* 深圳经济特区 is 深圳市 */
		fg_buf b = {0};
		fg_buf_put(&b, t[k].s, t[k].name);
		fg_buf_puts(&b, "市");
		return fg_buf_detach(&b);
	}
	return fg_xstrndup(t[k].s, t[k].len);
}

/* Whether the filter place list f[0..nf) names the rule's places p[0..np): from the top, or below the province. */
static int places_match(const struct place *f, size_t nf, const struct place *p, size_t np)
{
	for (size_t k = 0; k + nf <= np; k++) {
		size_t i = 0;
		while (i < nf && same_place(&f[i], &p[k + i]))
			i++;
		if (i == nf)
			return 1;
	}
	return 0;
}

int fg_place_match(const char *list, const char *region, const char *locality)
{
	if (!list || !*list)
		return 1;
	struct place p[2 * MAX_PLACES];
	size_t np = split_places(region, strlen(region), 0, p);
	if (np == 1 && *locality)
		np += split_places(locality, strlen(locality), 0, p + 1);
	const char *cur = list, *item;
	size_t n;
	while (fg_list_next(&cur, &item, &n)) {
		struct place f[MAX_PLACES];
		size_t nf = n ? split_places(item, n, 0, f) : 0;
		if (nf && places_match(f, nf, p, np))
			return 1;
	}
	return 0;
}

/* ---- authorities ---- */

/* Bodies that make rules: an authority named in a path or a title ends with one of these. */
static const char *const organs[] = {"人民代表大会常务委员会", "人民代表大会", "人民政府", "办公厅", "办公室",
				     "人民法院", "人民检察院", "国务院", "委员会", "总局", "银行", "部", "局",
				     "厅", "署", "院", NULL};

static int is_organ(const char *s, size_t n)
{
	static const char state_council[] = "国务院";
	if (n == sizeof state_council - 1 && !memcmp(s, state_council, n))
		return 1;
	for (size_t k = 0; organs[k]; k++)
		if (n > strlen(organs[k]) && ends_with(s, n, organs[k]))
			return 1;
	return 0;
}

static int is_numeral(const char *s)
{
	static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇", NULL};
	for (size_t k = 0; digits[k]; k++)
		if (!memcmp(s, digits[k], 3))
			return 1;
	return 0;
}

/*
 * The place before a body named at text[end]: the Han run ending there,
 * without a 第…届 or …届 (山东省第十二届 -> 山东省, 第十届全国 -> 全国, 市十二届 ->
 * 市) and a leading 中华人民共和国; a bare 市/省/县 (the rule's own place,
 * unnamed) is the place the title starts with (杭州市). Caller frees.
 */
static char *place_before(const char *text, size_t end, const char *title)
{
	size_t a = end;
	while (a > 0) {
		size_t p = a - 1;
		while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
			p--;
		size_t step;
		if (!is_han_at(text + p, a - p, &step))
			break;
		a = p;
	}
	if (end - a >= 3 && a > 0 && text[a - 1] >= '0' && text[a - 1] <= '9' && !memcmp(text + a, "日", 3))
		a += 3; /* 2020年9月24日浙江省: the date's 日 */
	if (end - a >= 3 && (!memcmp(text + a, "经", 3) || !memcmp(text + a, "由", 3)))
		a += 3; /* 经…批准 */
	static const char prc[] = "中华人民共和国";
	if (end - a >= sizeof prc - 1 && !memcmp(text + a, prc, sizeof prc - 1))
		a += sizeof prc - 1;
	fg_buf b = {0};
	for (size_t i = a; i < end;) {
		size_t k = i;
		if (k + 3 <= end && !memcmp(text + k, "第", 3))
			k += 3;
		size_t d = k;
		while (d + 3 <= end && is_numeral(text + d))
			d += 3;
		if (d > k && d + 3 <= end && !memcmp(text + d, "届", 3)) { /* a term of office: left out */
			i = d + 3;
			continue;
		}
		fg_buf_put(&b, text + i, 3 <= end - i ? 3 : end - i);
		i += 3 <= end - i ? 3 : end - i;
	}
	char *place = fg_buf_detach(&b);
	struct place t[MAX_PLACES];
	int bare = !strcmp(place, "市") || !strcmp(place, "省") || !strcmp(place, "县") || !strcmp(place, "区");
	if (bare && split_places(title, strlen(title), 1, t) > 0 && ends_with(t[0].s, t[0].len, place)) {
		free(place);
		place = fg_xstrndup(t[0].s, t[0].len);
	} else if (bare) {
		*place = '\0'; /* which 市 the text does not say */
	}
	return place;
}

/* The body a history line names (its text, without the date), or NULL; title: the rule's. */
static char *organ_in_line(const char *text, const char *title)
{
	static const char *const bodies[][2] = {{"人民代表大会常务委员会", "人民代表大会常务委员会"},
						{"人大常委会", "人民代表大会常务委员会"},
						{"人民代表大会", "人民代表大会"},
						{"人民政府", "人民政府"}};
	int court = strstr(text, "最高人民法院") != NULL, procur = strstr(text, "最高人民检察院") != NULL;
	if (court || procur)
		return fg_xstrdup(court && procur ? "最高人民法院、最高人民检察院" : court ? "最高人民法院" : "最高人民检察院");
	for (const char *p = text; *p; p++) /* the first body the line names */
		for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
			if (strncmp(p, bodies[k][0], strlen(bodies[k][0])))
				continue;
			char *place = place_before(text, (size_t)(p - text), title);
			if (!*place || fg_utf8_count(place, strlen(place)) > MAX_ORGAN_CHARS) {
				free(place);
				break;
			}
			fg_buf b = {0};
			fg_buf_puts(&b, place);
			fg_buf_puts(&b, bodies[k][1]);
			free(place);
			return fg_buf_detach(&b);
		}
	if (strstr(text, "国务院"))
		return fg_xstrdup("国务院");
	const char *ling = strstr(text, "令");
	if (ling) { /* 中华人民共和国交通部令第8号发布 -> 交通部 */
		char *organ = place_before(text, (size_t)(ling - text), "");
		if (*organ && is_organ(organ, strlen(organ)) && fg_utf8_count(organ, strlen(organ)) <= MAX_ORGAN_CHARS)
			return organ;
		free(organ);
	}
	return NULL;
}

/* The body the catalogue path names: its second directory (部门规章/公安部/x.md), when it is one. */
static char *organ_in_path(const char *path, const char *region)
{
	const char *a = path ? strchr(path, '/') : NULL;
	const char *b = a ? strchr(a + 1, '/') : NULL;
	if (!b)
		return NULL;
	size_t n = (size_t)(b - a - 1);
	if (!n || (strlen(region) == n && !memcmp(a + 1, region, n)) || !is_organ(a + 1, n))
		return NULL;
	for (size_t i = 0; fg_levels[i]; i++)
		if (strlen(fg_levels[i]) == n && !memcmp(a + 1, fg_levels[i], n))
			return NULL;
	return fg_xstrndup(a + 1, n);
}

/* The issuer a title names before 关于: 国务院关于…, 示例省人民政府办公厅关于…; NULL when none. */
static char *organ_in_title(const char *title)
{
	const char *p = strstr(title, "关于");
	size_t n = p ? (size_t)(p - title) : 0;
	if (!n || fg_utf8_count(title, n) > MAX_ORGAN_CHARS || !is_organ(title, n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (title[i] == ' ' || !memcmp(title + i, "《", 3))
			return NULL;
	static const char prc[] = "中华人民共和国";
	size_t skip = n > sizeof prc - 1 && !memcmp(title, prc, sizeof prc - 1) ? sizeof prc - 1 : 0;
	return fg_xstrndup(title + skip, n - skip);
}

char *fg_authority_of(const fg_record *r, const char *title, const char *level, const char *region)
{
	if (r && r->meta.authority && *r->meta.authority)
		return fg_xstrdup(r->meta.authority);
	char *a = r ? organ_in_path(r->path, region) : NULL;
	for (size_t k = 0; !a && r && k < r->nevents; k++)
		if (r->events[k].text)
			a = organ_in_line(r->events[k].text, title);
	if (!a)
		a = organ_in_title(title);
	if (!a && !strcmp(level, "行政法规"))
		a = fg_xstrdup("国务院");
	else if (!a && !strcmp(level, "监察法规"))
		a = fg_xstrdup("国家监察委员会");
	return a ? a : fg_xstrdup("");
}
