/*
 * fuzz_frontmatter.c - fg_frontmatter_parse on arbitrary bytes: the body
 * offset stays within the input, a failure carries a message, metadata
 * from valid UTF-8 is valid UTF-8, and fg_meta_merge/fg_meta_fin hold up.
 */
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	fg_meta m;
	memset(&m, 0, sizeof m);
	size_t body = (size_t)-1;
	fg_err err = {0};
	fg_status st = fg_frontmatter_parse(s, size, &m, &body, &err);
	if (st == FG_OK) {
		CHECK(body <= size);
		if (fg_utf8_valid(s, size, NULL)) {
			const char *fields[] = {m.id, m.title, m.number, m.authority, m.level, m.status,
						m.region, m.category, m.published, m.effective, m.expires, m.supersedes};
			for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
				if (fields[i])
					CHECK(fg_utf8_valid(fields[i], strlen(fields[i]), NULL));
		}
		const char *dates[] = {m.published, m.effective, m.expires};
		for (size_t i = 0; i < 3; i++)
			if (dates[i])
				CHECK(strlen(dates[i]) == 10);
	} else {
		CHECK(err.msg[0] != '\0');
	}
	fg_meta copy;
	memset(&copy, 0, sizeof copy);
	fg_meta_merge(&copy, &m);
	fg_meta_merge(&copy, &m);
	fg_meta_fin(&copy);
	fg_meta_fin(&m);
	return 0;
}
