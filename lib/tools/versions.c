/*
 * versions.c - the versions of one rule (see versions.h): starting from one
 * document, a breadth-first walk over the records that share its rule name
 * (XV), that it supersedes or that supersede it (XP, a supersedes title's
 * rule name, the superseded_by link of a status event), oldest first.
 */
#include "versions_int.h"
#include "searcher.h"
#include "terms.h"

#include "doc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_VERSIONS 64

void fg_versions_free(fg_version *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].published);
		free(v[i].effective);
		free(v[i].status);
	}
	free(v);
}

static int cmp_version(const void *a, const void *b)
{
	const fg_version *x = a, *y = b;
	const char *dx = *x->effective ? x->effective : x->published, *dy = *y->effective ? y->effective : y->published;
	int c = strcmp(dx, dy);
	return c ? c : strcmp(x->id, y->id);
}

static int has_id(char **ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

static char *dup_or_empty(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

static void push(char ***v, size_t *n, char *s)
{
	*v = fg_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

/* Append the version of record r (document id) to v. */
static void add_version(fg_version **v, size_t *nv, const char *id, const fg_record *r)
{
	*v = fg_xrealloc(*v, (*nv + 1) * sizeof **v);
	fg_version *x = &(*v)[(*nv)++];
	x->id = fg_xstrdup(id);
	x->title = dup_or_empty(r->meta.title);
	x->published = dup_or_empty(r->meta.published);
	x->effective = dup_or_empty(r->meta.effective);
	x->status = dup_or_empty(r->meta.status);
}

/* The records of the rule named name ("" or a name that reduces to "" finds none). */
static fg_status same_rule(fg_xdb *db, const char *name, char ***found, size_t *nf, fg_err *err)
{
	char *rule = fg_rule_name(name);
	fg_status st = *rule ? fg_vindex_records_with(db, FG_PFX_RULE, rule, found, nf, err) : FG_OK;
	free(rule);
	return st;
}

/*
 * The documents linked to document id (record r, superseded_by link by):
 * same rule name, the version it supersedes (an id, else a title's rule
 * name), the versions that supersede it, and the one a status event named.
 */
static fg_status linked(fg_xdb *db, const char *id, const fg_record *r, const char *by, char ***found, size_t *nf,
			fg_err *err)
{
	fg_status st = same_rule(db, r->meta.title ? r->meta.title : "", found, nf, err);
	const char *sup = r->meta.supersedes ? r->meta.supersedes : "";
	if (st == FG_OK && *sup) {
		fg_record so;
		if (fg_vindex_record(db, sup, &so, NULL, NULL) == FG_OK)
			push(found, nf, fg_xstrdup(sup));
		else
			st = same_rule(db, sup, found, nf, err);
		fg_record_fin(&so);
	}
	if (st == FG_OK)
		st = fg_vindex_records_with(db, FG_PFX_SUPERSEDES, id, found, nf, err);
	if (*by)
		push(found, nf, fg_xstrdup(by));
	return st;
}

fg_status fg_versions_list(fg_searcher *s, const char *id, fg_version **out, size_t *n, fg_err *err)
{
	fg_xdb *db = fg_searcher_db(s);
	*out = NULL;
	*n = 0;
	fg_record first;
	fg_status st = fg_vindex_record(db, id, &first, NULL, err);
	fg_record_fin(&first);
	if (st != FG_OK)
		return st;
	char **ids = NULL;
	size_t nids = 0;
	push(&ids, &nids, fg_xstrdup(id));
	fg_version *v = NULL;
	size_t nv = 0;
	/* breadth first over: same rule name, supersedes (both ways), superseded_by */
	for (size_t k = 0; k < nids && nids < MAX_VERSIONS && st == FG_OK; k++) {
		fg_record r;
		char *by = NULL;
		fg_status rs = fg_vindex_record(db, ids[k], &r, &by, err);
		if (rs != FG_OK) {
			if (rs != FG_E_NOTFOUND)
				st = rs;
			continue;
		}
		add_version(&v, &nv, ids[k], &r);
		char **found = NULL;
		size_t nf = 0;
		st = linked(db, ids[k], &r, by, &found, &nf, err);
		for (size_t i = 0; i < nf; i++) {
			if (!has_id(ids, nids, found[i]) && nids < MAX_VERSIONS)
				push(&ids, &nids, found[i]);
			else
				free(found[i]);
		}
		free(found);
		free(by);
		fg_record_fin(&r);
	}
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (st != FG_OK) {
		fg_versions_free(v, nv);
		return st;
	}
	qsort(v, nv, sizeof *v, cmp_version);
	*out = v;
	*n = nv;
	return FG_OK;
}
