#!/bin/sh
# test_crash.sh - crash safety of fagui-indexer. A working corpus (the .md
# files of corpus/ in COPIES renamed copies) is indexed, then fagui-indexer
# is killed with SIGKILL at random moments: during full rebuilds and during
# incremental updates that change, delete and add files. After every kill
#   - the index opens (--stats) and xapian-check passes on every shard
#     listed in DIR/index.stub;
#   - fixed queries give what they gave before (rebuilds), and every changed
#     file is either fully old or fully new, never a mix: its first and last
#     articles carry a version marker word (m<file>v<version>) and both must
#     show the same version;
#   - the next run completes and leaves the new state.
# Then two failures that must leave the old index intact and searchable with
# a clear message and exit 1: a full disk (a 20 MB tmpfs) and a read-only
# index directory (a read-only bind mount). Each of those is skipped, with a
# message, where mount is not permitted. Environment: BIN, KILLS_FULL and
# KILLS_INC (kills that must land in each phase, default 10 and 12), COPIES
# (default 2).
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}" "${COPIES:=2}"
# Under ASan the indexer is several times slower: fewer rounds there (the plain suite does 22).
case "$BIN" in
*asan*) : "${KILLS_FULL:=3}" "${KILLS_INC:=4}" ;;
*) : "${KILLS_FULL:=10}" "${KILLS_INC:=12}" ;;
esac
[ -x "$BIN/fagui-indexer" ] && [ -x "$BIN/fg-search" ] || { echo "skip: $BIN/fagui-indexer or fg-search not built"; exit 77; }
command -v xapian-check >/dev/null || { echo "skip: xapian-check not installed (Debian: xapian-tools)"; exit 77; }
T=$(mktemp -d /tmp/fagui-crash.XXXXXX)
SMALL_MOUNTED=0 RO_MOUNTED=0
cleanup() {
	[ $RO_MOUNTED -eq 1 ] && umount "$T/index"
	[ $SMALL_MOUNTED -eq 1 ] && umount "$T/small"
	rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
# private copies: a concurrent `make` must not swap the programs under the test
mkdir -p "$T/bin"
cp "$BIN/fagui-indexer" "$BIN/fg-search" "$T/bin/" || fail "cannot copy the programs"
BIN="$T/bin"
W="$T/work"     # the corpus being indexed
TPL="$T/tpl"    # the same files without markers
IDX="$T/index"
search_total() { "$BIN/fg-search" --index "$IDX" --limit 1 "$1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }
rnd() { # rnd N: a random integer in [0, N)
	od -An -N4 -tu4 /dev/urandom | awk -v n="$1" '{ print $1 % n }'
}

# ---- the working corpus: one template per file, numbered ----
# an article line: starts with 第 and has 条 within its first 40 bytes (awk pattern)
ARTICLE='substr($0, 1, 3) == "第" && index($0, "条") > 0 && index($0, "条") <= 40'
mkdir -p "$TPL" "$W"
(cd corpus && find . -type d) | (cd "$TPL" && xargs mkdir -p)
(cd corpus && find . -type d) | (cd "$W" && xargs mkdir -p)
# documents with articles only: the markers go on article lines (items of a document without 第X条 carry none)
(cd corpus && find . -name '*.md' ! -name 'README*' -exec grep -l '^第[^条]\{1,12\}条' {} + | sort | sed 's|^\./||') >"$T/src"
# $T/files: "N TEMPLATE DEST HITS" per file. Ids and titles are made unique per copy. HITS is
# what a marker query finds: 2 (the first and the last article carry it), or 1 for one article.
for k in $(seq 1 "$COPIES"); do sed "s|^|$k |" "$T/src"; done | awk -v tpl="$TPL" -v w="$W" '
	{
		n = NR; k = $1; src = "corpus/" $2; d = $2; sub(/[^\/]*$/, "", d); b = $2; sub(/.*\//, "", b)
		out = tpl "/" d n "-" b; c = 0
		while ((getline line < src) > 0) {
			if (line ~ /^id: /) line = "id: C" k "-" substr(line, 5)
			else if (line ~ /^title: /) line = line " 副本" k
			else if (line ~ /^# /) line = line " 副本" k
			$0 = line
			if ('"$ARTICLE"') c++
			print line > out
		}
		close(src); close(out)
		print n, out, w "/" d n "-" b, (c >= 2 ? 2 : c)
	}' >"$T/files"
NFILES=$(wc -l <"$T/files")
# version of each file (0 = absent from the corpus)
awk '{ print $1, 1 }' "$T/files" >"$T/ver"

# put LIST: write each "N V" of LIST into the working corpus (V 0 removes the file);
# the marker m<N>v<V> goes at the end of the first and of the last article line
put() {
	awk -v files="$T/files" '
		BEGIN { while ((getline l < files) > 0) { split(l, f, " "); tpl[f[1]] = f[2]; dst[f[1]] = f[3] } }
		{
			n = $1; v = $2
			if (v == 0) { system("rm -f \"" dst[n] "\""); next }
			m = 0; first = 0; last = 0
			while ((getline line < tpl[n]) > 0) {
				m++; lines[m] = line; $0 = line
				if ('"$ARTICLE"') { if (!first) first = m; last = m }
			}
			close(tpl[n])
			tmp = dst[n] ".tmp"
			for (i = 1; i <= m; i++) print lines[i] ((i == first || i == last) ? " m" n "v" v : "") > tmp
			close(tmp)
			system("mv \"" tmp "\" \"" dst[n] "\"")
		}' "$1"
}
put "$T/ver"
cp "$T/ver" "$T/ver.indexed"

nhits() { awk -v n="$1" '$1 == n { print $4 }' "$T/files"; }

# the version file N shows in the index: V, 0 (absent), or "mix"
indexed_version() {
	n=$1
	old=$(awk -v n="$n" '$1 == n { print $2 }' "$T/ver.indexed")
	new=$(awk -v n="$n" '$1 == n { print $2 }' "$T/ver")
	want=$(nhits "$n")
	h_old=0
	h_new=0
	[ "$old" -gt 0 ] && h_old=$(search_total "m${n}v$old")
	[ "$new" -gt 0 ] && [ "$new" != "$old" ] && h_new=$(search_total "m${n}v$new")
	if [ "$h_old" -eq "$want" ] && [ "$h_new" -eq 0 ]; then echo "$old"
	elif [ "$h_old" -eq 0 ] && [ "$h_new" -eq "$want" ]; then echo "$new"
	elif [ "$h_old" -eq 0 ] && [ "$h_new" -eq 0 ] && { [ "$old" -eq 0 ] || [ "$new" -eq 0 ]; }; then echo 0
	else echo "mix(old v$old: $h_old hits, new v$new: $h_new hits, want $want)"
	fi
}

snapshot() { # the fixed queries' totals and hit lists, without timings and scores (one python for all)
	python3 - "$BIN/fg-search" "$IDX" <<'PY' 2>&1
import json, subprocess, sys
for q in ["供水", "罚款", "行政许可", "同句(罚款 供水)", "《示例省城市供水条例 副本1》第二条"]:
    p = subprocess.run([sys.argv[1], "--index", sys.argv[2], "--limit", "20", q], capture_output=True, text=True)
    if p.returncode != 0:
        print(q, "search failed:", p.stderr.strip())
        continue
    d = json.loads(p.stdout)
    print(q, d["total"], [(h["id"], h["article_index"]) for h in d["hits"]])
PY
}

check_index() { # check_index WHAT: opens, xapian-check on every shard
	"$BIN/fagui-indexer" --index "$IDX" --stats >"$T/stats" 2>&1 || fail "$1: --stats fails: $(cat "$T/stats")"
	[ -f "$IDX/index.stub" ] || fail "$1: no index.stub"
	while read -r kind shard; do
		[ "$kind" = auto ] || continue
		xapian-check "$IDX/$shard" >"$T/xcheck" 2>&1 || { tail -5 "$T/xcheck"; fail "$1: xapian-check $shard fails"; }
	done <"$IDX/index.stub"
}

# kill_run DELAY ARGS...: start the indexer, SIGKILL it after DELAY seconds; killed=1 when the kill
# hit it while it ran (it died of SIGKILL), 0 when it had finished first
kill_run() {
	d=$1
	shift
	"$BIN/fagui-indexer" -q --index "$IDX" "$@" "$W" >"$T/kill.out" 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null # (no "Killed" line from the shell)
	st=$?
	killed=0
	[ $st -eq 137 ] && killed=1
	[ $st -eq 137 ] || [ $st -eq 0 ] || { cat "$T/kill.out"; fail "indexer run to be killed failed by itself (exit $st)"; }
}

ms() { date +%s%N | cut -c1-13; }

# ---- initial build ----
t0=$(ms)
"$BIN/fagui-indexer" -q --index "$IDX" "$W" >"$T/out" 2>&1 || { cat "$T/out"; fail "initial build failed"; }
t_full=$(($(ms) - t0))
check_index "initial build"
snapshot >"$T/snap.ref"
for k in 1 2 3 4 5 6 7 8; do
	n=$((1 + $(rnd "$NFILES")))
	v=$(indexed_version "$n")
	[ "$v" = 1 ] || fail "initial build: file $n shows version $v"
done
echo "working corpus: $NFILES files, full build ${t_full} ms"

echo "$(date +%T) initial checks done"
# ---- kills during full rebuilds (the corpus does not change) ----
r=0
kills_full=0
while [ $kills_full -lt "$KILLS_FULL" ] && [ $r -lt $((KILLS_FULL * 2)) ]; do
	r=$((r + 1))
	delay_ms=$(rnd $((t_full * 9 / 10 + 1)))
	kill_run "$(awk -v m="$delay_ms" 'BEGIN { printf "%.3f", m / 1000 }')" --rebuild
	kills_full=$((kills_full + killed))
	[ $killed -eq 1 ] || t_full=$((t_full * 3 / 4)) # finished first: aim earlier
	check_index "rebuild killed after ${delay_ms} ms"
	snapshot >"$T/snap"
	cmp -s "$T/snap" "$T/snap.ref" || { diff "$T/snap.ref" "$T/snap"; fail "rebuild killed after ${delay_ms} ms: queries changed"; }
	# every third round, and after the last, a rebuild runs to completion over the leftovers
	if [ $((r % 3)) -eq 0 ] || [ $kills_full -eq "$KILLS_FULL" ]; then
		t0=$(ms)
		"$BIN/fagui-indexer" -q --index "$IDX" --rebuild "$W" >"$T/out" 2>&1 || { cat "$T/out"; fail "rebuild after a kill failed"; }
		t_full=$(($(ms) - t0))
		snapshot >"$T/snap"
		cmp -s "$T/snap" "$T/snap.ref" || { diff "$T/snap.ref" "$T/snap"; fail "rebuild after a kill: queries changed"; }
	fi
done
gens=$(ls -d "$IDX"/gen-* | wc -l)
[ "$gens" -eq 1 ] || fail "after the rebuilds $gens generations are left: $(ls "$IDX")"

echo "$(date +%T) rebuild rounds done"
# ---- kills during incremental updates ----
# measure one update first (change 5 files)
change_some() { # change 5 files, delete 1, bring back a deleted one; writes the new versions to ver
	awk -v seed="$(rnd 1000000)" -v nf="$NFILES" 'BEGIN { srand(seed) }
		{ v[$1] = $2 } END {
			for (k = 0; k < 5; k++) { n = 1 + int(rand() * nf); if (v[n] > 0) v[n]++ }
			n = 1 + int(rand() * nf); if (v[n] > 0) v[n] = 0
			for (n = 1; n <= nf; n++) if (v[n] == 0 && prev0[n] != 1) { }
			for (n = 1; n <= nf; n++) print n, v[n] }' "$T/ver" >"$T/ver.new"
	# bring back one file deleted in an earlier round
	back=$(awk 'NR == FNR { if ($2 == 0) z[$1] = 1; next } ($1 in z) && $2 == 0 { print $1; exit }' "$T/ver" "$T/ver.new")
	[ -n "$back" ] && awk -v b="$back" '$1 == b { $2 = 1000 + NR } { print }' "$T/ver.new" >"$T/ver.tmp" && mv "$T/ver.tmp" "$T/ver.new"
	mv "$T/ver.new" "$T/ver"
	awk 'NR == FNR { o[$1] = $2; next } o[$1] != $2 { print $1, $2 }' "$T/ver.indexed" "$T/ver" >"$T/changed"
	put "$T/changed"
}
verify_all() { # verify_all WHAT ALLOW_OLD: every changed file old-or-new (or only new)
	while read -r n v; do
		got=$(indexed_version "$n")
		old=$(awk -v n="$n" '$1 == n { print $2 }' "$T/ver.indexed")
		case "$got" in
		"$v") ;;
		"$old") [ "$2" = 1 ] || fail "$1: file $n still at version $old, expected $v" ;;
		*) fail "$1: file $n: $got" ;;
		esac
	done <"$T/changed"
}
change_some
t0=$(ms)
"$BIN/fagui-indexer" -q --index "$IDX" "$W" >"$T/out" 2>&1 || { cat "$T/out"; fail "update failed"; }
t_inc=$(($(ms) - t0))
verify_all "uninterrupted update" 0
cp "$T/ver" "$T/ver.indexed"
rounds_full=$r
r=0
nchanged=0
kills_inc=0
while [ $kills_inc -lt "$KILLS_INC" ] && [ $r -lt $((KILLS_INC * 2)) ]; do
	r=$((r + 1))
	change_some
	nchanged=$((nchanged + $(wc -l <"$T/changed")))
	delay_ms=$(rnd $((t_inc * 9 / 10 + 1)))
	kill_run "$(awk -v m="$delay_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kills_inc=$((kills_inc + killed))
	[ $killed -eq 1 ] || t_inc=$((t_inc * 3 / 4))
	check_index "update killed after ${delay_ms} ms"
	verify_all "update killed after ${delay_ms} ms" 1
	# a file not touched this round is unchanged
	n=$(awk -v k="$(rnd "$NFILES")" 'NR == FNR { c[$1] = 1; next } !($1 in c) && $2 > 0 { a[++m] = $1 } END { print a[k % m + 1] }' "$T/changed" "$T/ver")
	v=$(awk -v n="$n" '$1 == n { print $2 }' "$T/ver")
	[ "$(search_total "m${n}v$v")" -eq "$(nhits "$n")" ] || fail "update killed: untouched file $n lost its content"
	t0=$(ms)
	"$BIN/fagui-indexer" -q --index "$IDX" "$W" >"$T/out" 2>&1 || { cat "$T/out"; fail "update after a kill failed"; }
	t_inc=$(($(ms) - t0))
	verify_all "update after a kill" 0
	cp "$T/ver" "$T/ver.indexed"
done
kills=$((kills_full + kills_inc))
echo "SIGKILL: $kills kills landed while the indexer ran ($kills_full in $rounds_full rebuilds," \
	"$kills_inc in $r updates with $nchanged file changes); no damage"
[ $kills_full -ge "$KILLS_FULL" ] && [ $kills_inc -ge "$KILLS_INC" ] || fail "too few kills hit a running indexer"

echo "$(date +%T) update rounds done"
# ---- a full disk ----
SMALL="$T/small"
mkdir -p "$SMALL"
if mount -t tmpfs -o size=20m tmpfs "$SMALL" 2>/dev/null; then
	SMALL_MOUNTED=1
	SIDX="$SMALL/index"
	"$BIN/fagui-indexer" -q --index "$SIDX" corpus >"$T/out" 2>&1 || { cat "$T/out"; fail "small index on tmpfs failed"; }
	before=$("$BIN/fagui-indexer" --index "$SIDX" --stats)
	"$BIN/fg-search" --index "$SIDX" --limit 5 供水 | sed 's/"took_ms":[0-9.]*//' >"$T/full.before"
	# fill the disk, leaving a little room
	dd if=/dev/zero of="$SMALL/filler" bs=1M count=200 2>/dev/null
	rm -f "$SMALL/filler"
	dd if=/dev/zero of="$SMALL/filler" bs=1M count=$(($(df -m "$SMALL" | awk 'NR == 2 { print $4 }') - 1)) 2>/dev/null
	"$BIN/fagui-indexer" -q --index "$SIDX" --rebuild "$W" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || { cat "$T/err"; fail "full disk (rebuild): exit $rc, expected 1"; }
	grep -qi "no space left" "$T/err" || fail "full disk (rebuild): message does not say so: $(cat "$T/err")"
	[ "$("$BIN/fagui-indexer" --index "$SIDX" --stats)" = "$before" ] || fail "full disk (rebuild): index changed"
	echo "full disk, rebuild: $(head -1 "$T/err")"
	# an update that does not fit
	"$BIN/fagui-indexer" -q --index "$SIDX" corpus "$W" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || { cat "$T/err"; fail "full disk (update): exit $rc, expected 1"; }
	[ "$("$BIN/fagui-indexer" --index "$SIDX" --stats)" = "$before" ] || fail "full disk (update): index changed"
	"$BIN/fg-search" --index "$SIDX" --limit 5 供水 | sed 's/"took_ms":[0-9.]*//' >"$T/full.after"
	cmp -s "$T/full.before" "$T/full.after" || fail "full disk: search results changed"
	while read -r kind shard; do
		[ "$kind" = auto ] && { xapian-check "$SIDX/$shard" >/dev/null 2>&1 || fail "full disk: xapian-check $shard"; }
	done <"$SIDX/index.stub"
	echo "full disk, update: $(head -1 "$T/err")"
	rm -f "$SMALL/filler"
	"$BIN/fagui-indexer" -q --index "$SIDX" corpus >"$T/out" 2>&1 || { cat "$T/out"; fail "with space again, the update failed"; }
	umount "$SMALL" && SMALL_MOUNTED=0
else
	echo "skip (full disk part): mounting a tmpfs is not permitted here"
fi

# ---- a read-only index directory ----
before=$("$BIN/fagui-indexer" --index "$IDX" --stats)
if mount --bind "$IDX" "$IDX" 2>/dev/null; then
	RO_MOUNTED=1
	if mount -o remount,bind,ro "$IDX" 2>/dev/null; then
		for mode in update rebuild; do
			extra=""
			[ $mode = rebuild ] && extra=--rebuild
			"$BIN/fagui-indexer" -q --index "$IDX" $extra "$W" corpus >"$T/out" 2>"$T/err"
			rc=$?
			[ $rc -eq 1 ] || { cat "$T/err"; fail "read-only index ($mode): exit $rc, expected 1"; }
			grep -qi "read-only" "$T/err" || fail "read-only index ($mode): unclear message: $(cat "$T/err")"
			[ "$("$BIN/fagui-indexer" --index "$IDX" --stats)" = "$before" ] || fail "read-only index ($mode): index changed"
		done
		echo "read-only index: $(head -1 "$T/err")"
	else
		echo "skip (read-only part): a read-only bind mount is not permitted here"
	fi
	umount "$IDX" && RO_MOUNTED=0
	check_index "read-only index" # xapian-check itself needs write access
else
	echo "skip (read-only part): bind mounts are not permitted here"
fi
echo "crash safety: ok"
