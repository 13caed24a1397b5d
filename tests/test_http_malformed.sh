#!/bin/sh
# test_http_malformed.sh - fagui-searchd under thousands of malformed requests
# (bad percent-encoding, invalid UTF-8, path traversal, huge parameters and
# headers, odd methods, broken request lines, slow and idle clients sent from
# raw sockets): it must keep serving, answer no 5xx, and its RSS must stay
# flat between two identical rounds.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
[ -x "$BIN/fagui-searchd" ] || { echo "FAIL: $BIN/fagui-searchd is missing"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-malformed.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$BIN/fagui-indexer" --index "$tmp/index" corpus >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 4 --timeout 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$pid" <<'EOF' || exit 1
import random, socket, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

port, pid = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(20240607)
failures = []

def rss_kb():
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def exchange(raw, timeout=5.0):
    """Send raw bytes, read until the server closes; return the status (None: closed without one)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        try:
            s.sendall(raw)
        except OSError:
            pass  # the server may refuse early (413) and close while we still send
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return "timeout"
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        if not data.startswith(b"HTTP/1."):
            return None
        return int(data.split(b" ", 2)[1])
    finally:
        s.close()

def req(target, method=b"GET", headers=b"", body=b""):
    if isinstance(target, str):
        target = target.encode("utf-8", "surrogateescape")
    return (method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers +
            (b"Content-Length: %d\r\n" % len(body) if body else b"") + b"\r\n" + body)

def pct(bs):
    return "".join("%%%02X" % b for b in bs)

def malformed_requests(n):
    routes = ["/api/search?q=", "/search?q=", "/api/search?q=law&level=", "/search?q=law&region=",
              "/doc/", "/api/doc/", "/doc/x?hl=", "/static/"]
    fixed = [
        req("/api/search?q=%"), req("/api/search?q=%G1"), req("/api/search?q=%%"), req("/search?q=%E8%A1"),
        req("/api/search?q=%C0%AF"), req("/api/search?q=%ED%A0%80"), req("/api/search?q=%F4%90%80%80"),
        req("/api/search?%FF=1"), req("/api/search?q=a%00b"), req("/doc/%00"), req("/doc/%FF%FE"),
        req("/static/../../etc/passwd"), req("/static/%2e%2e/%2e%2e/etc/passwd"), req("/static/..%5c..%5cetc"),
        req("/static/style.css%00.txt"), req("/../../etc/passwd"), req("/doc/../../../etc/passwd"),
        req("/static//etc/passwd"), req("/static/"), req("/static/.."), req("/%2e%2e/%2e%2e/"),
        req("/api/search?q=" + "a" * 3000), req("/api/search?q=" + "%E6%B3%95" * 1200),
        req("/search?q=" + "x" * 20000), req("/api/search?q=" + "y" * 70000),
        req("/api/search?" + "&".join("k%d=v" % i for i in range(500))),
        req("/api/search?q=law&limit=99999999999999999999"), req("/api/search?q=law&offset=-0"),
        req("/api/search?q=law&limit=1e3"), req("/api/search?q=law&from=9999-99-99"),
        req("/api/search?q=((((((((((((((((((((law"), req('/api/search?q="""""'),
        req("/api/search?q=law", headers=b"X-Big: " + b"h" * 60000 + b"\r\n"),
        req("/api/search?q=law", headers=b"".join(b"X-H%d: v\r\n" % i for i in range(2000))),
        req("/api/search", method=b"FOO"), req("/api/search", method=b"TRACE"), req("/", method=b"CONNECT"),
        req("/", method=b"get"), req("/", method=b"PROPFIND"), req("/", method=b"DELETE"),
        req("/api/search", method=b"POST", body=b"q=" + b"z" * 5000),
        b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\nabc",
        b"POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\n",
        b"POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"GARBAGE\r\n\r\n", b"\r\n\r\n", b"GET\r\n\r\n", b"GET /\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\nConnection: close\r\n\r\n",
        b"GET /api/search?q=\xe6\xb3\x95 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /doc/\x01\x02 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET http://127.0.0.1/api/search?q=law HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        bytes(rng.randrange(256) for _ in range(300)),
    ]
    out = list(fixed)
    while len(out) < n:
        kind = rng.randrange(4)
        base = rng.choice(routes)
        if kind == 0:    # random bytes, percent-encoded
            tail = pct(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))))
        elif kind == 1:  # broken escapes and odd characters
            tail = "".join(rng.choice(["%", "%Z", "%E8", "%A1", "+", "&", "=", "<", ">", "\"", "'", "..", "/",
                                       "法", "\\", ";", "#", "?", "%00", "%2F"]) for _ in range(rng.randrange(1, 30)))
        elif kind == 2:  # long values
            tail = "法" * rng.randrange(300, 1400)
        else:            # script injection and traversal mixes
            tail = rng.choice(["<script>alert(1)</script>", "%3Cscript%3E", "../../etc/passwd",
                               "%2e%2e%2f%2e%2e%2f", "\"><img src=x>", "javascript:alert(1)"])
        method = rng.choice([b"GET", b"GET", b"GET", b"HEAD", b"POST", b"PUT", b"OPTIONS", b"BREW"])
        out.append(req(base + tail, method=method))
    return out

