/*
 * citeterms.c - the XT citation terms of a unit (citeterms.h).
 */
#include "citeterms.h"
#include "refs.h"
#include "terms.h"

#include <string.h>

#define MAX_TERM_NAME 200 /* Xapian terms are limited to 245 bytes */

void fg_cite_index_terms(fg_xdoc *x, const char *text, size_t len)
{
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(text, len, &c);
	fg_buf t = {0};
	for (size_t i = 0; i < n; i++) {
		if (c[i].kind == FG_CITE_INTERNAL || !*c[i].name)
			continue;
		size_t nl = strlen(c[i].name);
		if (nl > MAX_TERM_NAME)
			continue;
		fg_term_field(&t, FG_PFX_CITES, c[i].name, nl);
		fg_xdoc_add_boolean_term(x, t.data, t.len);
	}
	fg_buf_free(&t);
	fg_cite_free(c, n);
}
