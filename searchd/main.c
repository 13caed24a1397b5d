/*
 * main.c - fagui-searchd, the top of its stairs: parse the command line,
 * load the stop words and the thesaurus, check the index, start a
 * libmicrohttpd daemon with a worker thread pool (each worker lazily opens
 * its own searcher, see http.c), and shut down cleanly on SIGTERM/SIGINT.
 * Signal handlers only set a flag; the main thread waits in sigsuspend.
 */
#include "searchd.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *f)
{
	fputs("Usage: fagui-searchd --index DIR [options]\n"
	      "Serve the search API and web pages for a Fagui index.\n"
	      "\n"
	      "  -i, --index DIR         index directory written by fagui-indexer (required)\n"
	      "  -l, --listen ADDR:PORT  address to listen on (default 127.0.0.1:8080; port 0 picks one)\n"
	      "  -t, --threads N         worker threads (default: number of cores)\n"
	      "  -T, --timeout SECS      close idle or slow connections after SECS (default 30)\n"
	      "  -a, --access-log FILE   append the access log to FILE (default: stderr)\n"
	      "  -s, --static DIR        directory served under /static/\n"
	      "  -w, --stopwords FILE    stop word list (default: the installed stopwords.txt)\n"
	      "  -y, --thesaurus FILE    everyday-to-statute words for questions (default: the installed\n"
	      "                          data/thesaurus.tsv; '' for none)\n"
	      "  -h, --help              show this help and exit\n"
	      "  -V, --version           show the version and exit\n",
	      f);
}

static int misuse(const char *fmt, const char *arg)
{
	fputs("fagui-searchd: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'fagui-searchd --help' for more information.\n", stderr);
	return 2;
}

static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-' || *s == '+')
		return -1;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Parse HOST:PORT, [V6]:PORT, :PORT or PORT into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *sslen, char *err, size_t errcap)
{
	char host[256] = "127.0.0.1";
	const char *port;
	const char *colon = strrchr(s, ':');
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host) {
			snprintf(err, errcap, "bad --listen address '%s': expected [ADDRESS]:PORT", s);
			return -1;
		}
		memcpy(host, s + 1, (size_t)(close - s - 1));
		host[close - s - 1] = '\0';
		port = close + 2;
	} else if (colon) {
		if ((size_t)(colon - s) >= sizeof host) {
			snprintf(err, errcap, "bad --listen address '%s': host too long", s);
			return -1;
		}
		if (colon > s) {
			memcpy(host, s, (size_t)(colon - s));
			host[colon - s] = '\0';
		}
		port = colon + 1;
	} else {
		port = s;
	}
	unsigned p;
	if (parse_uint(port, 0, 65535, &p) != 0) {
		snprintf(err, errcap, "bad --listen port in '%s': expected 0-65535", s);
		return -1;
	}
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(err, errcap, "cannot resolve --listen host '%s': %s", host, gai_strerror(rc));
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

typedef struct options {
	const char *index;          /* --index, NULL until given */
	const char *listen;         /* --listen */
	const char *access_log;     /* --access-log, NULL for stderr */
	const char *static_dir;     /* --static, NULL to look near the binary */
	const char *stopwords;      /* --stopwords, NULL to look near the binary */
	const char *thesaurus;      /* --thesaurus, NULL for the installed one, "" for none */
	unsigned threads;           /* --threads */
	unsigned timeout;           /* --timeout, seconds */
} options;

