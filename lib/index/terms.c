/*
 * terms.c - the builders of the index terms (terms.h): the one place where
 * a term's format is spelled out.
 */
#include "terms.h"

#include <string.h>

const char *fg_term_record(fg_buf *t, const char *id)
{
	fg_buf_reset(t);
	fg_buf_putc(t, 'R');
	fg_buf_puts(t, id ? id : "");
	return t->data;
}

const char *fg_term_doc(fg_buf *t, const char *id)
{
	fg_buf_reset(t);
	fg_buf_putc(t, 'D');
	fg_buf_puts(t, id ? id : "");
	return t->data;
}

const char *fg_term_unit(fg_buf *t, const char *id, long index)
{
	fg_buf_reset(t);
	fg_buf_printf(t, "Q%s#%ld", id ? id : "", index);
	return t->data;
}

const char *fg_term_article(fg_buf *t, long num, long sub)
{
	fg_buf_reset(t);
	if (sub > 0)
		fg_buf_printf(t, "A%ld-%ld", num, sub);
	else
		fg_buf_printf(t, "A%ld", num);
	return t->data;
}

const char *fg_term_file(fg_buf *t, const char *relpath)
{
	fg_buf_reset(t);
	fg_buf_printf(t, "F%016llx", (unsigned long long)fg_hash64(relpath, strlen(relpath)));
	return t->data;
}

const char *fg_term_field(fg_buf *t, const char *prefix, const char *value, size_t len)
{
	fg_buf_reset(t);
	fg_buf_puts(t, prefix);
	fg_buf_put(t, value, len);
	return t->data;
}

const char *fg_term_kind(int unit_kind)
{
	static const char *const kinds[] = {FG_TERM_ARTICLES, FG_TERM_PREAMBLES, FG_TERM_APPENDICES, FG_TERM_TEXTS};
	return kinds[unit_kind & 3];
}
