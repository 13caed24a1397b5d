/*
 * base.c - error buffers, aborting allocators, the growable buffer, whole
 * file reads and the content hash used across libfagui.
 */
#include "base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

fg_status fg_err_set(fg_err *err, fg_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void fg_err_clear(fg_err *err)
{
	if (err) {
		err->code = FG_OK;
		err->msg[0] = '\0';
	}
}

const char *fg_status_str(fg_status code)
{
	switch (code) {
	case FG_OK: return "ok";
	case FG_E_INVAL: return "invalid input";
	case FG_E_IO: return "i/o error";
	case FG_E_NOMEM: return "out of memory";
	case FG_E_ENCODING: return "encoding error";
	case FG_E_XAPIAN: return "xapian error";
	case FG_E_NOTFOUND: return "not found";
	case FG_E_LIMIT: return "limit exceeded";
	case FG_E_MODIFIED: return "database modified";
	case FG_E_LOCKED: return "database locked";
	}
	return "unknown error";
}

static void oom(size_t n)
{
	fprintf(stderr, "fagui: out of memory allocating %zu bytes\n", n);
	abort();
}

void *fg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *fg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *fg_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *fg_xstrdup(const char *s)
{
	return fg_xstrndup(s, s ? strlen(s) : 0);
}

char *fg_xstrndup(const char *s, size_t len)
{
	char *p = fg_xmalloc(len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void fg_buf_grow(fg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = fg_xrealloc(b->data, cap);
	b->cap = cap;
}

void fg_buf_put(fg_buf *b, const void *p, size_t n)
{
	fg_buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void fg_buf_puts(fg_buf *b, const char *s)
{
	fg_buf_put(b, s, strlen(s));
}

void fg_buf_putc(fg_buf *b, char c)
{
	fg_buf_put(b, &c, 1);
}

void fg_buf_vprintf(fg_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	fg_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void fg_buf_printf(fg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void fg_buf_put_html(fg_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		fg_buf_put(b, s + run, i - run);
		fg_buf_puts(b, rep);
		run = i + 1;
	}
	fg_buf_put(b, s + run, n - run);
}

void fg_buf_put_field(fg_buf *b, const char *v, int csv, int last)
{
	if (!csv) {
		for (const char *p = v; *p; p++)
			fg_buf_putc(b, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
		fg_buf_putc(b, last ? '\n' : '\t');
		return;
	}
	if (strpbrk(v, ",\"\n\r")) {
		fg_buf_putc(b, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				fg_buf_putc(b, '"');
			fg_buf_putc(b, *p);
		}
		fg_buf_putc(b, '"');
	} else {
		fg_buf_puts(b, v);
	}
	fg_buf_puts(b, last ? "\r\n" : ",");
}

void fg_buf_put_urlpart(fg_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' || *p == '~')
			fg_buf_putc(b, (char)*p);
		else
			fg_buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

void fg_buf_reset(fg_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void fg_buf_free(fg_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *fg_buf_detach(fg_buf *b)
{
	char *p = b->data ? b->data : fg_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

fg_status fg_read_file(const char *path, size_t max, char **out, size_t *len, fg_err *err)
{
	*out = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return fg_err_set(err, FG_E_IO, "cannot open %s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return fg_err_set(err, FG_E_IO, "cannot read %s: is a directory", path);
	}
	fg_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (max && b.len + n > max) {
			fclose(f);
			fg_buf_free(&b);
			return fg_err_set(err, FG_E_LIMIT, "cannot read %s: larger than %zu bytes", path, max);
		}
		fg_buf_put(&b, chunk, n);
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		fg_buf_free(&b);
		return fg_err_set(err, FG_E_IO, "cannot read %s: %s", path, strerror(e));
	}
	fclose(f);
	*len = b.len;
	*out = fg_buf_detach(&b);
	return FG_OK;
}

uint64_t fg_hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int fg_list_next(const char **p, const char **item, size_t *len)
{
	const char *s = *p;
	if (!s || !*s)
		return 0;
	const char *e = strchr(s, ',');
	size_t n = e ? (size_t)(e - s) : strlen(s);
	*p = e ? e + 1 : s + n; /* after a trailing comma the list is done */
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	*item = s;
	*len = n;
	return 1;
}
