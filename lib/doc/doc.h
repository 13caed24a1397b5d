/*
 * doc.h - turning source files into documents: encoding detection and
 * conversion, Chinese numerals, metadata vocabularies, front matter, the
 * catalogue TSV, and splitting Markdown or plain text into articles.
 */
#ifndef FG_DOC_H
#define FG_DOC_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- convert.c ---- */

/*
 * Detect the encoding of raw bytes: "UTF-8" (with or without BOM),
 * "UTF-16LE"/"UTF-16BE" (BOM), "GB18030" (also GBK/GB2312), "BIG5", or NULL
 * when it cannot tell (binary data: NUL bytes outside UTF-16). Returns a
 * static string.
 */
const char *fg_convert_detect(const char *s, size_t len);

/*
 * Convert s to UTF-8. from: an iconv encoding name, or NULL to detect.
 * A BOM is dropped. Bytes that cannot be converted are replaced by U+FFFD;
 * *nbad (may be NULL) counts them and *first_bad (may be NULL) gets the
 * byte offset of the first in the input. *used (may be NULL) gets the
 * encoding name used (static). Errors: FG_E_ENCODING for an unknown
 * encoding name or undetectable (binary) input, with a message.
 * The caller frees *out (NUL-terminated, *outlen bytes).
 */
fg_status fg_convert_to_utf8(const char *s, size_t len, const char *from, char **out, size_t *outlen,
			     const char **used, size_t *nbad, size_t *first_bad, fg_err *err);

/* ---- numeral.c ---- */

/*
 * Parse a number written in Chinese numerals (一二三...十百千万, 〇/零, 两,
 * also 壹贰叁 and ASCII/full-width digits) at the start of s. Returns the
 * value (>= 0) and sets *used to the bytes consumed, or returns -1 when s does
 * not start with a numeral. 一百零二 -> 102, 二〇二一 -> 2021, 十 -> 10.
 */
long fg_cn_number(const char *s, size_t len, size_t *used);

/*
 * Parse an article label at the start of s: 第X条 with an optional 之Y
 * (第十条之一). Sets *num (10), *sub (1, or 0 without 之Y) and *used; returns
 * 1, or 0 when s does not start with a label. Whitespace between 第, the
 * number and 条 is allowed.
 */
int fg_article_label(const char *s, size_t len, long *num, long *sub, size_t *used);

/* A number in Chinese numerals: 12 -> "十二", 102 -> "一百零二". Caller frees. */
char *fg_cn_number_format(long num);

/* Format an article number as a label: 102 -> "第一百零二条" (sub > 0 adds 之sub). Caller frees. */
char *fg_article_label_format(long num, long sub);

/* ---- items.c ---- */

/* Numbering styles of the items of a document without articles. */
enum fg_item_style {
	FG_ITEM_NONE = 0,
	FG_ITEM_PART,     /* 第一部分 */
	FG_ITEM_CN,       /* 一、 (also 一． 一.) */
	FG_ITEM_CN_PAREN, /* （一） (一) */
	FG_ITEM_AR,       /* 1. 1、 1． (ASCII or full-width digits) */
	FG_ITEM_AR_PAREN, /* （1） (1) */
	FG_ITEM_AR_CLOSE, /* 1） 1) */
	FG_ITEM_SHI,      /* 一是 */
	FG_ITEM_NSTYLES
};

typedef struct fg_item_mark {
	int style;  /* enum fg_item_style */
	long num;   /* its number, from 1 */
	size_t len; /* bytes of the marker, separator included */
} fg_item_mark;

/*
 * The item marker at the start of a line: 第一部分, 一、, （一）, 1., （1）,
 * 1）, 一是 (Chinese numbers up to 99, Arabic ones of up to 3 digits,
 * full-width digits too). 1.5 (a decimal), 2016. and 3个月 are none.
 * Returns 1 and fills *m, else 0.
 */
int fg_item_mark_parse(const char *s, size_t len, fg_item_mark *m);

