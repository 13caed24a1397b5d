/*
 * metrics.c - what fagui-searchd tells its operator: per route, counters of
 * the responses by HTTP status and a histogram of their durations (relaxed
 * atomics, no lock), served as Prometheus text with the index gauges, and
 * the access log, one line per request written in one write(2) so lines of
 * concurrent workers stay whole.
 */
#include "searchd.h"

#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static const char *const route_names[SD_NROUTES] = {
	[SD_R_API_SEARCH] = "/api/search",
	[SD_R_API_DOC] = "/api/doc",
	[SD_R_HEALTHZ] = "/healthz",
	[SD_R_METRICS] = "/metrics",
	[SD_R_HOME] = "/",
	[SD_R_SEARCH] = "/search",
	[SD_R_DOC] = "/doc",
	[SD_R_STATIC] = "/static",
	[SD_R_API_SIMILAR] = "/api/similar",
	[SD_R_DRAFT] = "/draft",
	[SD_R_API_COMPARE] = "/api/compare",
	[SD_R_COMPARE] = "/compare",
	[SD_R_API_CHANGES] = "/api/changes",
	[SD_R_CHANGES_ATOM] = "/changes.atom",
	[SD_R_API_CITED_BY] = "/api/doc/cited-by",
	[SD_R_API_SUGGEST] = "/api/suggest",
	[SD_R_API_CLEANUP] = "/api/cleanup",
	[SD_R_CLEANUP] = "/cleanup",
	[SD_R_API_CITE_CHECK] = "/api/cite-check",
	[SD_R_CHECK] = "/check",
	[SD_R_API_CATALOGUE] = "/api/catalogue",
	[SD_R_CATALOGUE] = "/catalogue",
	[SD_R_CHANGES] = "/changes",
	[SD_R_API_IMPACT] = "/api/impact",
	[SD_R_IMPACT] = "/impact",
	[SD_R_OTHER] = "other",
};

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static struct {
	atomic_ulong requests[SD_NROUTES][600];     /* by route and HTTP status */
	atomic_ulong le[SD_NROUTES][NBUCKETS];      /* duration histogram, non-cumulative */
	atomic_ulong count[SD_NROUTES];             /* requests timed */
	atomic_ullong sum_us[SD_NROUTES];           /* total duration, microseconds */
} metrics;

void sd_metrics_record(int route, unsigned status, double secs)
{
	if (route < 0 || route >= SD_NROUTES)
		route = SD_R_OTHER;
	if (status < 600)
		atomic_fetch_add_explicit(&metrics.requests[route][status], 1, memory_order_relaxed);
	size_t i = 0;
	while (i < NBUCKETS && secs > buckets[i])
		i++;
	if (i < NBUCKETS)
		atomic_fetch_add_explicit(&metrics.le[route][i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&metrics.count[route], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&metrics.sum_us[route], (unsigned long long)(secs * 1e6), memory_order_relaxed);
}

static void put_histograms(fg_buf *b)
{
	fg_buf_puts(b, "# HELP fagui_request_duration_seconds Time from request line to response completion.\n"
		       "# TYPE fagui_request_duration_seconds histogram\n");
	for (int i = 0; i < SD_NROUTES; i++) {
		unsigned long count = atomic_load_explicit(&metrics.count[i], memory_order_relaxed);
		if (!count)
			continue;
		unsigned long cum = 0;
		for (size_t k = 0; k < NBUCKETS; k++) {
			cum += atomic_load_explicit(&metrics.le[i][k], memory_order_relaxed);
			fg_buf_printf(b, "fagui_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
				      route_names[i], buckets[k], cum);
		}
		fg_buf_printf(b, "fagui_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
			      route_names[i], count);
		fg_buf_printf(b, "fagui_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_names[i],
			      (double)atomic_load_explicit(&metrics.sum_us[i], memory_order_relaxed) / 1e6);
		fg_buf_printf(b, "fagui_request_duration_seconds_count{route=\"%s\"} %lu\n", route_names[i], count);
	}
}

char *sd_metrics_text(int up, unsigned documents, unsigned articles)
{
	fg_buf b = {0};
	fg_buf_puts(&b, "# HELP fagui_requests_total HTTP requests by route and status.\n"
			"# TYPE fagui_requests_total counter\n");
	for (int i = 0; i < SD_NROUTES; i++)
		for (unsigned st = 100; st < 600; st++) {
			unsigned long n = atomic_load_explicit(&metrics.requests[i][st], memory_order_relaxed);
			if (n)
				fg_buf_printf(&b, "fagui_requests_total{route=\"%s\",status=\"%u\"} %lu\n",
					      route_names[i], st, n);
		}
	put_histograms(&b);
	fg_buf_puts(&b, "# HELP fagui_index_documents Source documents in the index.\n"
			"# TYPE fagui_index_documents gauge\n");
	fg_buf_printf(&b, "fagui_index_documents %u\n", documents);
	fg_buf_puts(&b, "# HELP fagui_index_articles Articles (第X条 units) in the index.\n"
			"# TYPE fagui_index_articles gauge\n");
	fg_buf_printf(&b, "fagui_index_articles %u\n", articles);
	fg_buf_printf(&b, "# HELP fagui_index_up 1 when the index could be opened.\n"
			  "# TYPE fagui_index_up gauge\nfagui_index_up %d\n",
		      up ? 1 : 0);
	int loading = 0;
	unsigned long loads = 0;
	fg_searcher_columns_status(&loading, &loads);
	fg_buf_printf(&b, "# HELP fagui_columns_loading 1 while the background loader runs: the in-memory columns of a new index "
			  "(queries meanwhile read values from the index), then its title map.\n"
			  "# TYPE fagui_columns_loading gauge\nfagui_columns_loading %d\n"
			  "# HELP fagui_columns_loads_total In-memory column loads completed.\n"
			  "# TYPE fagui_columns_loads_total counter\nfagui_columns_loads_total %lu\n",
		      loading, loads);
	fg_buf_printf(&b, "# HELP fagui_title_maps_built_total Rule-name maps built (threads share one per index revision and day).\n"
			  "# TYPE fagui_title_maps_built_total counter\nfagui_title_maps_built_total %lu\n",
		      fg_searcher_title_builds());
	return fg_buf_detach(&b);
}

/* Append the request target with control, space, quote, backslash and non-ASCII bytes escaped. */
static void put_log_uri(fg_buf *b, const char *s, size_t n)
{
	size_t max = n > 1024 ? 1024 : n;
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\')
			fg_buf_printf(b, "\\x%02x", c);
		else
			fg_buf_putc(b, (char)c);
	}
	if (max < n)
		fg_buf_puts(b, "...");
}

void sd_access_log(int fd, const char *client, const sd_req *r, enum MHD_RequestTerminationCode toe, double secs)
{
	char when[40];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
	fg_buf line = {0};
	fg_buf_printf(&line, "%s %s ", when, client);
	put_log_uri(&line, r->method[0] ? r->method : "-", r->method[0] ? strlen(r->method) : 1);
	fg_buf_putc(&line, ' ');
	put_log_uri(&line, r->uri, r->urilen);
	if (r->status)
		fg_buf_printf(&line, " %u %zu %.3f", r->status, r->bytes, secs * 1000);
	else
		fg_buf_printf(&line, " - 0 %.3f", secs * 1000);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		fg_buf_printf(&line, " aborted=%d", (int)toe);
	fg_buf_putc(&line, '\n');
	ssize_t w = write(fd, line.data, line.len);
	(void)w;
	fg_buf_free(&line);
}