/* Fill o from the command line; returns -1 to go on, or the exit status (0 after --help or --version, 2 on misuse). */
static int parse_options(int argc, char **argv, options *o)
{
	static const struct option opts[] = {
		{"index", required_argument, NULL, 'i'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"timeout", required_argument, NULL, 'T'},
		{"access-log", required_argument, NULL, 'a'},
		{"static", required_argument, NULL, 's'},
		{"stopwords", required_argument, NULL, 'w'},
		{"thesaurus", required_argument, NULL, 'y'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	*o = (options){.listen = "127.0.0.1:8080", .timeout = 30};
	o->threads = cores > 0 ? (unsigned)(cores > 256 ? 256 : cores) : 1;
	int c;
	while ((c = getopt_long(argc, argv, "i:l:t:T:a:s:w:y:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o->index = optarg; break;
		case 'l': o->listen = optarg; break;
		case 't':
			if (parse_uint(optarg, 1, 256, &o->threads) != 0)
				return misuse("--threads must be an integer between 1 and 256, not '%s'", optarg);
			break;
		case 'T':
			if (parse_uint(optarg, 1, 3600, &o->timeout) != 0)
				return misuse("--timeout must be an integer between 1 and 3600, not '%s'", optarg);
			break;
		case 'a': o->access_log = optarg; break;
		case 's': o->static_dir = optarg; break;
		case 'w': o->stopwords = optarg; break;
		case 'y': o->thesaurus = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("fagui-searchd %s\n", FAGUI_VERSION); return 0;
		default: /* getopt_long has said what is wrong */
			fputs("Try 'fagui-searchd --help' for more information.\n", stderr);
			return 2;
		}
	}
	if (optind < argc)
		return misuse("unexpected argument '%s'", argv[optind]);
	if (!o->index)
		return misuse("%s", "missing --index DIR");
	return -1;
}

/* What the daemon holds for its whole life, released by free_resources. */
typedef struct resources {
	int log_fd;                 /* access log, STDERR_FILENO by default */
	fg_stopwords *sw;           /* may be NULL */
	fg_thesaurus *th;           /* may be NULL */
	char *static_dir, *stop_path, *th_path;
	unsigned ndocs, nunits;     /* the index at start, for the startup line */
	fg_searcher *probe;         /* opened at start: handed to sd_config (see there) */
} resources;

/*
 * Open the access log, load the stop words and the thesaurus, find the
 * static directory and check that the index opens (workers open their own).
 * Returns 0, or -1 with a message on stderr; free_resources either way.
 */
static int load_resources(const options *o, resources *r)
{
	fg_err err = {0};
	*r = (resources){.log_fd = STDERR_FILENO};
	if (o->access_log) {
		r->log_fd = open(o->access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (r->log_fd < 0) {
			fprintf(stderr, "fagui-searchd: cannot open access log %s: %s\n", o->access_log,
				strerror(errno));
			return -1;
		}
	}
	r->stop_path = o->stopwords ? fg_xstrdup(o->stopwords) : fg_find_data("stopwords", "stopwords.txt");
	if (r->stop_path && (o->stopwords || access(r->stop_path, R_OK) == 0)) {
		if (fg_stopwords_load(r->stop_path, &r->sw, &err) != FG_OK) {
			fprintf(stderr, "fagui-searchd: cannot load stop words %s: %s\n", r->stop_path, err.msg);
			return -1;
		}
	}
	r->th_path = o->thesaurus ? fg_xstrdup(o->thesaurus) : fg_data_path("thesaurus.tsv");
	if (r->th_path && *r->th_path && fg_thesaurus_load(r->th_path, &r->th, &err) != FG_OK) {
		fprintf(stderr, "fagui-searchd: cannot load thesaurus %s: %s\n", r->th_path, err.msg);
		return -1;
	}
	r->static_dir = o->static_dir ? fg_xstrdup(o->static_dir) : fg_find_data("static", ".");

	/*
	 * Fail early and clearly when the index cannot be opened; workers open
	 * their own. Opened in background mode, the probe starts loading the
	 * shared columns and title map at once (the workers' first queries do not
	 * wait for the columns, nor long for the title map).
	 */
	fg_searcher_background_columns(1);
	fg_searcher *probe = NULL;
	if (fg_searcher_open(o->index, r->sw, &probe, &err) != FG_OK) {
		if (strstr(err.msg, o->index))
			fprintf(stderr, "fagui-searchd: %s\n", err.msg);
		else
			fprintf(stderr, "fagui-searchd: cannot open index %s: %s\n", o->index, err.msg);
		return -1;
	}
	r->ndocs = fg_searcher_documents(probe);
	r->nunits = fg_searcher_units(probe);
	r->probe = probe;
	return 0;
}

static void free_resources(resources *r)
{
	fg_searcher_close(r->probe);
	fg_stopwords_free(r->sw);
	fg_thesaurus_free(r->th);
	free(r->static_dir);
	free(r->stop_path);
	free(r->th_path);
	if (r->log_fd != STDERR_FILENO && r->log_fd >= 0)
		close(r->log_fd);
}

/*
 * Run the daemon on addr until SIGTERM or SIGINT: SIGPIPE ignored, the stop
 * signals blocked in the workers and taken by this thread in sigsuspend.
 * Returns the exit status: 0 after a clean stop, 1 when it cannot listen.
 */
static int serve(const options *o, const struct sockaddr_storage *addr, socklen_t addrlen, sd_config *cfg,
		 const resources *r)
{
	struct sigaction sa = {0};
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Workers inherit a mask blocking TERM/INT, so only this thread takes them. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	pthread_sigmask(SIG_BLOCK, &block, &old);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, sd_handler, cfg,
						MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
						MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)o->threads,
						MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)o->timeout,
						MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
						MHD_OPTION_URI_LOG_CALLBACK, sd_uri_log, cfg,
						MHD_OPTION_NOTIFY_COMPLETED, sd_completed, cfg,
						MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "fagui-searchd: cannot listen on %s: %s\n", o->listen,
			errno ? strerror(errno) : "libmicrohttpd failed to start");
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[NI_MAXHOST] = "?";
	getnameinfo((const struct sockaddr *)addr, addrlen, host, sizeof host, NULL, 0, NI_NUMERICHOST);
	fprintf(stderr,
		"fagui-searchd %s: serving %s (%u documents, %u units) on http://%s%s%s:%u/ with %u threads\n",
		FAGUI_VERSION, o->index, r->ndocs, r->nunits, addr->ss_family == AF_INET6 ? "[" : "", host,
		addr->ss_family == AF_INET6 ? "]" : "", info ? (unsigned)info->port : 0u, o->threads);

	while (!stop_requested)
		sigsuspend(&old);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	fprintf(stderr, "fagui-searchd: shutting down\n");
	MHD_stop_daemon(d); /* joins the workers; their searchers close with them */
	return 0;
}

int main(int argc, char **argv)
{
	options o;
	int status = parse_options(argc, argv, &o);
	if (status >= 0)
		return status;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char msg[512];
	if (parse_listen(o.listen, &addr, &addrlen, msg, sizeof msg) != 0)
		return misuse("%s", msg);

	status = 1;
	resources r;
	if (load_resources(&o, &r) == 0) {
		sd_config cfg = {
			.index = o.index, .static_dir = r.static_dir, .sw = r.sw, .th = r.th, .log_fd = r.log_fd,
			.threads = o.threads, .probe = r.probe,
		};
		if (sd_http_init(&cfg) == 0) {
			status = serve(&o, &addr, addrlen, &cfg, &r);
			sd_http_fin();
		}
		r.probe = cfg.probe; /* NULL when a worker took it */
	}
	free_resources(&r);
	return status;
}