/*
 * Item labels. An item's label is the key of its path, written without
 * separators: 二（二）12 (一、 -> 一, 1. -> 1; 1.2 and 二、一 where two numbers
 * of one kind meet). fg_item_label_display gives the form shown, 二、（二）12.,
 * and copies any other label (第十条, "") as it is; caller frees.
 * fg_item_label_key reads a label as typed (二、（二）12., 二(二)12, 二 （二） 12)
 * into its key (caller frees *key): 0 when s is no item label (a lone Arabic
 * number such as 12 or 2020 is none; 12. is).
 */
char *fg_item_label_display(const char *label);
int fg_item_label_key(const char *s, size_t len, char **key);
/*
 * The keys of an item label's ancestors and its own, as prefixes of the
 * label: their byte lengths into ends (at most max; 二（二）12 -> 3, 12, 14),
 * and where its last component starts into *last (may be NULL). Their
 * count; 0 when label is no item label.
 */
size_t fg_item_label_prefixes(const char *label, size_t *ends, size_t max, size_t *last);
/* Append the key of one component (style, num) to b, after a component of prev_style (FG_ITEM_NONE first). */
void fg_item_key_put(fg_buf *b, int style, long num, int prev_style);

/* ---- meta.c ---- */

/* The fixed vocabularies, used verbatim by the API and pages. */
#define FG_STATUS_IN_FORCE "现行有效"
#define FG_STATUS_PENDING "尚未生效"
#define FG_STATUS_AMENDED "已修改"
#define FG_STATUS_REPEALED "已废止"
#define FG_STATUS_INVALID "失效"

/* Levels from highest (rank 0: 宪法) to lowest (9: 规范性文件); NULL-terminated. */
extern const char *const fg_levels[];
extern const char *const fg_statuses[];

/* Canonical level for a spelling (宪法相关法 -> 法律, 地方政府规章, ...), or NULL if unknown. Static string. */
const char *fg_level_canon(const char *s);
/* Canonical status for a spelling (有效 -> 现行有效, 废止 -> 已废止, ...), or NULL. Static string. */
const char *fg_status_canon(const char *s);
/* Rank of a canonical level (0 = 宪法 ... 9 = 规范性文件), 10 when unknown. */
int fg_level_rank(const char *level);
/* Rank of a status: 0 现行有效, 1 尚未生效, 2 已修改, 3 失效, 4 已废止, 5 unknown. */
int fg_status_rank(const char *status);

/*
 * Normalize a date written as YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or
 * YYYY年M月D日 (Arabic or Chinese numerals) into out as "YYYY-MM-DD".
 * Returns 1 on success, 0 when s is not a date.
 */
int fg_date_parse(const char *s, size_t len, char out[11]);

/* Metadata of one document. Every string is owned (freed by fg_meta_fin) and may be NULL when unknown. */
typedef struct fg_meta {
	char *id;         /* stable unified number */
	char *title;      /* full title as written */
	char *number;     /* 文号 */
	char *authority;  /* 制定机关 */
	char *level;      /* canonical 效力级别 */
	char *status;     /* canonical 时效性 */
	char *region;     /* 全国, 示例省, ... */
	char *category;   /* free-form grouping */
	char *published;  /* YYYY-MM-DD */
	char *effective;  /* YYYY-MM-DD */
	char *expires;    /* YYYY-MM-DD, end of validity period (有效期) */
	char *supersedes; /* title or id of the version this replaces */
	char *name;       /* catalogue name when it differs from the title (民法典 合同编); groups versions */
	int version;      /* version number from the catalogue, 0 unknown */
	int expired;      /* catalogue expired=1 flag */
} fg_meta;

void fg_meta_fin(fg_meta *m);
/* Set field name (English or Chinese key, see fg_meta_key) to value; returns 1 if the key is known. Copies. */
int fg_meta_set(fg_meta *m, const char *key, const char *value, size_t vlen);
/* Copy every non-NULL field of src over dst. */
void fg_meta_merge(fg_meta *dst, const fg_meta *src);

