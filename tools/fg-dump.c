/*
 * fg-dump - print what the text core makes of a file, for golden tests and
 * debugging: `fg-dump tokens [--chars] [FILE|-]` prints one token per line
 * as pos<TAB>kind<TAB>token<TAB>start-end (byte offsets in the input), and
 * `fg-dump normalize [FILE|-]` prints the normalized text.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fagui.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: fg-dump tokens [--chars] [FILE|-]\n"
		   "       fg-dump normalize [FILE|-]\n"
		   "Print the tokens (pos, kind, token, start-end byte offsets) or the\n"
		   "normalized text of FILE (standard input when absent or -).\n");
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case FG_TK_BIGRAM:
		return "bigram";
	case FG_TK_UNIGRAM:
		return "unigram";
	case FG_TK_WORD:
		return "word";
	case FG_TK_CHAR:
		return "char";
	default:
		return "?";
	}
}

static int print_token(void *ctx, const fg_token *t)
{
	FILE *f = ctx;
	fprintf(f, "%u\t%s\t%.*s\t%zu-%zu\n", t->pos, kind_name(t->kind), (int)t->len, t->text, t->start,
		t->end);
	return 0;
}

static int read_input(const char *path, char **out, size_t *len)
{
	fg_err err;

	if (path && strcmp(path, "-") != 0) {
		if (fg_read_file(path, 0, out, len, &err) != FG_OK) {
			fprintf(stderr, "fg-dump: %s\n", err.msg);
			return -1;
		}
		return 0;
	}
	fg_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		fg_buf_put(&b, chunk, n);
	if (ferror(stdin)) {
		fprintf(stderr, "fg-dump: cannot read standard input\n");
		fg_buf_free(&b);
		return -1;
	}
	*len = b.len;
	*out = fg_buf_detach(&b);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"chars", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int chars = 0, c, rc = 0;
	const char *cmd;
	char *text = NULL;
	size_t len = 0;

	while ((c = getopt_long(argc, argv, "ch", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			chars = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "Try 'fg-dump --help' for more information.\n");
			return 2;
		}
	}
	if (optind >= argc || argc - optind > 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	if (strcmp(cmd, "tokens") != 0 && strcmp(cmd, "normalize") != 0) {
		fprintf(stderr, "fg-dump: unknown command %s\nTry 'fg-dump --help' for more information.\n", cmd);
		return 2;
	}
	if (chars && strcmp(cmd, "tokens") != 0) {
		fprintf(stderr, "fg-dump: --chars applies to tokens only\n");
		return 2;
	}
	if (read_input(argc - optind == 2 ? argv[optind + 1] : NULL, &text, &len) != 0)
		return 1;
	if (strcmp(cmd, "tokens") == 0) {
		fg_tokenize(text, len, FG_TOK_DOC | (chars ? FG_TOK_CHARS : 0), print_token, stdout, NULL);
	} else {
		char *out;
		size_t outlen;
		fg_normalize(text, len, &out, &outlen, NULL, NULL);
		fwrite(out, 1, outlen, stdout);
		free(out);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "fg-dump: write error\n");
		rc = 1;
	}
	free(text);
	return rc;
}
