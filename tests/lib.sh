# lib.sh - shell helpers shared by the integration tests (sourced, not run).

# wait_port PID STDERR: the port fagui-searchd (started with --listen 127.0.0.1:0)
# announces on STDERR; sets $port, or fails the test when it never starts.
# STDERR must be a new file for each server (create it empty before starting the
# server, or give each server its own): a file left by an earlier server shows
# that server's port until the shell truncates it.
wait_port() {
	port=
	_i=0
	while [ $_i -lt 100 ]; do
		port=$(sed -n 's|.*on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$2" 2>/dev/null)
		[ -n "$port" ] && break
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$port" ] || { echo "FAIL: searchd did not start"; cat "$2"; exit 1; }
}

# sample_setup NAME TOOL...: skip (77) unless every TOOL is installed and
# $BIN/fagui-indexer is built; then a temporary directory $tmp (removed on
# exit, with the server $pid, if any, killed) holding the sample corpus
# indexed in $tmp/index.
sample_setup() {
	_name=$1
	shift
	for _tool in "$@"; do
		command -v "$_tool" >/dev/null 2>&1 || { echo "skip: $_tool is not installed"; exit 77; }
	done
	[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-$_name.XXXXXX")
	pid=
	trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
	trap 'exit 1' INT TERM
	"$BIN/fagui-indexer" --index "$tmp/index" -q corpus >"$tmp/index.log" 2>&1 ||
		{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
}
