/*
 * text.h - UTF-8 decoding, normalization with an offset map back to the
 * original bytes, the one bigram tokenizer used for indexing, queries and
 * highlighting, and the stop word list.
 */
#ifndef FG_TEXT_H
#define FG_TEXT_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- utf8.c ---- */

/*
 * Decode one code point from s (len > 0 bytes available). Returns the number
 * of bytes consumed (1..4, never 0). Invalid, overlong, surrogate or truncated
 * sequences yield *cp = 0xFFFD and consume exactly one byte.
 */
size_t fg_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp (invalid ones become U+FFFD) into out; returns 1..4. */
size_t fg_utf8_encode(uint32_t cp, char out[4]);
/* 1 when s is valid UTF-8; otherwise 0 and *bad (may be NULL) gets the byte offset of the first invalid sequence. */
int fg_utf8_valid(const char *s, size_t len, size_t *bad);
/*
 * Copy s replacing every invalid sequence by U+FFFD. *nbad (may be NULL) gets
 * the number of replacements, *first_bad (may be NULL) the byte offset of the
 * first one (or len). Returns a NUL-terminated string the caller frees; *outlen its length.
 */
char *fg_utf8_sanitize(const char *s, size_t len, size_t *outlen, size_t *nbad, size_t *first_bad);
/* Number of code points in s (invalid bytes count one each). */
size_t fg_utf8_count(const char *s, size_t len);
/* 1 for Han ideographs (CJK Unified Ideographs, Extensions A-G, Compatibility, 〇). */
int fg_is_han(uint32_t cp);

/* ---- normalize.c ---- */

/*
 * Normalize text for matching: NFKC (full-width ASCII and the ideographic
 * space become ASCII), Latin case folding, traditional Han characters folded
 * to simplified, invalid UTF-8 replaced by U+FFFD, control characters other
 * than \n and \t turned to spaces.
 *
 * *out gets a NUL-terminated string of *outlen bytes; if map is not NULL,
 * *map gets an array of *outlen + 1 entries where (*map)[i] is the byte offset
 * in s of the input code point that produced output byte i, and
 * (*map)[*outlen] == len. The caller frees *out and *map. Never fails on any
 * input (returns FG_OK); err is there for symmetry.
 */
fg_status fg_normalize(const char *s, size_t len, char **out, size_t *outlen, size_t **map, fg_err *err);
/* Normalize a single code point to zero or more code points written to out (at most 18); returns their number. */
size_t fg_normalize_cp(uint32_t cp, uint32_t out[18]);

/* ---- tokenize.c ---- */

enum {
	FG_TOK_DOC = 0,    /* document text */
	FG_TOK_QUERY = 1,  /* query text (same tokens) */
	FG_TOK_CHARS = 2,  /* also emit FG_TK_CHAR for every Han character */
};

enum fg_tok_kind {
	FG_TK_BIGRAM = 1,  /* two adjacent Han characters of one run */
	FG_TK_UNIGRAM = 2, /* a Han run of exactly one character */
	FG_TK_WORD = 3,    /* a lowercased run of ASCII letters and digits */
	FG_TK_CHAR = 4,    /* one Han character (FG_TOK_CHARS only); pos is that of the token starting there */
};

/*
 * Position scheme: tokens of a run take consecutive positions; every break
 * (punctuation, whitespace, a change between Han and Latin) leaves one empty
 * position; a sentence end (。！？；… and their ASCII forms) jumps to the
 * next multiple of FG_POS_SENTENCE; a newline (paragraph, 款) jumps to the
 * next multiple of FG_POS_PARAGRAPH. So a phrase never matches across
 * punctuation, and a NEAR window below FG_POS_SENTENCE keeps terms in one
 * sentence and one below FG_POS_PARAGRAPH keeps them in one paragraph.
 */
#define FG_POS_SENTENCE 1024u
#define FG_POS_PARAGRAPH 1048576u

