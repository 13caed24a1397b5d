/*
 * indexer.h - private to fagui-indexer: the report subcommands (report.c).
 */
#ifndef FG_INDEXER_H
#define FG_INDEXER_H

/* Run `fagui-indexer --index DIR report KIND [options]`; argv[0] is "report". Returns the exit status. */
int fg_indexer_report(const char *dir, int argc, char **argv);

#endif
