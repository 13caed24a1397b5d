#!/usr/bin/env python3
"""extract-articles.py - the units Fagui indexes, as a Groonga command file.

Runs the project's own parser (fg-parse --json) over every Markdown file under
CORPUS, so Groonga receives exactly the units (articles, preamble, appendix,
text) that fagui-indexer stores, and writes OUT: the schema (bigram tokenizer,
positions, title and text sections) followed by one `load` of every unit.

    extract-articles.py [--static] FG_PARSE CORPUS OUT

With --static the index column is created after the load (Groonga's static
index construction, its documented fast path for bulk loads); without it,
before the load (every record is indexed as it is loaded: the slow path).

Prints `units=<n> files=<n> bytes=<n>` on stdout. Nothing is copied anywhere
else: OUT is meant for a temporary directory.
"""
import json
import os
import subprocess
import sys

TABLES = """table_create Articles TABLE_HASH_KEY ShortText
column_create Articles title COLUMN_SCALAR ShortText
column_create Articles text COLUMN_SCALAR LongText
table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram --normalizer NormalizerAuto
"""
INDEX = "column_create Terms idx COLUMN_INDEX|WITH_POSITION|WITH_SECTION Articles title,text\n"

BATCH = 200


def markdown_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or f.startswith("README"):
                continue
            if f.endswith((".md", ".markdown", ".txt")):
                out.append(os.path.join(d, f))
    return out


def main():
    args = sys.argv[1:]
    static = bool(args) and args[0] == "--static"
    if static:
        args = args[1:]
    if len(args) != 3:
        sys.stderr.write("usage: extract-articles.py [--static] FG_PARSE CORPUS OUT\n")
        return 2
    fg_parse, corpus, out_path = args
    if not os.access(fg_parse, os.X_OK):
        sys.stderr.write("extract-articles: %s is missing (run make)\n" % fg_parse)
        return 1
    files = markdown_files(corpus)
    if not files:
        sys.stderr.write("extract-articles: no Markdown files under %s\n" % corpus)
        return 1
    units = nbytes = 0
    seen = set()
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(TABLES)
        if not static:
            out.write(INDEX)
        out.write("load --table Articles\n[\n")
        first = True
        for i in range(0, len(files), BATCH):
            batch = files[i:i + BATCH]
            p = subprocess.run([fg_parse, "--json"] + batch, stdout=subprocess.PIPE, check=False)
            if p.returncode not in (0, 1):
                sys.stderr.write("extract-articles: fg-parse failed (%d)\n" % p.returncode)
                return 1
            for line in p.stdout.decode("utf-8").splitlines():
                d = json.loads(line)
                doc_id = d.get("doc_id") or d["path"]
                title = (d.get("meta") or {}).get("title") or ""
                for k, u in enumerate(d.get("units") or []):
                    key = "%s#%d" % (doc_id, k)
                    if key in seen:  # same id from two files: keep both, as the indexer does
                        key = "%s@%s#%d" % (doc_id, d["path"], k)
                    seen.add(key)
                    rec = {"_key": key, "title": title, "text": u["text"]}
                    if not first:
                        out.write(",\n")
                    first = False
                    out.write(json.dumps(rec, ensure_ascii=False))
                    units += 1
                    nbytes += len(u["text"].encode("utf-8"))
        out.write("\n]\n")
        if static:
            out.write(INDEX)
    print("units=%d files=%d bytes=%d" % (units, len(files), nbytes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
