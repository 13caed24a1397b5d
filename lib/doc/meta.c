/*
 * meta.c - document metadata: the level and status vocabularies and their
 * many spellings, date normalization, setting fields by English or Chinese
 * key, and YAML front matter.
 */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

const char *const fg_levels[] = {
	"宪法", "法律", "行政法规", "监察法规", "司法解释", "地方性法规",
	"自治条例和单行条例", "部门规章", "地方政府规章", "规范性文件", NULL,
};

const char *const fg_statuses[] = {
	FG_STATUS_IN_FORCE, FG_STATUS_PENDING, FG_STATUS_AMENDED, FG_STATUS_INVALID, FG_STATUS_REPEALED, NULL,
};

struct alias {
	const char *spelling;
	const char *canon;
};

static const struct alias level_alias[] = {
	{"宪法相关法", "法律"},
	{"全国人大常委会决定", "法律"},
	{"有关法律问题的决定", "法律"},
	{"法律解释", "法律"},
	{"民法典", "法律"},
	{"民法商法", "法律"},
	{"行政法", "法律"},
	{"经济法", "法律"},
	{"社会法", "法律"},
	{"刑法", "法律"},
	{"诉讼与非诉讼程序法", "法律"},
	{"国务院决定", "行政法规"},
	{"司法解释性质文件", "司法解释"},
	{"自治条例", "自治条例和单行条例"},
	{"单行条例", "自治条例和单行条例"},
	{"经济特区法规", "地方性法规"},
	{"地方法规", "地方性法规"},
	{"部委规章", "部门规章"},
	{"规章", "部门规章"},
	{"政府规章", "地方政府规章"},
	{"地方规章", "地方政府规章"},
	{"规范性文件", "规范性文件"},
	{"行政规范性文件", "规范性文件"},
	{"其他规范性文件", "规范性文件"},
	{"其他", "规范性文件"},
	{NULL, NULL},
};

static const struct alias status_alias[] = {
	{"有效", FG_STATUS_IN_FORCE},
	{"现行", FG_STATUS_IN_FORCE},
	{"生效", FG_STATUS_IN_FORCE},
	{"在用", FG_STATUS_IN_FORCE},
	{"未生效", FG_STATUS_PENDING},
	{"尚未施行", FG_STATUS_PENDING},
	{"未施行", FG_STATUS_PENDING},
	{"修改", FG_STATUS_AMENDED},
	{"已被修改", FG_STATUS_AMENDED},
	{"被修改", FG_STATUS_AMENDED},
	{"已修正", FG_STATUS_AMENDED},
	{"已修订", FG_STATUS_AMENDED},
	{"废止", FG_STATUS_REPEALED},
	{"已被废止", FG_STATUS_REPEALED},
	{"被废止", FG_STATUS_REPEALED},
	{"部分失效", FG_STATUS_INVALID},
	{"已失效", FG_STATUS_INVALID},
	{"失效", FG_STATUS_INVALID},
	{NULL, NULL},
};

/* Copy of s with ASCII and ideographic spaces removed (vocabulary lookups ignore them). */
static void squeeze(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	while (*s && o + 1 < cap) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
		} else if (!strncmp(s, "\xe3\x80\x80", 3)) {
			s += 3;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
}

static const char *canon(const char *s, const char *const *vocab, const struct alias *alias)
{
	char buf[128];
	if (!s)
		return NULL;
	squeeze(s, buf, sizeof buf);
	for (size_t i = 0; vocab[i]; i++)
		if (!strcmp(buf, vocab[i]))
			return vocab[i];
	for (size_t i = 0; alias[i].spelling; i++)
		if (!strcmp(buf, alias[i].spelling)) {
			/* return the vocabulary's own pointer */
			for (size_t j = 0; vocab[j]; j++)
				if (!strcmp(vocab[j], alias[i].canon))
					return vocab[j];
		}
	return NULL;
}

const char *fg_level_canon(const char *s)
{
	return canon(s, fg_levels, level_alias);
}

const char *fg_status_canon(const char *s)
{
	return canon(s, fg_statuses, status_alias);
}

int fg_level_rank(const char *level)
{
	if (level)
		for (int i = 0; fg_levels[i]; i++)
			if (!strcmp(level, fg_levels[i]))
				return i;
	return 10;
}

int fg_status_rank(const char *status)
{
	if (status)
		for (int i = 0; fg_statuses[i]; i++)
			if (!strcmp(status, fg_statuses[i]))
				return i;
	return 5;
}

