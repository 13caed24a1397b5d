/*
 * build_fail.c - what goes wrong in a build (build_int.h): files that fail
 * (the run goes on) and the first fatal error (the run stops), recorded
 * under the run's lock by the walker, the writer threads and the planner.
 */
#include "build_int.h"

#include <stdlib.h>

void fg_build_fail(struct brun *r, const char *path, const char *reason, int indexed)
{
	pthread_mutex_lock(&r->lock);
	r->fails = fg_xrealloc(r->fails, (r->nfails + 1) * sizeof *r->fails);
	r->fails[r->nfails].path = fg_xstrdup(path);
	r->fails[r->nfails].reason = fg_xstrdup(reason);
	r->fails[r->nfails].indexed = indexed;
	r->nfails++;
	pthread_mutex_unlock(&r->lock);
}

void fg_build_fatal(struct brun *r, fg_status code, const char *msg)
{
	pthread_mutex_lock(&r->lock);
	if (!atomic_load(&r->fatal)) {
		fg_err_set(&r->fatalerr, code ? code : FG_E_IO, "%s", msg);
		atomic_store(&r->fatal, 1);
	}
	pthread_mutex_unlock(&r->lock);
}
