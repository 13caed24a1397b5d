/*
 * keywords.c - everyday words written for individual articles (document
 * expansion). A directory of TSV files, one rule each:
 *
 *   # comment
 *   rule<TAB>中华人民共和国民法典
 *   published<TAB>2020-05-28        (optional: only the version published that day)
 *   第一千二百四十五条<TAB>狗咬人,被狗咬,遛狗,...
 *
 * The indexer adds an article's words as K terms (index.c); relaxed questions
 * search them at a low weight (search.c). Entries are keyed by the rule name
 * as fg_rule_name reduces it and the article number, sorted for
 * bsearch; the words are kept as written, commas turned into spaces so that
 * no bigram spans two of them. Files may annotate the same article (the
 * learned data/keywords/learned.tsv and a hand-written one): its words add up.
 */
#include "fagui.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct kw_entry {
	char *rule; /* fg_rule_name form */
	long num, sub;
	char published[11]; /* "" = every version */
	char *words;
	size_t seq; /* load order: files by name, lines in order */
};

struct fg_keywords {
	struct kw_entry *v;
	size_t n, cap;
	uint64_t hash; /* of every file's bytes, in name order */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct kw_entry *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->sub < y->sub ? -1 : x->sub > y->sub;
}

static int cmp_version(const struct kw_entry *x, const struct kw_entry *y)
{
	int c = cmp_entry(x, y);
	return c ? c : strcmp(x->published, y->published);
}

static int cmp_full(const void *a, const void *b)
{
	const struct kw_entry *x = a, *y = b;
	int c = cmp_version(x, y);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static fg_status load_file(fg_keywords *kw, const char *path, fg_err *err)
{
	char *text = NULL;
	size_t len = 0;
	fg_status st = fg_read_file(path, 16u << 20, &text, &len, err);
	if (st != FG_OK)
		return st;
	size_t bad;
	if (!fg_utf8_valid(text, len, &bad)) {
		free(text);
		return fg_err_set(err, FG_E_INVAL, "%s: not valid UTF-8 (byte %zu)", path, bad);
	}
	kw->hash = fg_hash64(text, len) ^ (kw->hash * 0x100000001b3ULL);
	char *rule = NULL;
	char published[11] = "";
	size_t lineno = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		if (!l || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || !tab[1]) {
			st = fg_err_set(err, FG_E_INVAL, "%s:%zu: expected 'label<TAB>words'", path, lineno);
			break;
		}
		*tab = '\0';
		if (!strcmp(line, "rule")) {
			free(rule);
			rule = fg_rule_name(tab + 1);
			published[0] = '\0';
			continue;
		}
		if (!strcmp(line, "published")) {
			const char *v = tab + 1;
			if (strlen(v) != 10 || v[4] != '-' || v[7] != '-') {
				st = fg_err_set(err, FG_E_INVAL, "%s:%zu: published must be YYYY-MM-DD", path, lineno);
				break;
			}
			memcpy(published, v, 11);
			continue;
		}
		long num = 0, sub = 0;
		size_t used = 0;
		if (!fg_article_label(line, strlen(line), &num, &sub, &used) || used != strlen(line)) {
			st = fg_err_set(err, FG_E_INVAL, "%s:%zu: '%s' is not an article label (第X条)", path, lineno, line);
			break;
		}
		if (!rule) {
			st = fg_err_set(err, FG_E_INVAL, "%s:%zu: an article before the 'rule<TAB>NAME' line", path, lineno);
			break;
		}
		char *words = fg_xstrdup(tab + 1);
		for (char *c = words; *c; c++)
			if (*c == ',')
				*c = ' ';
		if (kw->n == kw->cap) { /* doubling: thousands of entries (one realloc each costs seconds under ASan) */
			kw->cap = kw->cap ? 2 * kw->cap : 256;
			kw->v = fg_xrealloc(kw->v, kw->cap * sizeof *kw->v);
		}
		struct kw_entry *e = &kw->v[kw->n++];
		*e = (struct kw_entry){fg_xstrdup(rule), num, sub, "", words, kw->n - 1};
		memcpy(e->published, published, sizeof published);
	}
	free(rule);
	free(text);
	return st;
}

/* Entries of the same article and version (from several files) become one: their words, in file order. */
static void merge_same(fg_keywords *kw)
{
	size_t k = 0;
	for (size_t i = 0; i < kw->n; i++) {
		struct kw_entry *e = &kw->v[i];
		if (k && !cmp_version(&kw->v[k - 1], e)) {
			struct kw_entry *d = &kw->v[k - 1];
			size_t a = strlen(d->words), b = strlen(e->words);
			d->words = fg_xrealloc(d->words, a + b + 2);
			d->words[a] = ' ';
			memcpy(d->words + a + 1, e->words, b + 1);
			free(e->rule);
			free(e->words);
			continue;
		}
		kw->v[k++] = *e;
	}
	kw->n = k;
}

fg_status fg_keywords_load(const char *dir, fg_keywords **out, fg_err *err)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return fg_err_set(err, FG_E_IO, "cannot open %s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t nn = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".tsv") && e->d_name[0] != '.') {
			names = fg_xrealloc(names, (nn + 1) * sizeof *names);
			names[nn++] = fg_xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, cmp_name);
	fg_keywords *kw = fg_xcalloc(1, sizeof *kw);
	fg_status st = FG_OK;
	for (size_t i = 0; i < nn; i++) {
		if (st == FG_OK) {
			fg_buf p = {0};
			fg_buf_printf(&p, "%s/%s", dir, names[i]);
			st = load_file(kw, p.data, err);
			fg_buf_free(&p);
		}
		free(names[i]);
	}
	free(names);
	if (st != FG_OK) {
		fg_keywords_free(kw);
		return st;
	}
	if (kw->n)
		qsort(kw->v, kw->n, sizeof *kw->v, cmp_full);
	merge_same(kw);
	*out = kw;
	return FG_OK;
}

const char *fg_keywords_find(const fg_keywords *kw, const char *rule, const char *published, long num, long sub)
{
	if (!kw || !kw->n || !rule)
		return NULL;
	struct kw_entry key = {(char *)rule, num, sub, "", NULL, 0};
	struct kw_entry *e = bsearch(&key, kw->v, kw->n, sizeof *kw->v, cmp_entry);
	if (!e)
		return NULL;
	while (e > kw->v && !cmp_entry(e - 1, &key))
		e--;
	/* entries of this article, sorted by published ("" first): that version's, else the any-version one */
	const char *any = NULL;
	for (; e < kw->v + kw->n && !cmp_entry(e, &key); e++) {
		if (!e->published[0])
			any = e->words;
		else if (published && !strncmp(e->published, published, 10))
			return e->words;
	}
	return any;
}

size_t fg_keywords_count(const fg_keywords *kw)
{
	return kw ? kw->n : 0;
}

uint64_t fg_keywords_hash(const fg_keywords *kw)
{
	return kw ? kw->hash : 0;
}

void fg_keywords_free(fg_keywords *kw)
{
	if (!kw)
		return;
	for (size_t i = 0; i < kw->n; i++) {
		free(kw->v[i].rule);
		free(kw->v[i].words);
	}
	free(kw->v);
	free(kw);
}