typedef struct fg_token {
	const char *text; /* normalized token bytes (not NUL-terminated), borrowed during the callback */
	size_t len;       /* bytes in text */
	int kind;         /* enum fg_tok_kind */
	uint32_t pos;     /* position, starting at 1 */
	size_t start;     /* byte offset of the token's first character in the original input */
	size_t end;       /* byte offset just past its last character in the original input */
	uint32_t run;     /* index of the run (0, 1, ...): tokens of one run form a phrase */
} fg_token;

/* Return nonzero to stop tokenizing (fg_tokenize then returns FG_OK). */
typedef int (*fg_tok_cb)(void *ctx, const fg_token *tok);

/*
 * Normalize and tokenize len bytes of text (any bytes: invalid UTF-8 is
 * replaced), calling cb for every token in order. flags: FG_TOK_DOC or
 * FG_TOK_QUERY, optionally | FG_TOK_CHARS. Returns FG_OK.
 */
fg_status fg_tokenize(const char *text, size_t len, int flags, fg_tok_cb cb, void *ctx, fg_err *err);

/* ---- stopwords.c ---- */

typedef struct fg_stopwords fg_stopwords;

/*
 * Load a stop list: one word per line, '#' starts a comment, blank lines
 * ignored; words are normalized on load. Caller frees with fg_stopwords_free.
 */
fg_status fg_stopwords_load(const char *path, fg_stopwords **out, fg_err *err);
/* Build a stop list from an in-memory text in the same format. */
fg_stopwords *fg_stopwords_from_text(const char *text, size_t len);
void fg_stopwords_free(fg_stopwords *sw);
/*
 * 1 when the normalized token (a bigram, unigram or word) is a stop word:
 * listed exactly, or a bigram either of whose characters is listed as a
 * single-character stop word (的, 了, ...). sw may be NULL (then 0).
 */
int fg_stopwords_has(const fg_stopwords *sw, const char *tok, size_t len);
size_t fg_stopwords_count(const fg_stopwords *sw);

/* ---- thesaurus.c ---- */

typedef struct fg_thesaurus fg_thesaurus;

/*
 * Load the colloquial-to-statute thesaurus (data/thesaurus.tsv): one entry
 * a line, "everyday words<TAB>statute words", each side comma-separated;
 * '#' starts a comment, lines without a tab are ignored; words are
 * normalized on load. Errors: FG_E_IO. Caller frees with fg_thesaurus_free.
 */
fg_status fg_thesaurus_load(const char *path, fg_thesaurus **out, fg_err *err);
/* Build a thesaurus from an in-memory text in the same format. */
fg_thesaurus *fg_thesaurus_from_text(const char *text, size_t len);
void fg_thesaurus_free(fg_thesaurus *th);
/* Number of everyday words (0 for NULL). */
size_t fg_thesaurus_count(const fg_thesaurus *th);
/* Called with a borrowed, normalized statute word (valid during the call). */
typedef void (*fg_thesaurus_cb)(void *ctx, const char *word, size_t len);
/*
 * For every everyday word contained in text (normalized first), call cb with
 * each of its statute words not already in the text (a word may come more
 * than once, from different entries). th may be NULL. Returns the calls.
 */
size_t fg_thesaurus_expand(const fg_thesaurus *th, const char *text, size_t len, fg_thesaurus_cb cb, void *ctx);


/* ---- snippet.c ---- */

/*
 * Highlighting by substring matching of normalized needles (the query's Han
 * runs and words, already normalized) over the normalized text, mapped back
 * to the original bytes, so 行政許可 in a stored text is marked for the
 * query 行政许可. Output is HTML-escaped text with <mark>...</mark> around
 * every match; overlapping or adjacent matches merge into one mark.
 *
 * fg_snippet picks the window of about max_chars code points with the most
 * distinct needles (whole text when shorter), cut at code point boundaries,
 * with "…" where it was cut. fg_highlight_html marks the whole text.
 * Both return a string the caller frees (never NULL). Needles of length 0
 * are ignored; invalid UTF-8 in text is replaced.
 */
char *fg_snippet(const char *text, size_t len, const char *const *needles, size_t n, size_t max_chars);
char *fg_highlight_html(const char *text, size_t len, const char *const *needles, size_t n);

#ifdef __cplusplus
}
#endif
#endif
