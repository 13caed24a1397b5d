/*
 * base.h - status codes, error buffers, allocation and growable byte
 * buffers shared by every module of libfagui.
 */
#ifndef FG_BASE_H
#define FG_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fg_status {
	FG_OK = 0,
	FG_E_INVAL,    /* bad input (malformed text, query, option) */
	FG_E_IO,       /* file system error */
	FG_E_NOMEM,    /* allocation failed (only where not aborting) */
	FG_E_ENCODING, /* unknown or unconvertible encoding */
	FG_E_XAPIAN,   /* error reported by Xapian */
	FG_E_NOTFOUND, /* no such document, term or key */
	FG_E_LIMIT,    /* input exceeds a configured limit */
	FG_E_MODIFIED, /* database changed under a reader, retry failed */
	FG_E_LOCKED    /* database locked by another writer */
} fg_status;

typedef struct fg_err {
	fg_status code;
	char msg[256];
} fg_err;

/* Fill err (which may be NULL) with code and a printf-style message; returns code. */
fg_status fg_err_set(fg_err *err, fg_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reset err to FG_OK and an empty message; err may be NULL. */
void fg_err_clear(fg_err *err);
/* Name of a status code, e.g. "invalid input". */
const char *fg_status_str(fg_status code);

/* Allocation that aborts with a message on exhaustion (cmark style). */
void *fg_xmalloc(size_t n);
void *fg_xcalloc(size_t n, size_t size);
void *fg_xrealloc(void *p, size_t n);
char *fg_xstrdup(const char *s);
/* Copy len bytes of s into a new NUL-terminated string (s may be NULL when len is 0). */
char *fg_xstrndup(const char *s, size_t len);

/*
 * Growable byte buffer, always NUL-terminated after fg_buf_* calls.
 * A zeroed struct is an empty buffer; fg_buf_free releases it.
 */
typedef struct fg_buf {
	char *data; /* bytes, NUL-terminated (NULL while empty and unallocated) */
	size_t len; /* used bytes, excluding the NUL */
	size_t cap; /* allocated bytes */
} fg_buf;

void fg_buf_grow(fg_buf *b, size_t extra);
void fg_buf_put(fg_buf *b, const void *p, size_t n);
void fg_buf_puts(fg_buf *b, const char *s);
void fg_buf_putc(fg_buf *b, char c);
void fg_buf_printf(fg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fg_buf_vprintf(fg_buf *b, const char *fmt, va_list ap);
/* Append s with &, <, >, ", ' escaped for HTML text and attributes. */
void fg_buf_put_html(fg_buf *b, const char *s, size_t n);
/*
 * Append one field of a table row: TSV (tabs and newlines become spaces) or,
 * with csv set, RFC 4180 CSV (quoted when needed); last ends the row.
 */
void fg_buf_put_field(fg_buf *b, const char *v, int csv, int last);
/* Append s percent-encoded for a URL path or query component (unreserved ASCII kept). */
void fg_buf_put_urlpart(fg_buf *b, const char *s);
void fg_buf_reset(fg_buf *b);
void fg_buf_free(fg_buf *b);
/* Give up ownership of the bytes (never NULL: an empty buffer yields ""); b becomes empty. */
char *fg_buf_detach(fg_buf *b);

/* Read a whole file into memory, NUL-terminated. Fails with FG_E_LIMIT above max bytes (0 = no limit). Caller frees *out. */
fg_status fg_read_file(const char *path, size_t max, char **out, size_t *len, fg_err *err);

/* Remove path and, when it is a directory, everything below it (errors ignored). */
void fg_rm_rf(const char *path);
/*
 * The one finder of installed data files: kind/name ("data", "stopwords",
 * "static") next to the running program: ../DIR, ../../DIR (the build
 * tree, where DIR is kind, or searchd/static for "static") or
 * ../share/fagui/kind (an installation); for kind "data", $FAGUI_DATA/name
 * first. name "." finds the directory itself. A new string (caller frees), NULL when none is
 * readable.
 */
char *fg_find_data(const char *kind, const char *name);
/* fg_find_data("data", name). */
char *fg_data_path(const char *name);

/*
 * Dates as stored: YYYY-MM-DD. fg_date_valid: exactly that form and a real
 * day of the calendar (02-29 only in leap years), year >= 1000. The one
 * validator of every module and program.
 */
int fg_date_valid(const char *s);
/* Days in month m (1-12) of year y; 0 for a bad month. */
int fg_date_days_in(int y, int m);
/* YYYY-MM-DD -> YYYYMMDD into out; "" when date is not 10 bytes long. */
void fg_date_compact(const char *date, char out[9]);
/* date + years + days (either may be negative; 02-29 + years -> 02-28) into out; 0 when date is invalid. */
int fg_date_add(const char *date, int years, int days, char out[11]);

/*
 * The next item of the comma-separated list at *p (NULL or "" is empty),
 * without the spaces around it: *item and *len (possibly 0 for an empty
 * item such as in "a,,b"); *p moves past it. Returns 0 when the list is done.
 */
int fg_list_next(const char **p, const char **item, size_t *len);

/* 64-bit FNV-1a hash of bytes (content hashes, shard choice, stable ids). */
uint64_t fg_hash64(const void *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif
