/*
 * xap_base.cc - what every part of the Xapian binding shares: fail() turns
 * the exception being handled into an fg_status with a message ("<what
 * failed>: <Xapian error type>: <message>"), oom() aborts like fg_xmalloc,
 * dup_bytes() copies a string out for the caller to free(). The binding is
 * split by concern into lib/store/xap_*.cc over the internal header
 * xap_int.h; reads that meet a DatabaseModifiedError reopen the database
 * and retry once (guarded() in xap_int.h), and functions returning pointers
 * never fail: on an error they return a harmless value (documented per
 * function).
 */
#include "xap_int.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/stat.h>

[[noreturn]] void oom(void)
{
	fputs("fagui: out of memory in xapian binding\n", stderr);
	abort();
}

static bool path_missing(const char *path)
{
	struct stat st;
	return path && stat(path, &st) != 0 && errno == ENOENT;
}

/* Xapian's message plus the system error it carries, if any: "Error writing block 22 (No space left on device)". */
static std::string msg_of(const Xapian::Error &e)
{
	std::string m = e.get_msg();
	if (e.get_error_string())
		m += std::string(" (") + e.get_error_string() + ")";
	return m;
}

fg_status fail(fg_err *err, const char *what, const char *arg, bool arg_is_path)
{
	const char *sep = arg ? " " : "";
	if (!arg)
		arg = "";
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		return fg_err_set(err, FG_E_LOCKED, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::DatabaseNotFoundError &e) {
		return fg_err_set(err, FG_E_NOTFOUND, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DocNotFoundError &e) {
		return fg_err_set(err, FG_E_NOTFOUND, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DatabaseModifiedError &e) {
		return fg_err_set(err, FG_E_MODIFIED, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const Xapian::DatabaseOpeningError &e) {
		fg_status code = FG_E_XAPIAN;
		if (arg_is_path && path_missing(arg))
			code = FG_E_NOTFOUND;
		else if (e.get_error_string())
			code = FG_E_IO; /* an errno is attached: a file system failure */
		return fg_err_set(err, code, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::DatabaseCreateError &e) {
		fg_status code = e.get_error_string() ? FG_E_IO : FG_E_XAPIAN;
		return fg_err_set(err, code, "%s%s%s: %s: %s", what, sep, arg, e.get_type(), msg_of(e).c_str());
	} catch (const Xapian::Error &e) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: %s: %s", what, sep, arg, e.get_type(),
				  msg_of(e).c_str());
	} catch (const std::bad_alloc &) {
		return fg_err_set(err, FG_E_NOMEM, "%s%s%s: out of memory", what, sep, arg);
	} catch (const std::exception &e) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: %s", what, sep, arg, e.what());
	} catch (...) {
		return fg_err_set(err, FG_E_XAPIAN, "%s%s%s: unknown C++ exception", what, sep, arg);
	}
}

char *dup_bytes(const std::string &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (!p)
		oom();
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	return p;
}

extern "C" const char *fg_xapian_version(void)
{
	return Xapian::version_string();
}