/* ---- dates ---- */

static int is_space_at(const char *s, size_t len, size_t *n)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
		*n = 1;
		return 1;
	}
	if (len >= 3 && !memcmp(s, "\xe3\x80\x80", 3)) {
		*n = 3;
		return 1;
	}
	return 0;
}

static void trim(const char **s, size_t *len)
{
	size_t n;
	while (*len && is_space_at(*s, *len, &n)) {
		*s += n;
		*len -= n;
	}
	for (;;) {
		if (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r' ||
			     (*s)[*len - 1] == '\n'))
			(*len)--;
		else if (*len >= 3 && !memcmp(*s + *len - 3, "\xe3\x80\x80", 3))
			*len -= 3;
		else
			break;
	}
}

static void fmt_date(unsigned y, unsigned m, unsigned d, char out[11])
{
	char buf[40];
	snprintf(buf, sizeof buf, "%04u-%02u-%02u", y % 10000, m % 100, d % 100);
	memcpy(out, buf, 11);
}

static int lit(const char *s, size_t len, size_t *pos, const char *l)
{
	size_t n = strlen(l);
	if (len - *pos >= n && !memcmp(s + *pos, l, n)) {
		*pos += n;
		return 1;
	}
	return 0;
}

int fg_date_parse(const char *s, size_t len, char out[11])
{
	trim(&s, &len);
	if (len == 0)
		return 0;
	size_t pos = 0, n;
	long y = fg_cn_number(s, len, &n);
	if (y < 1000 || y > 9999)
		return 0;
	pos = n;
	long m, d;
	if (lit(s, len, &pos, "年")) {
		pos += is_space_at(s + pos, len - pos, &n) ? n : 0;
		m = fg_cn_number(s + pos, len - pos, &n);
		if (m < 0)
			return 0;
		pos += n;
		if (!lit(s, len, &pos, "月"))
			return 0;
		pos += is_space_at(s + pos, len - pos, &n) ? n : 0;
		d = fg_cn_number(s + pos, len - pos, &n);
		if (d < 0)
			return 0;
		pos += n;
		if (!lit(s, len, &pos, "日") && !lit(s, len, &pos, "号"))
			return 0;
	} else {
		if (pos >= len)
			return 0;
		char sep = s[pos];
		if (sep != '-' && sep != '.' && sep != '/')
			return 0;
		pos++;
		m = fg_cn_number(s + pos, len - pos, &n);
		if (m < 0 || n == 0 || n > 2)
			return 0;
		pos += n;
		if (pos >= len || s[pos] != sep)
			return 0;
		pos++;
		d = fg_cn_number(s + pos, len - pos, &n);
		if (d < 0 || n == 0 || n > 2)
			return 0;
		pos += n;
	}
	if (pos != len || m < 1 || m > 12 || d < 1 || d > fg_date_days_in((int)y, (int)m))
		return 0;
	fmt_date((unsigned)y, (unsigned)m, (unsigned)d, out);
	return 1;
}

/* ---- fields ---- */

void fg_meta_fin(fg_meta *m)
{
	if (!m)
		return;
	free(m->id);
	free(m->title);
	free(m->number);
	free(m->authority);
	free(m->level);
	free(m->status);
	free(m->region);
	free(m->category);
	free(m->published);
	free(m->effective);
	free(m->expires);
	free(m->supersedes);
	free(m->name);
	memset(m, 0, sizeof *m);
}

static void put(char **field, const char *v, size_t n)
{
	free(*field);
	*field = fg_xstrndup(v, n);
}

static void put_date(char **field, const char *v, size_t n)
{
	char d[11];
	if (fg_date_parse(v, n, d))
		put(field, d, 10);
}

/* Add years to a YYYY-MM-DD date (29 February falls back to the 28th). */
static void add_years(const char *date, long years, char out[11])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	y += (int)years;
	if (y > 9999 || m < 1 || m > 12 || d < 1) {
		y = 9999, m = 12, d = 31;
	}
	if (d > fg_date_days_in(y, m))
		d = fg_date_days_in(y, m);
	fmt_date((unsigned)y, (unsigned)m, (unsigned)d, out);
}

