#!/bin/sh
# gen-bad-corpus.sh DIR - write a corpus of broken and awkward input files
# into DIR (created; must not exist or be empty) for tests/test_bad_corpus.sh.
# Nothing here is committed as a binary: every file is generated.
#
# Three lists are written next to the files, one path (relative to DIR) a line:
#   DIR/.expect-good   must be indexed, silently; each holds the marker word
#                      fgmark<N> (N = line number)
#   DIR/.expect-warn   must be indexed and also reported (e.g. bad bytes replaced);
#                      each holds its marker fgwarn<N>
#   DIR/.expect-fail   must be reported on stderr with its path and a reason
# Files in none of the lists (a symlink loop, an odd name) must not stop the
# run. Environment: BIG_MB (size of the over-limit single-line file, default
# 50), LONG_MB (size of the single-line file that is indexed, default 12).
set -e
dir=$1
[ -n "$dir" ] || { echo "usage: gen-bad-corpus.sh DIR" >&2; exit 2; }
: "${BIG_MB:=50}" "${LONG_MB:=12}"
mkdir -p "$dir/good" "$dir/bad" "$dir/deep" "$dir/names" "$dir/loop"
cd "$dir"
: >.expect-good
: >.expect-warn
: >.expect-fail
ngood=0
nwarn=0
good() { # good PATH: register PATH; its marker goes to $m
	ngood=$((ngood + 1)); echo "$1" >>.expect-good; m="fgmark$ngood"
}
warn() {
	nwarn=$((nwarn + 1)); echo "$1" >>.expect-warn; m="fgwarn$nwarn"
}
fail() { echo "$1" >>.expect-fail; }

# ---- good files, some awkward but valid ----
f=good/供水条例.md; good $f
cat >"$f" <<MD
---
title: 示例省城乡供水条例
level: 地方性法规
status: 现行有效
region: 示例省
published: 2020-06-01
---
# 示例省城乡供水条例

## 第一章 总则

第一条 为了保障城乡供水安全，制定本条例。$m

第二条 本省行政区域内的城乡供水适用本条例。
MD

f=good/听证办法.txt; good $f
printf '示例市听证程序规定\n第一条 听证应当公开举行。%s\n第二条 听证由指定人员主持。\n' "$m" >"$f"

f=good/gb18030.txt; good $f
printf '示例县林地保护办法\n第一条 林地保护实行分级管理。%s\n第二条 禁止毁林开垦。保护林地的单位和个人应当受到表彰。\n' "$m" |
	iconv -f UTF-8 -t GB18030 >"$f"

f=good/utf16bom.txt; good $f
{ printf '\377\376'; printf '示例镇集市管理规定\n第一条 集市应当保持整洁。%s\n' "$m" | iconv -f UTF-8 -t UTF-16LE; } >"$f"

f=good/utf16be.txt; good $f
{ printf '\376\377'; printf '示例镇河堤维护规定\n第一条 河堤由镇人民政府维护。%s\n' "$m" | iconv -f UTF-8 -t UTF-16BE; } >"$f"

f=good/crlf.md; good $f
printf '# 示例市停车管理办法\r\n\r\n第一条 停车场应当明码标价。%s\r\n\r\n第二条 本办法自公布之日起施行。\r\n' "$m" >"$f"

f=good/numbering.md; good $f
cat >"$f" <<MD
# 示例县奇怪编号办法

第〇条 零号条文。$m

第一条 第一条。

第一条 重复的第一条。

第五条 跳过了第二条到第四条。

第五条之一 之一条文。

第五条之二 之二条文。

第三条 倒退的编号。

第一百零二条 很大的编号。
MD

f=good/frontmatter-dots.md; good $f
printf -- '---\ntitle: 示例乡公约\n...\n第一条 村民应当爱护公共设施。%s\n' "$m" >"$f"

f="names/带 空格 的 文件.md"; good "$f"
printf '# 示例区绿化规定\n\n第一条 绿化用地不得擅自占用。%s\n' "$m" >"$f"