/*
 * Parse YAML-style front matter (between a first line "---" and a line "---"
 * or "..."), keys title/标题, id/统一编号, number/文号, authority/制定机关,
 * level/效力级别, status/时效性, region/地区, category, published/公布日期,
 * effective/施行日期, expires/有效期至 (or 有效期: "N年"), supersedes.
 * On success *body_off gets the offset of the text after the front matter
 * (0 when there is none). FG_E_INVAL for unclosed front matter, with a
 * message. Unknown keys are ignored.
 */
fg_status fg_frontmatter_parse(const char *s, size_t len, fg_meta *m, size_t *body_off, fg_err *err);

/* ---- textmeta.c: metadata written in the text, by strict patterns only ---- */

/*
 * 1 when the line s (trimmed, possibly in （）) is exactly a 文号 (*off and
 * *nlen, either may be NULL, get where the number itself is): 1-12 Han
 * characters, the year in 〔〕, [], ［］, （） or (), an optional 第, 1-4
 * digits and 号 (晋政发〔2016〕12号, 国办发[2016]3号), or a prefix ending
 * in 令 with 第N号 (示例省人民政府令第3号). A 文号 cited inside a sentence
 * is none.
 */
int fg_meta_number_line(const char *s, size_t len, size_t *off, size_t *nlen);
/*
 * The validity period a text (t, len) gives the document itself: in a
 * sentence where 有效期 follows the document's name for itself (本方案有效期…,
 * 本实施意见的有效期…) or opens the clause after one that starts with that
 * name and takes effect (…，本办法自…起施行，有效期…),
 * the value 至<date>, <date>至<date> or N年 (counted from the sentence's
 * 自<date>起, from published for 自印发之日起, else from effective, else
 * published; either may be NULL). 1 and *until (YYYY-MM-DD, the last valid
 * day) when found; a licence's or a permit's 有效期 is none.
 */
int fg_meta_validity(const char *t, size_t len, const char *effective, const char *published, char until[11]);
/* 1 when the text says it takes effect on issue (自印发之日起施行, 自发布之日起实施 …). */
int fg_meta_effective_on_issue(const char *t, size_t len);

/* ---- catalogue.c ---- */

typedef struct fg_catalogue fg_catalogue;

/*
 * Load a catalogue TSV with a header row. Known columns: path, name/title,
 * level, region, category, published, valid_from/effective, expired,
 * version, id, number, authority, status, expires. Among entries with the
 * same name, every version older than the newest in-force one gets status
 * 已修改 (superseded); expired=1 gives 失效 unless a status column says
 * otherwise; published after today gives 尚未生效. Bad rows are reported in
 * err only when nothing can be loaded; others are skipped and counted.
 */
fg_status fg_catalogue_load(const char *path, fg_catalogue **out, fg_err *err);
void fg_catalogue_free(fg_catalogue *c);
size_t fg_catalogue_count(const fg_catalogue *c);
/* Entry for a path relative to the catalogue's directory (or NULL). Borrowed until the catalogue is freed. */
const fg_meta *fg_catalogue_find(const fg_catalogue *c, const char *relpath);
/* i-th entry's path and metadata (for "every catalogue entry indexed" checks). */
const char *fg_catalogue_path(const fg_catalogue *c, size_t i);
const fg_meta *fg_catalogue_meta(const fg_catalogue *c, size_t i);
/* Rows skipped as malformed. */
size_t fg_catalogue_skipped(const fg_catalogue *c);

/* ---- doc.c ---- */

enum fg_unit_kind {
	FG_UNIT_ARTICLE = 0,  /* 第X条 ... */
	FG_UNIT_PREAMBLE = 1, /* text before the first article (序言, 目录, preface) */
	FG_UNIT_APPENDIX = 2, /* text after the articles (附件, 附录, 附表) */
	FG_UNIT_TEXT = 3      /* no articles: a numbered item (labelled), else a section or the whole text */
};

