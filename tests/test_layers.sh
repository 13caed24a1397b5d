#!/bin/sh
# test_layers.sh - the architecture's rules, checked on the built objects and
# the sources (docs/ARCHITECTURE.md "Layers"):
#   - lib/ files call only into their own layer and the layers below it
#     (base < text < doc < store < index < search < tools);
#   - no circle of calls between files, anywhere (lib/ and the programs);
#   - the programs (indexer/, searchd/, tools/*.c) never call the Xapian
#     binding (lib/store) and include only "fagui.h" (and their own headers),
#     which brings neither the binding nor the core's internal headers along;
#   - no function over 100 lines and no source file over 800 lines outside tests.
# Calls are read from the object files' symbol tables (nm): what a file
# defines and what it needs.
cd "$(dirname "$0")/.." || exit 1
: "${BUILD:=build}"
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm (binutils) is not installed"; exit 77; }
[ -f "$BUILD/libfagui.a" ] || { echo "SKIP: $BUILD/libfagui.a is not built (run make first)"; exit 77; }
BUILD="$BUILD" python3 - <<'PY'
import os, re, subprocess, sys

build = os.environ["BUILD"]
LAYERS = ["base", "text", "doc", "store", "index", "search", "tools"]
PROGRAMS = ["indexer", "searchd", "tools"]
fail = []

def objects():
    for layer in LAYERS:
        d = os.path.join(build, "lib", layer)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".o"):
                yield "lib/%s/%s" % (layer, f[:-2]), os.path.join(d, f)
    for prog in PROGRAMS:
        d = os.path.join(build, prog)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".o"):
                yield "%s/%s" % (prog, f[:-2]), os.path.join(d, f)

defined, needs = {}, {}
for name, path in objects():
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    needs[name] = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRV" and re.match(r"(fg|sd|ix)_", parts[2]):
            defined.setdefault(parts[2], name)
        elif len(parts) == 2 and parts[0] == "U" and re.match(r"(fg|sd|ix)_", parts[1]):
            needs[name].add(parts[1])

if not any(n.startswith("indexer/") for n in needs) or not any(n.startswith("searchd/") for n in needs):
    print("SKIP: the programs' objects are not in %s" % build)
    sys.exit(77)

def layer(name):
    p = name.split("/")
    return LAYERS.index(p[1]) if p[0] == "lib" else len(LAYERS)

edges = {}
for name, syms in needs.items():
    for s in syms:
        to = defined.get(s)
        if to and to != name:
            edges.setdefault(name, {}).setdefault(to, set()).add(s)

for a, tos in sorted(edges.items()):
    for b, syms in sorted(tos.items()):
        if b.split("/")[0] != "lib" and a.split("/")[0] != b.split("/")[0]:
            fail.append("%s calls program file %s (%s)" % (a, b, ", ".join(sorted(syms))))
        elif a.startswith("lib/") and layer(b) > layer(a):
            fail.append("%s (layer %s) calls up into %s: %s" % (a, LAYERS[layer(a)], b, ", ".join(sorted(syms))))
        if not a.startswith("lib/") and b.startswith("lib/store/"):
            fail.append("program file %s calls the Xapian binding: %s" % (a, ", ".join(sorted(syms))))

# circles: strongly connected components of more than one file (Tarjan)
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges.get(v, {}):
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(needs):
    if v not in index:
        strong(v)
for c in sccs:
    detail = "; ".join("%s -> %s" % (a, b) for a in c for b in edges.get(a, {}) if b in c)
    fail.append("circle of calls between %s (%s)" % (", ".join(c), detail))

# programs include only the core's public header (and their own)
own = {"indexer": {"indexer.h"}, "searchd": {"searchd.h"}, "tools": set()}
for prog in PROGRAMS:
    for f in sorted(os.listdir(prog)):
        if not re.search(r"\.[ch]$", f):
            continue
        for inc in re.findall(r'^#include "([^"]+)"', open(os.path.join(prog, f), encoding="utf-8").read(), re.M):
            if inc != "fagui.h" and inc not in own[prog]:
                fail.append("%s/%s includes \"%s\": programs include only \"fagui.h\"" % (prog, f, inc))

# the public header does not bring the binding or the core's internal headers along
cflags = ["-D_GNU_SOURCE", "-Ilib"] + ["-Ilib/" + l for l in LAYERS]
cflags += subprocess.run(["pkg-config", "--cflags", "json-c"], capture_output=True, text=True).stdout.split()
pp = subprocess.run(["cc", "-E"] + cflags + ["-x", "c", "-"], input='#include "fagui.h"\n', capture_output=True,
                    text=True)
if pp.returncode != 0:
    fail.append("lib/fagui.h does not preprocess: " + pp.stderr[-300:])
for h in sorted(set(re.findall(r'"(lib/[a-z]+/[a-z_]+\.h)"', pp.stdout))):
    if h.startswith("lib/store/") or h.endswith("_int.h") or h.split("/")[-1] in ("searcher.h", "query.h", "index.h"):
        fail.append("lib/fagui.h includes %s: the public header is the core's API only" % h)

# function and file lengths
srcs = []
for top in ["lib", "indexer", "searchd", "tools"]:
    for root, _, files in os.walk(top):
        srcs += [os.path.join(root, f) for f in files if re.search(r"\.(c|cc|h)$", f)]
for path in sorted(srcs):
    lines = open(path, encoding="utf-8").read().split("\n")
    if len(lines) - 1 > 800:
        fail.append("%s: %d lines (at most 800)" % (path, len(lines) - 1))
    start = None
    for i, l in enumerate(lines):
        if start is None and re.match(r"^[A-Za-z_].*\(", l) and not l.rstrip().endswith(";") and not l.startswith("#"):
            start, name, body = i, l, "{" in l
        elif start is not None and not body and "{" not in l and l.rstrip().endswith(";"):
            start = None  # a declaration over several lines, not a definition
        elif start is not None and not body and "{" in l:
            body = True
        elif start is not None and l.startswith("}"):
            if i - start > 100:
                fail.append("%s:%d: function of %d lines (at most 100): %s" % (path, start + 1, i - start, name.strip()))
            start = None

for f in fail:
    print("FAIL: " + f)
if fail:
    sys.exit(1)
print("layers: %d files, %d call edges, no circle, programs through fagui.h only" %
      (len(needs), sum(len(t) for t in edges.values())))
PY
