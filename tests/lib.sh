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