def round_of(requests, workers=16):
    statuses = {}
    def one(raw):
        try:
            return exchange(raw)
        except OSError as e:
            return "error:" + type(e).__name__
    with ThreadPoolExecutor(workers) as ex:
        for st in ex.map(one, requests):
            statuses[st] = statuses.get(st, 0) + 1
    return statuses

def healthy():
    return exchange(req("/healthz")) == 200

def report(name, statuses):
    print("%s: %s" % (name, ", ".join("%s=%d" % (k, v) for k, v in sorted(statuses.items(), key=str))))
    bad = {k: v for k, v in statuses.items() if isinstance(k, int) and k >= 500}
    if bad:
        failures.append("%s: 5xx responses %r" % (name, bad))
    if statuses.get("timeout"):
        failures.append("%s: %d requests got no answer within 5 s" % (name, statuses["timeout"]))

t0 = time.time()
reqs = malformed_requests(2500)
report("warm-up round", round_of(reqs))
if not healthy():
    failures.append("not healthy after the warm-up round")
rss1 = rss_kb()
report("round 1", round_of(reqs))
report("round 2", round_of(reqs))
rss2 = rss_kb()
print("RSS after warm-up %d kB, after two more rounds %d kB" % (rss1, rss2))
with open("/proc/%d/maps" % pid) as f:
    sanitized = "libasan" in f.read()
if sanitized:
    print("RSS check skipped: AddressSanitizer quarantines freed memory")
elif rss2 > rss1 + max(4096, rss1 // 10):
    failures.append("RSS grew from %d kB to %d kB" % (rss1, rss2))

# Slow clients: a request sent a few bytes at a time is still answered, and
# other clients are served meanwhile; an idle half request is dropped by the timeout.
def slow_client(results, i):
    raw = req("/api/search?q=%E6%B3%95&limit=1")
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        for k in range(0, len(raw), 8):
            s.sendall(raw[k:k + 8])
            time.sleep(0.05)
        data = s.recv(100)
        results[i] = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else None
        s.close()
    except OSError as e:
        results[i] = "error:" + type(e).__name__
slow = [None] * 20
threads = [threading.Thread(target=slow_client, args=(slow, i)) for i in range(20)]
idle = []
for _ in range(20):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /api/search?q=")
    idle.append(s)
for t in threads:
    t.start()
t1 = time.time()
served = round_of([req("/api/search?q=%E8%A1%8C%E6%94%BF&limit=3")] * 50, workers=4)
if served != {200: 50}:
    failures.append("requests during slow clients: %r" % served)
if time.time() - t1 > 10:
    failures.append("requests during slow clients took %.1f s" % (time.time() - t1))
for t in threads:
    t.join()
if slow != [200] * 20:
    failures.append("slow clients: %r" % slow)
time.sleep(2.5)
closed = 0
for s in idle:
    try:
        s.settimeout(3)
        data = s.recv(100)
        closed += 1  # b"" (closed) or an error response: either way it was not kept open
    except socket.timeout:
        pass
    except OSError:
        closed += 1
    s.close()
if closed != len(idle):
    failures.append("%d of %d idle half-requests were not closed by the timeout" % (len(idle) - closed, len(idle)))
if not healthy():
    failures.append("not healthy at the end")
print("malformed: %.1f s" % (time.time() - t0))
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
EOF

kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && { echo "FAIL: searchd did not stop within 5 s of SIGTERM"; exit 1; }
wait "$pid"
rc=$?
pid=
[ $rc -eq 0 ] || { echo "FAIL: searchd exited $rc after SIGTERM"; tail -20 "$tmp/stderr"; exit 1; }
if grep -q "ERROR: AddressSanitizer\|runtime error:\|LeakSanitizer" "$tmp/stderr"; then
	echo "FAIL: sanitizer report"; grep -A20 "ERROR\|runtime error" "$tmp/stderr" | head -40; exit 1
fi
echo "searchd kept serving and stopped cleanly"
exit 0