f="names/《示例法》（2020年修正）.md"; good "$f"
printf '# 示例法\n\n第一条 本法用于测试文件名。%s\n' "$m" >"$f"

f="names/a&b;c'd\"e.txt"; good "$f"
printf '示例符号文件名规定\n第一条 文件名里有符号。%s\n' "$m" >"$f"

f=good/nested-quote-ok.md; good $f
printf '# 示例引用\n\n> > > 第一条 引用三层。%s\n' "$m" >"$f"

# ---- files that are indexed but must be reported ----
f=bad/invalid-utf8.md; warn $f
printf '# 示例坏字节办法\n\n第一条 这里有坏字节\377\376\300\257和截断的\344\270。%s\n' "$m" >"$f"

# ---- files that must fail, each with a reason ----
f=bad/nul-bytes.txt; fail $f
printf '示例空字节规定\n第一条 空\000字节\000。\n' >"$f"
f=bad/random.md; fail $f
head -c 65536 /dev/urandom >"$f"
printf '\000\000\000\000' >>"$f" # random data always holds NUL bytes: make sure
f=bad/empty.md; fail $f
: >"$f"
f=bad/empty.txt; fail $f
: >"$f"
f=bad/frontmatter-only.md; fail $f
printf -- '---\ntitle: 只有前言的文件\nstatus: 现行有效\n---\n' >"$f"
f=bad/unclosed-frontmatter.md; fail $f
printf -- '---\ntitle: 前言没有结束\nstatus: 现行有效\n\n# 标题\n\n第一条 正文。\n' >"$f"
f=bad/whitespace-only.txt; fail $f
printf '  \n\t\n\r\n　\n' >"$f"

# ---- huge, deep ----
# A single line of BIG_MB MiB (default 50): above the indexer's 16 MiB file limit, reported.
f=bad/single-line.txt; fail $f
{
	printf '示例超长单行规定 第一条 '
	# whole lines only (no code point cut): 23 characters, 70 bytes with the newline
	yes '供水单位应当保证水质符合国家标准并接受监督检查' | head -n $((BIG_MB * 1024 * 1024 / 70)) | tr -d '\n'
} >"$f"
# A single line of LONG_MB MiB (default 12) of text without punctuation, under the limit: indexed.
f=good/long-line.txt; good $f
{
	printf '示例很长单行规定 第一条 %s ' "$m"
	yes '排水单位应当保证管网畅通并接受监督检查' | head -n $((LONG_MB * 1024 * 1024 / 58)) | tr -d '\n'
} >"$f"

f=deep/blockquote.md; good $f
{ printf '# 示例深层引用\n\n第一条 引用很深。%s\n\n' "$m"; i=0; while [ $i -lt 10000 ]; do printf '>'; i=$((i + 1)); done; printf ' 第二条 最深处的内容。\n'; } >"$f"
f=deep/lists.md; good $f
{
	printf '# 示例深层列表\n\n第一条 列表很深。%s\n\n' "$m"
	awk 'BEGIN { for (i = 0; i < 10000; i++) { s = ""; for (j = 0; j < i % 200; j++) s = s "  "; printf "%s- 第%d项\n", s, i } }'
} >"$f"
f=deep/lists-nested.md; good $f
{ printf '# 示例嵌套列表\n\n第一条 嵌套列表。%s\n\n' "$m"; i=0; while [ $i -lt 10000 ]; do printf -- '- '; i=$((i + 1)); done; printf '第二条 最深的项。\n'; } >"$f"

# ---- names and links ----
# A file name that is not valid UTF-8: must not stop the run (indexed or reported).
printf '# 示例坏文件名\n\n第一条 文件名有坏字节。\n' >"names/bad-$(printf '\377\376')-name.md"
ln -s .. loop/parent            # a directory symlink loop
ln -s loop-self loop/loop-self  # a link to itself
ln -s ../good/供水条例.md loop/same-file.md # the same file under a second path (a second copy is fine)
ln -s /nonexistent/file.md loop/dangling.md
echo "gen-bad-corpus: $ngood good, $nwarn to warn about, $(wc -l <.expect-fail) to fail, in $dir"