/* 有效期: a date, "至YYYY年M月D日", "N年" (from effective or published) or "YYYY年M月D日至YYYY年M月D日". */
static void set_validity(fg_meta *m, const char *v, size_t n)
{
	char d[11];
	if (fg_date_parse(v, n, d)) {
		put(&m->expires, d, 10);
		return;
	}
	/* the part after 至 or 到 */
	for (size_t i = 0; i + 3 <= n; i++) {
		if (!memcmp(v + i, "至", 3) || !memcmp(v + i, "到", 3)) {
			size_t rest = n - i - 3;
			const char *r = v + i + 3;
			if (rest >= 3 && !memcmp(r + rest - 3, "止", 3))
				rest -= 3;
			if (fg_date_parse(r, rest, d))
				put(&m->expires, d, 10);
			return;
		}
	}
	size_t used;
	trim(&v, &n);
	long years = fg_cn_number(v, n, &used);
	if (years > 0 && years < 1000 && n - used == 3 && !memcmp(v + used, "年", 3)) {
		const char *from = m->effective ? m->effective : m->published;
		if (from) {
			add_years(from, years, d);
			put(&m->expires, d, 10);
		}
	}
}

enum { K_ID, K_TITLE, K_NUMBER, K_AUTH, K_LEVEL, K_STATUS, K_REGION, K_CAT, K_PUB, K_EFF, K_EXP, K_VALID,
       K_SUPER, K_VERSION, K_EXPIRED };

static const struct {
	const char *key;
	int field;
} keys[] = {
	{"id", K_ID}, {"统一编号", K_ID}, {"编号", K_ID},
	{"title", K_TITLE}, {"name", K_TITLE}, {"标题", K_TITLE}, {"名称", K_TITLE}, {"法规名称", K_TITLE},
	{"number", K_NUMBER}, {"文号", K_NUMBER}, {"发文字号", K_NUMBER},
	{"authority", K_AUTH}, {"制定机关", K_AUTH}, {"发布机关", K_AUTH}, {"发文机关", K_AUTH},
	{"level", K_LEVEL}, {"效力级别", K_LEVEL}, {"效力位阶", K_LEVEL},
	{"status", K_STATUS}, {"时效性", K_STATUS}, {"时效性状态", K_STATUS},
	{"region", K_REGION}, {"地区", K_REGION}, {"区域", K_REGION},
	{"category", K_CAT}, {"分类", K_CAT}, {"类别", K_CAT},
	{"published", K_PUB}, {"公布日期", K_PUB}, {"发布日期", K_PUB},
	{"effective", K_EFF}, {"valid_from", K_EFF}, {"施行日期", K_EFF}, {"生效日期", K_EFF},
	{"expires", K_EXP}, {"有效期至", K_EXP}, {"失效日期", K_EXP},
	{"有效期", K_VALID}, {"validity", K_VALID},
	{"supersedes", K_SUPER}, {"替代", K_SUPER},
	{"version", K_VERSION}, {"版本", K_VERSION},
	{"expired", K_EXPIRED}, {"已失效", K_EXPIRED},
};

int fg_meta_set(fg_meta *m, const char *key, const char *value, size_t vlen)
{
	int field = -1;
	if (!key)
		return 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(key, keys[i].key)) {
			field = keys[i].field;
			break;
		}
	if (field < 0)
		return 0;
	if (!value)
		vlen = 0;
	trim(&value, &vlen);
	char tmp[128];
	const char *c;
	switch (field) {
	case K_ID: put(&m->id, value, vlen); break;
	case K_TITLE: put(&m->title, value, vlen); break;
	case K_NUMBER: put(&m->number, value, vlen); break;
	case K_AUTH: put(&m->authority, value, vlen); break;
	case K_REGION: put(&m->region, value, vlen); break;
	case K_CAT: put(&m->category, value, vlen); break;
	case K_SUPER: put(&m->supersedes, value, vlen); break;
	case K_LEVEL:
	case K_STATUS:
		/* only canonical values are kept, so facets stay within the vocabulary */
		snprintf(tmp, sizeof tmp, "%.*s", (int)(vlen < sizeof tmp ? vlen : 0), value);
		c = field == K_LEVEL ? fg_level_canon(tmp) : fg_status_canon(tmp);
		if (c)
			put(field == K_LEVEL ? &m->level : &m->status, c, strlen(c));
		break;
	case K_PUB: put_date(&m->published, value, vlen); break;
	case K_EFF: put_date(&m->effective, value, vlen); break;
	case K_EXP: put_date(&m->expires, value, vlen); break;
	case K_VALID: set_validity(m, value, vlen); break;
	case K_VERSION:
		snprintf(tmp, sizeof tmp, "%.*s", (int)(vlen < sizeof tmp ? vlen : 0), value);
		m->version = atoi(tmp);
		break;
	case K_EXPIRED:
		m->expired = vlen > 0 && (value[0] == '1' || !strncmp(value, "true", 4) || !strncmp(value, "yes", 3) ||
					  !strncmp(value, "是", 3));
		break;
	}
	return 1;
}

