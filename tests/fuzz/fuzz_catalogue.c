/*
 * fuzz_catalogue.c - fg_catalogue_load on arbitrary bytes written to a
 * temporary file: loading succeeds or explains itself, and every loaded
 * entry can be found again by its own path.
 */
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "fuzz.h"
#include "text.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "/tmp/fg-fuzz-catalogue-%d.tsv", (int)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	CHECK(fwrite(data, 1, size, f) == size || size == 0);
	CHECK(fclose(f) == 0);
	fg_catalogue *c = NULL;
	fg_err err = {0};
	fg_status st = fg_catalogue_load(path, &c, &err);
	unlink(path);
	if (st != FG_OK) {
		CHECK(c == NULL);
		CHECK(err.msg[0] != '\0');
		return 0;
	}
	CHECK(c != NULL);
	size_t n = fg_catalogue_count(c);
	for (size_t i = 0; i < n; i++) {
		const char *p = fg_catalogue_path(c, i);
		const fg_meta *m = fg_catalogue_meta(c, i);
		CHECK(p != NULL && m != NULL);
		CHECK(fg_catalogue_find(c, p) != NULL);
		if (m->status)
			CHECK(fg_status_rank(m->status) < 5);
	}
	CHECK(fg_catalogue_find(c, "no/such/file.md") == NULL || n > 0);
	(void)fg_catalogue_skipped(c);
	fg_catalogue_free(c);
	return 0;
}