typedef struct fg_article {
	int kind;       /* enum fg_unit_kind */
	char *label;    /* "第四十八条" or "第十条之一" as written; an item's path key "二（二）12"; "" otherwise */
	long num;       /* article number (48), 0 for non-articles */
	long sub;       /* 之Y number, 0 without */
	char *heading;  /* enclosing headings joined by " / " ("第一编 总则 / 第二章 ..."), "" if none */
	char *text;     /* the unit's text: paragraphs (款) separated by '\n', label included, Markdown markup removed */
	size_t len;     /* bytes of text */
	int nparas;     /* number of paragraphs (款) */
	int nitems;     /* number of items (项: （一）...) */
} fg_article;

typedef struct fg_event {
	char date[11];  /* YYYY-MM-DD */
	char *text;     /* "第八届全国人民代表大会第五次会议修订" */
} fg_event;

typedef struct fg_doc {
	fg_meta meta;         /* from front matter, title line and events */
	fg_article *units;    /* in document order */
	size_t nunits;
	fg_event *events;     /* history lines ("1997年3月14日 ...修订"), in order */
	size_t nevents;
	char *body;           /* the UTF-8 text as read (Markdown source or plain text), after front matter */
	size_t bodylen;
	const char *encoding; /* encoding detected/used (static) */
	int format;           /* FG_FMT_MARKDOWN or FG_FMT_TEXT */
	size_t nbad;          /* invalid bytes replaced */
	size_t first_bad;     /* offset of the first in the raw input */
	int dup_labels;       /* count of article numbers seen twice */
	int gaps;             /* count of gaps in article numbering */
} fg_doc;

enum { FG_FMT_AUTO = 0, FG_FMT_MARKDOWN = 1, FG_FMT_TEXT = 2 };

/*
 * Parse raw file bytes into a document. name is used to pick the format with
 * FG_FMT_AUTO (.md/.markdown -> Markdown, else plain text) and in messages.
 * Markdown goes through cmark: the first level-1 heading is the title, dated
 * lines before <!-- INFO END --> (or before the first heading/article) are
 * events, headings 编/章/节 become unit headings, 第X条 paragraphs start
 * articles. Plain text is converted with fg_convert_to_utf8 first (encoding
 * detected); the first non-empty line is the title (a 文号 line above it is
 * the number); lines starting with 第X条 start articles, lines like 第一章
 * are headings. Without articles, numbered items (items.c) make the units.
 * Metadata: front matter, then title/events (published = first event date,
 * effective = a 施行 event date), then the text by strict patterns (文号,
 * signature, 有效期: textmeta.c) fill missing fields. Errors: FG_E_ENCODING
 * (binary or unknown encoding), FG_E_INVAL (unclosed front matter, no text),
 * with a message naming the file.
 */
fg_status fg_doc_parse(const char *name, const char *bytes, size_t len, int format, fg_doc **out, fg_err *err);
void fg_doc_free(fg_doc *d);

/*
 * Make a stable document id from metadata: m->id when set, otherwise 12 hex
 * digits of a hash of the normalized title and the published date. Caller frees.
 */
char *fg_doc_make_id(const fg_meta *m);

/*
 * The rule name of a title (XV terms, citations, keywords, version groups):
 * normalized, 中华人民共和国 dropped at the start and inside 《》, whitespace
 * and parenthesized notes such as （2019年修正） dropped. Caller frees.
 */
char *fg_rule_name(const char *title);
/*
 * The title to show for a document: its title, and for the part of a code
 * filed as a document of its own (catalogue name 民法典 物权编) the part
 * after a middle dot: 中华人民共和国民法典 · 物权编. Caller frees.
 */
char *fg_meta_display_title(const fg_meta *m);

#ifdef __cplusplus
}
#endif
#endif