static void merge_str(char **dst, const char *src)
{
	if (src) {
		free(*dst);
		*dst = fg_xstrdup(src);
	}
}

void fg_meta_merge(fg_meta *dst, const fg_meta *src)
{
	merge_str(&dst->id, src->id);
	merge_str(&dst->title, src->title);
	merge_str(&dst->number, src->number);
	merge_str(&dst->authority, src->authority);
	merge_str(&dst->level, src->level);
	merge_str(&dst->status, src->status);
	merge_str(&dst->region, src->region);
	merge_str(&dst->category, src->category);
	merge_str(&dst->published, src->published);
	merge_str(&dst->effective, src->effective);
	merge_str(&dst->expires, src->expires);
	merge_str(&dst->supersedes, src->supersedes);
	merge_str(&dst->name, src->name);
	if (src->version)
		dst->version = src->version;
	if (src->expired)
		dst->expired = src->expired;
}

/* ---- front matter ---- */

/* Length of the line at s (without its \n or \r\n) and the offset after it. */
static size_t line_at(const char *s, size_t len, size_t pos, size_t *next)
{
	size_t e = pos;
	while (e < len && s[e] != '\n')
		e++;
	*next = e < len ? e + 1 : e;
	size_t l = e - pos;
	while (l && (s[pos + l - 1] == '\r' || s[pos + l - 1] == ' ' || s[pos + l - 1] == '\t'))
		l--;
	return l;
}

static int is_fence(const char *s, size_t l, int closing)
{
	return (l == 3 && !memcmp(s, "---", 3)) || (closing && l == 3 && !memcmp(s, "...", 3));
}

/*
 * The YAML itself goes through libyaml rather than a hand-written "key:
 * value" splitter: titles contain colons and quotes (《》, "：", '...'),
 * authors quote values in every YAML style (plain, single, double, folded),
 * and a real parser tells apart bad YAML, with a line number, instead of
 * silently taking half a value.
 */
fg_status fg_frontmatter_parse(const char *s, size_t len, fg_meta *m, size_t *body_off, fg_err *err)
{
	size_t next, pos;
	if (body_off)
		*body_off = 0;
	size_t l = line_at(s, len, 0, &next);
	if (!is_fence(s, l, 0))
		return FG_OK;
	size_t start = next, end = 0, after = 0;
	int found = 0;
	for (pos = next; pos < len; pos = next) {
		l = line_at(s, len, pos, &next);
		if (is_fence(s + pos, l, 1)) {
			end = pos;
			after = next;
			found = 1;
			break;
		}
	}
	if (!found)
		return fg_err_set(err, FG_E_INVAL, "front matter not closed (opened at line 1)");

	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		return fg_err_set(err, FG_E_NOMEM, "cannot initialize the yaml parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)s + start, end - start);
	if (!yaml_parser_load(&parser, &doc)) {
		fg_status st = fg_err_set(err, FG_E_INVAL, "invalid front matter at line %zu: %s%s%s",
					  (size_t)parser.problem_mark.line + 2,
					  parser.problem ? parser.problem : "syntax error",
					  parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return st;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	fg_status st = FG_OK;
	if (root && root->type == YAML_MAPPING_NODE) {
		/* 有效期 "N年" depends on the dates, so it is applied last */
		const char *valid = NULL;
		size_t valid_len = 0;
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&doc, p->key);
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);
			if (!k || !v || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)
				continue;
			const char *key = (const char *)k->data.scalar.value;
			const char *val = (const char *)v->data.scalar.value;
			if (!strcmp(key, "有效期") || !strcmp(key, "validity")) {
				valid = val;
				valid_len = v->data.scalar.length;
				continue;
			}
			fg_meta_set(m, key, val, v->data.scalar.length);
		}
		if (valid)
			fg_meta_set(m, "有效期", valid, valid_len);
	} else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
		st = fg_err_set(err, FG_E_INVAL, "invalid front matter at line 2: expected key: value pairs");
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (st == FG_OK && body_off)
		*body_off = after;
	return st;
}
