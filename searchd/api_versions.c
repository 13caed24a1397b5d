/*
 * api_versions.c - versions and changes in fagui-searchd: the article-level
 * comparison of two versions (GET /api/compare as JSON, GET /compare as a
 * page) and the change log of dated status events (GET /api/changes as JSON,
 * GET /changes.atom as an Atom feed).
 *
 * The /compare page: versions are chosen from the rule's version list (two
 * <select>s), reached from any one of its documents (?id=, or only ?a= or
 * ?b=) or from a rule's name (?name=); ids typed by hand still work. The
 * comparison warns when the pair is not two versions of one rule or is in
 * reverse order; it shows only the articles whose text changed (只看变化,
 * the default when most are unchanged: runs of unchanged articles fold into
 * one line) or all of them (?view=all); the table stacks old over new on a
 * phone (tools.css). No JavaScript.
 */
#include "searchd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CT_ATOM "application/atom+xml; charset=utf-8"
#define NAME_MAX_BYTES 300 /* a rule name typed in the form */

/* The parameters of /compare and /api/compare. */
typedef struct cmp_args {
	const char *a, *b; /* old and new document ids */
	const char *id;    /* any one version: choose the pair from its rule's versions */
	const char *name;  /* a rule's name: the same, through fg_suggest */
	const char *view;  /* "", "all" or "changes" */
} cmp_args;

static void get_args(const sd_call *c, cmp_args *p)
{
	p->a = sd_param_get(c->req, "a");
	p->b = sd_param_get(c->req, "b");
	p->id = sd_param_get(c->req, "id");
	p->name = sd_param_get(c->req, "name");
	p->view = sd_param_get(c->req, "view");
}

/* What is wrong with the parameters, in Chinese, or NULL. */
static const char *bad_args(const cmp_args *p)
{
	static char msg[256];
	const char *keys[3] = {"a", "b", "id"}, *vals[3] = {p->a, p->b, p->id};
	for (int i = 0; i < 3; i++)
		if (*vals[i] && !sd_id_ok(vals[i])) {
			snprintf(msg, sizeof msg,
				 "参数 %s 不是有效的文件编号：编号最长 %d 字节，不能含控制字符。请从法规的版本列表中选择，或检查复制的编号。",
				 keys[i], SD_MAX_ID);
			return msg;
		}
	if (*p->view && strcmp(p->view, "all") && strcmp(p->view, "changes"))
		return "参数 view 只能是 changes（只看变化）或 all（全部条文）。";
	if (strlen(p->name) > NAME_MAX_BYTES)
		return "法规名称太长：请只输入名称中的几个字，如“民事诉讼法”。";
	return NULL;
}

static void put_json(sd_reply *out, unsigned status, json_object *o)
{
	out->status = status;
	out->ctype = SD_CT_JSON;
	out->body =
		fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* The message of a comparison that failed: which id is unknown (a is looked up again to tell). */
static unsigned compare_failed(fg_searcher *s, const cmp_args *p, fg_status st, const char *libmsg, char *msg,
			       size_t cap)
{
	if (st != FG_E_NOTFOUND) {
		snprintf(msg, cap, "对照失败，请稍后再试（%s）", libmsg);
		return sd_http_status(st);
	}
	fg_version *v = NULL;
	size_t n = 0;
	int a_missing = fg_versions_list(s, p->a, &v, &n, NULL) == FG_E_NOTFOUND;
	fg_versions_free(v, n);
	snprintf(msg, cap, "找不到编号为“%s”的文件。请检查编号；也可以按法规名称查找它的各个版本（/compare?name=法规名称）。",
		 a_missing ? p->a : p->b);
	return 404;
}

/* The error of /api/compare without two ids: {"error", "versions"} with the versions of the one given. */
static void api_need_two(const sd_call *c, const cmp_args *p, sd_reply *out)
{
	const char *one = *p->id ? p->id : *p->a ? p->a : p->b;
	json_object *o = json_object_new_object();
	fg_version *v = NULL;
	size_t n = 0;
	if (*one && fg_versions_list(c->s, one, &v, &n, NULL) != FG_OK) {
		char msg[512];
		snprintf(msg, sizeof msg, "找不到编号为“%s”的文件。请检查编号。", one);
		json_object_object_add(o, "error", json_object_new_string(msg));
		put_json(out, 404, o);
		return;
	}
	json_object_object_add(o, "error",
			       json_object_new_string(*one ? "请给出旧版本和新版本两个文件编号：/api/compare?a=旧版本编号&b=新版本编号。"
							     "versions 列出了这部法规的各个版本（从旧到新），可从中选择"
							   : "请给出旧版本和新版本两个文件编号：/api/compare?a=旧版本编号&b=新版本编号。"
							     "法规的各个版本见 /api/doc/{编号} 的 versions"));
	if (*one) {
		json_object *arr = json_object_new_array();
		for (size_t i = 0; i < n; i++) {
			json_object *x = json_object_new_object();
			json_object_object_add(x, "id", json_object_new_string(v[i].id));
			json_object_object_add(x, "title", json_object_new_string(v[i].title));
			json_object_object_add(x, "published", json_object_new_string(v[i].published));
			json_object_object_add(x, "effective", json_object_new_string(v[i].effective));
			json_object_object_add(x, "status", json_object_new_string(v[i].status));
			json_object_array_add(arr, x);
		}
		json_object_object_add(o, "versions", arr);
	}
	fg_versions_free(v, n);
	put_json(out, 400, o);
}

void sd_api_compare(const sd_call *c, sd_reply *out)
{
	cmp_args p;
	get_args(c, &p);
	const char *bad = bad_args(&p);
	if (bad) {
		sd_tool_error(out, 400, bad);
		return;
	}
	if (!*p.a || !*p.b) {
		api_need_two(c, &p, out);
		return;
	}
	fg_err err = {0};
	fg_comparison *cmp = NULL;
	fg_status st = fg_compare(c->s, p.a, p.b, &cmp, &err);
	if (st == FG_OK)
		st = fg_compare_versions(c->s, cmp, &err);
	if (st != FG_OK) {
		char msg[512];
		unsigned status = compare_failed(c->s, &p, st, err.msg[0] ? err.msg : fg_status_str(st), msg, sizeof msg);
		sd_tool_error(out, status, msg);
		fg_comparison_free(cmp);
		return;
	}
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_comparison_json_view(cmp, !strcmp(p.view, "changes"));
	fg_comparison_free(cmp);
}

static const char *change_zh(int change)
{
	switch (change) {
	case FG_CHANGE_SAME: return "未改";
	case FG_CHANGE_MODIFIED: return "修改";
	case FG_CHANGE_ADDED: return "新增";
	case FG_CHANGE_DELETED: return "删除";
	default: return "条序变动";
	}
}

/* The link to /compare with a, b and view (NULL or "" drops one), HTML-escaped. */
static void put_compare_href(fg_buf *b, const char *a, const char *bb, const char *view)
{
	const char *keys[3] = {"a", "b", "view"}, *vals[3] = {a, bb, view};
	sd_put_href(b, "/compare", keys, vals, 3, NULL, 0);
}

/* One <option> of version v: its date and status, and its title when with_title. */
static void put_option(fg_buf *b, const fg_version *v, int with_title, const char *selected)
{
	fg_buf_puts(b, "<option value=\"");
	sd_put_html(b, v->id);
	fg_buf_printf(b, "\"%s>", !strcmp(v->id, selected) ? " selected" : "");
	if (*v->effective) {
		sd_put_html(b, v->effective);
		fg_buf_puts(b, " 施行");
	} else if (*v->published) {
		sd_put_html(b, v->published);
		fg_buf_puts(b, " 公布");
	} else {
		fg_buf_puts(b, "日期不详");
	}
	if (*v->status) {
		fg_buf_puts(b, "（");
		sd_put_html(b, v->status);
		fg_buf_puts(b, "）");
	}
	if (with_title) {
		fg_buf_puts(b, " ");
		sd_put_html(b, v->title);
	}
	fg_buf_puts(b, "</option>");
}

/* A <select> of the versions v[0..n). */
static void put_select(fg_buf *b, const char *name, const char *label, const fg_version *v, size_t n,
		       const char *selected)
{
	int titles = 0;
	for (size_t i = 1; i < n; i++)
		titles |= strcmp(v[i].title, v[0].title) != 0;
	fg_buf_printf(b, "<label>%s <select name=\"%s\">", label, name);
	for (size_t i = 0; i < n; i++)
		put_option(b, &v[i], titles, selected);
	fg_buf_puts(b, "</select></label>\n");
}

/*
 * The form choosing two versions of one rule from v[0..n) (oldest first),
 * a and bb selected.
 */
static void put_pick_form(fg_buf *b, const fg_version *v, size_t n, const char *a, const char *bb)
{
	fg_buf_puts(b, "<form class=\"compare-pick\" method=\"get\" action=\"/compare\">\n<p class=\"pick-title\">《");
	sd_put_html(b, v[n - 1].title);
	fg_buf_printf(b, "》共有 %zu 个版本（按施行日期从旧到新）：</p>\n", n);
	put_select(b, "a", "旧版本", v, n, a);
	put_select(b, "b", "新版本", v, n, bb);
	fg_buf_puts(b, "<button type=\"submit\">对照</button>\n</form>\n");
}

/* The forms by rule name and by ids, folded under <details> unless open. */
static void put_other_forms(fg_buf *b, const cmp_args *p, int open)
{
	fg_buf_puts(b, open ? "<section class=\"compare-other\">\n<h2>按法规名称查找版本</h2>\n"
			    : "<details class=\"compare-other\"><summary>按法规名称或文件编号选择</summary>\n");
	fg_buf_puts(b, "<form class=\"compare-name\" method=\"get\" action=\"/compare\">\n<label>法规名称 <input "
		       "type=\"search\" name=\"name\" placeholder=\"如：民事诉讼法\" value=\"");
	sd_put_html(b, p->name);
	fg_buf_printf(b, "\" maxlength=\"%d\"></label>\n<button type=\"submit\">查找版本</button>\n</form>\n",
		      NAME_MAX_BYTES / 3);
	if (open)
		fg_buf_puts(b, "<h2>按文件编号对照</h2>\n");
	fg_buf_puts(b, "<form class=\"compare\" method=\"get\" action=\"/compare\">\n<label>旧版本编号 <input name=\"a\" value=\"");
	sd_put_html(b, p->a);
	fg_buf_puts(b, "\" required></label>\n<label>新版本编号 <input name=\"b\" value=\"");
	sd_put_html(b, p->b);
	fg_buf_puts(b, "\" required></label>\n<button type=\"submit\">对照</button>\n</form>\n");
	fg_buf_puts(b, open ? "</section>\n" : "</details>\n");
}

static void put_notice(fg_buf *b, const char *cls, const char *msg)
{
	fg_buf_printf(b, "<div class=\"%s\" role=\"%s\">", cls, strcmp(cls, "error") ? "status" : "alert");
	sd_put_html(b, msg);
	fg_buf_puts(b, "</div>\n");
}

static void put_side(fg_buf *b, const fg_docview *v, const char *cls, const char *tag)
{
	fg_buf_printf(b, "<div class=\"side %s\"><span class=\"side-tag\">%s</span> <a href=\"", cls, tag);
	sd_put_doc_href(b, v->meta.id, NULL);
	fg_buf_puts(b, "\">");
	sd_put_html(b, v->meta.title);
	fg_buf_puts(b, "</a> ");
	sd_put_badge(b, v->meta.status);
	fg_buf_puts(b, "<br><span class=\"cap\">");
	if (v->meta.effective && *v->meta.effective) {
		sd_put_html(b, v->meta.effective);
		fg_buf_puts(b, " 施行 · ");
	} else if (v->meta.published && *v->meta.published) {
		sd_put_html(b, v->meta.published);
		fg_buf_puts(b, " 公布 · ");
	}
	fg_buf_puts(b, "编号 ");
	sd_put_html(b, v->meta.id);
	fg_buf_puts(b, "</span></div>\n");
}

/* Whether bytes [s, e) of text are only spaces and line ends. */
static int blank(const char *text, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
			return 0;
	return 1;
}

/*
 * text with the changed spans (pairs) wrapped in <tag>, HTML-escaped; a
 * span of line ends only (two paragraphs joined or split) shows a ↵ marker.
 */
static void put_marked(fg_buf *b, const char *text, const size_t *spans, size_t n, const char *tag)
{
	size_t len = strlen(text), at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t s = spans[2 * i], e = spans[2 * i + 1];
		if (s < at || e > len || s >= e)
			continue;
		fg_buf_put_html(b, text + at, s - at);
		if (blank(text, s, e)) {
			fg_buf_printf(b, "<%s class=\"ws\" title=\"%s\">↵</%s>", tag,
				      !strcmp(tag, "del") ? "删去换行" : "新增换行", tag);
			fg_buf_put_html(b, text + s, e - s);
		} else {
			fg_buf_printf(b, "<%s>", tag);
			fg_buf_put_html(b, text + s, e - s);
			fg_buf_printf(b, "</%s>", tag);
		}
		at = e;
	}
	fg_buf_put_html(b, text + at, len - at);
}

static void put_row(fg_buf *b, const fg_comparison *cmp, size_t i)
{
	const fg_cmp_row *r = &cmp->rows[i];
	fg_buf_printf(b, "<tr class=\"change-%s\" id=\"r%zu\"><td class=\"a\"%s>", fg_change_name(r->change), i,
		      r->a >= 0 ? " data-side=\"旧\"" : "");
	if (r->a >= 0)
		put_marked(b, cmp->a->units[r->a].text, r->a_spans, r->na, "del");
	fg_buf_printf(b, "</td><td class=\"change\">%s</td><td class=\"b\"%s>", change_zh(r->change),
		      r->b >= 0 ? " data-side=\"新\"" : "");
	if (r->b >= 0)
		put_marked(b, cmp->b->units[r->b].text, r->b_spans, r->nb, "ins");
	fg_buf_puts(b, "</td></tr>\n");
}

/* The label of side a or b of row r ("" when absent or unlabelled). */
static const char *row_label(const fg_comparison *cmp, const fg_cmp_row *r, int side_b)
{
	int k = side_b ? r->b : r->a;
	const fg_docview *v = side_b ? cmp->b : cmp->a;
	return k >= 0 && v->units[k].label ? v->units[k].label : "";
}

/* The line standing for rows [i, j) of unchanged text in the 只看变化 view, linking to them in 全部条文. */
static void put_gap(fg_buf *b, const fg_comparison *cmp, size_t i, size_t j, const cmp_args *p)
{
	size_t moved = 0;
	for (size_t k = i; k < j; k++)
		moved += cmp->rows[k].change == FG_CHANGE_RENUMBERED;
	const char *a0 = row_label(cmp, &cmp->rows[i], 0), *a1 = row_label(cmp, &cmp->rows[j - 1], 0);
	const char *b0 = row_label(cmp, &cmp->rows[i], 1), *b1 = row_label(cmp, &cmp->rows[j - 1], 1);
	fg_buf_printf(b, "<tr class=\"gap\"><td colspan=\"3\">未改动的条文 %zu 条", j - i);
	if (*a0) {
		fg_buf_puts(b, moved ? "：原" : "：");
		sd_put_html(b, a0);
		if (j - i > 1) {
			fg_buf_puts(b, "至");
			sd_put_html(b, a1);
		}
		if (moved) {
			fg_buf_puts(b, "，现");
			sd_put_html(b, b0);
			if (j - i > 1) {
				fg_buf_puts(b, "至");
				sd_put_html(b, b1);
			}
			fg_buf_printf(b, "（条序变动 %zu 条）", moved);
		}
	}
	fg_buf_puts(b, " <a href=\"");
	put_compare_href(b, p->a, p->b, "all");
	fg_buf_printf(b, "#r%zu\">展开</a></td></tr>\n", i);
}

static void put_table(fg_buf *b, const fg_comparison *cmp, const cmp_args *p, int changes_only)
{
	fg_buf_puts(b, "<table class=\"compare compare-stack\">\n<thead><tr><th class=\"a\" scope=\"col\">旧版本</th>"
		       "<th class=\"change\" scope=\"col\">变化</th><th class=\"b\" scope=\"col\">新版本</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < cmp->nrows;) {
		if (!changes_only || fg_cmp_row_changed(&cmp->rows[i])) {
			put_row(b, cmp, i++);
			continue;
		}
		size_t j = i;
		while (j < cmp->nrows && !fg_cmp_row_changed(&cmp->rows[j]))
			j++;
		put_gap(b, cmp, i, j, p);
		i = j;
	}
	fg_buf_puts(b, "</tbody>\n</table>\n");
}

/* A link choosing among the versions of the rule of the document m. */
static void put_rule_link(fg_buf *b, const fg_meta *m)
{
	const char *keys[1] = {"id"}, *vals[1] = {m->id};
	fg_buf_puts(b, " <a class=\"rule-versions\" href=\"");
	sd_put_href(b, "/compare", keys, vals, 1, NULL, 0);
	fg_buf_puts(b, "\">选择《");
	sd_put_html(b, m->title);
	fg_buf_puts(b, "》的版本</a>");
}

/* The warnings of the pair, each with what to do (a link that swaps the sides when they are reversed). */
static void put_warnings(fg_buf *b, const fg_comparison *cmp)
{
	for (int bit = FG_CMP_SAME_DOC; bit <= FG_CMP_REVERSED; bit <<= 1) {
		if (!(cmp->warnings & bit))
			continue;
		char *msg = fg_cmp_warning_text(cmp, bit);
		fg_buf_printf(b, "<div class=\"warning\" role=\"alert\" data-code=\"%s\">", fg_cmp_warning_code(bit));
		sd_put_html(b, msg);
		if (bit == FG_CMP_REVERSED) {
			fg_buf_puts(b, " <a class=\"swap\" href=\"");
			put_compare_href(b, cmp->b->meta.id, cmp->a->meta.id, NULL);
			fg_buf_puts(b, "\">交换两边</a>");
		} else if (bit == FG_CMP_OTHER_RULE) {
			put_rule_link(b, &cmp->a->meta);
			put_rule_link(b, &cmp->b->meta);
		}
		fg_buf_puts(b, "</div>\n");
		free(msg);
	}
}

/* The comparison: both sides, warnings, counts, the 只看变化 / 全部条文 switch and the table. */
static void put_comparison(fg_buf *b, const fg_comparison *cmp, const cmp_args *p)
{
	int count[FG_CHANGE_RENUMBERED + 1] = {0};
	size_t changed = 0;
	for (size_t i = 0; i < cmp->nrows; i++) {
		count[cmp->rows[i].change]++;
		changed += fg_cmp_row_changed(&cmp->rows[i]);
	}
	/* 只看变化 unless asked otherwise, when most articles are unchanged */
	int changes_only = *p->view ? !strcmp(p->view, "changes") : 2 * changed < cmp->nrows;
	fg_buf_puts(b, "<section class=\"compare-result\">\n<div class=\"compare-sides\">\n");
	put_side(b, cmp->a, "a", "旧版本");
	put_side(b, cmp->b, "b", "新版本");
	fg_buf_puts(b, "</div>\n");
	put_warnings(b, cmp);
	fg_buf_printf(b, "<p class=\"summary\">修改 %d 条，新增 %d 条，删除 %d 条，条序变动 %d 条，未改 %d 条。</p>\n",
		      count[FG_CHANGE_MODIFIED], count[FG_CHANGE_ADDED], count[FG_CHANGE_DELETED],
		      count[FG_CHANGE_RENUMBERED], count[FG_CHANGE_SAME]);
	fg_buf_puts(b, "<nav class=\"compare-view\" aria-label=\"显示范围\">显示：");
	const char *names[2] = {"只看变化", "全部条文"}, *views[2] = {"changes", "all"};
	size_t counts[2] = {changed, cmp->nrows};
	for (int k = 0; k < 2; k++) {
		int current = k == !changes_only;
		if (current) {
			fg_buf_printf(b, "<strong aria-current=\"page\">%s（%zu 条）</strong>", names[k], counts[k]);
		} else {
			fg_buf_puts(b, "<a href=\"");
			put_compare_href(b, p->a, p->b, views[k]);
			fg_buf_printf(b, "\">%s（%zu 条）</a>", names[k], counts[k]);
		}
		fg_buf_puts(b, k ? "" : " · ");
	}
	fg_buf_puts(b, "</nav>\n");
	if (changes_only && !changed)
		put_notice(b, "notice", "两个版本的条文文字没有变化。");
	put_table(b, cmp, p, changes_only);
	fg_buf_puts(b, "</section>\n");
}

/* The comparison of p->a and p->b under the form choosing among the versions of a's rule. */
static unsigned page_pair(const sd_call *c, const cmp_args *p, fg_buf *h)
{
	fg_err err = {0};
	fg_comparison *cmp = NULL;
	fg_status st = fg_compare(c->s, p->a, p->b, &cmp, &err);
	if (st == FG_OK)
		st = fg_compare_versions(c->s, cmp, &err);
	if (st != FG_OK) {
		char msg[512];
		unsigned status = compare_failed(c->s, p, st, err.msg[0] ? err.msg : fg_status_str(st), msg, sizeof msg);
		put_notice(h, "error", msg);
		put_other_forms(h, p, 1);
		fg_comparison_free(cmp);
		return status;
	}
	if (cmp->nversions > 1 && !(cmp->warnings & FG_CMP_OTHER_RULE))
		put_pick_form(h, cmp->versions, cmp->nversions, p->a, p->b);
	put_other_forms(h, p, 0);
	put_comparison(h, cmp, p);
	fg_comparison_free(cmp);
	return 200;
}

/* The pair offered when one version is given: it and the next (for a), else the one before it and it. */
static void default_pair(const fg_version *v, size_t n, const char *one, int is_old, const char **a, const char **b)
{
	size_t k = 0;
	while (k + 1 < n && strcmp(v[k].id, one))
		k++;
	size_t o = k, w = k;
	if (is_old && k + 1 < n)
		w = k + 1;
	else if (k > 0)
		o = k - 1;
	else
		w = n > 1 ? 1 : 0;
	*a = v[o].id;
	*b = v[w].id;
}

static void put_versions_of(fg_buf *h, const fg_version *v, size_t n, const char *one, const cmp_args *p)
{
	if (n < 2) {
		fg_buf_puts(h, "<div class=\"notice\" role=\"status\">《<a href=\"");
		sd_put_doc_href(h, v[0].id, NULL);
		fg_buf_puts(h, "\">");
		sd_put_html(h, v[0].title);
		fg_buf_puts(h, "</a>》在库中只有这一个版本，没有可以对照的其他版本。可以输入另一部法规的名称。</div>\n");
		return;
	}
	put_notice(h, "notice", "请从下面选出旧版本和新版本，再点“对照”。");
	const char *a, *b;
	default_pair(v, n, one, *p->a != 0, &a, &b);
	put_pick_form(h, v, n, a, b);
}

/* Other rules with a name like the one typed, each a link choosing its versions. */
static void put_more_rules(fg_buf *h, const fg_suggestion *sg, size_t n)
{
	if (n < 2)
		return;
	fg_buf_puts(h, "<p class=\"more-rules\">名称相近的其他法规：");
	for (size_t i = 1; i < n; i++) {
		const char *keys[1] = {"id"}, *vals[1] = {sg[i].id};
		fg_buf_puts(h, i > 1 ? "、<a href=\"" : "<a href=\"");
		sd_put_href(h, "/compare", keys, vals, 1, NULL, 0);
		fg_buf_puts(h, "\">");
		sd_put_html(h, sg[i].title);
		fg_buf_puts(h, "</a>");
	}
	fg_buf_puts(h, "</p>\n");
}

/* Only one version given (a, b or id), or a rule's name: the form choosing two of its versions. */
static unsigned page_choose(const sd_call *c, const cmp_args *p, fg_buf *h)
{
	const char *one = *p->a ? p->a : *p->b ? p->b : p->id;
	fg_suggestion *sg = NULL;
	size_t nsg = 0;
	unsigned status = 200;
	if (!*one) {
		if (fg_suggest(c->s, p->name, 8, &sg, &nsg, NULL) != FG_OK || !nsg) {
			fg_buf m = {0};
			fg_buf_printf(&m, "没有找到名称含“%s”的法规。请换个写法（如“民事诉讼法”），或输入两个文件编号。", p->name);
			put_notice(h, "notice", m.data);
			fg_buf_free(&m);
			put_other_forms(h, p, 1);
			fg_suggestions_free(sg, nsg);
			return 200;
		}
		one = sg[0].id;
	}
	fg_version *v = NULL;
	size_t n = 0;
	fg_status st = fg_versions_list(c->s, one, &v, &n, NULL);
	if (st != FG_OK || !n) {
		fg_buf m = {0};
		fg_buf_printf(&m, "找不到编号为“%s”的文件。请检查编号，或输入法规名称，从它的版本列表中选择。", one);
		put_notice(h, "error", m.data);
		fg_buf_free(&m);
		status = st == FG_E_NOTFOUND ? 404 : sd_http_status(st);
	} else {
		put_versions_of(h, v, n, one, p);
	}
	put_more_rules(h, sg, nsg);
	put_other_forms(h, p, status != 200);
	fg_versions_free(v, n);
	fg_suggestions_free(sg, nsg);
	return status;
}

void sd_page_compare(const sd_call *c, sd_reply *out)
{
	cmp_args p;
	get_args(c, &p);
	fg_buf h = {0};
	sd_tool_page_start(&h, "新旧对照");
	fg_buf_puts(&h, "<main class=\"tool-page compare-page\">\n<h1>新旧对照</h1>\n");
	unsigned status = 200;
	const char *bad = bad_args(&p);
	if (bad) {
		status = 400;
		put_notice(&h, "error", bad);
		put_other_forms(&h, &p, 1);
	} else if (*p.a && *p.b) {
		status = page_pair(c, &p, &h);
	} else if (*p.a || *p.b || *p.id || *p.name) {
		status = page_choose(c, &p, &h);
	} else {
		fg_buf_puts(&h, "<p class=\"lead\">逐条对照同一法规的两个版本：改动的字句、新增和删除的条文、条序的变动。"
				"输入法规名称，再从它的版本中选出两个；文件页的“历史版本”里也有“新旧对照”链接。</p>\n");
		put_other_forms(&h, &p, 1);
	}
	fg_buf_puts(&h, "</main>\n");
	sd_page_end(&h);
	out->status = status;
	out->ctype = SD_CT_HTML;
	out->body = fg_buf_detach(&h);
}

static int load_events(const sd_call *c, sd_reply *out, fg_status_event **ev, size_t *n)
{
	fg_err err = {0};
	if (fg_events_load(c->cfg->index, ev, n, &err) != FG_OK) {
		sd_tool_error(out, 503, err.msg);
		return -1;
	}
	return 0;
}

void sd_api_changes(const sd_call *c, sd_reply *out)
{
	fg_status_event *ev = NULL;
	size_t n = 0;
	if (load_events(c, out, &ev, &n) != 0)
		return;
	out->status = 200;
	out->ctype = SD_CT_JSON;
	out->body = fg_changes_json(c->s, ev, n);
	fg_events_free(ev, n);
}

void sd_changes_atom(const sd_call *c, sd_reply *out)
{
	fg_status_event *ev = NULL;
	size_t n = 0;
	if (load_events(c, out, &ev, &n) != 0)
		return;
	/* absolute links need the host the client used: accept only host[:port] characters */
	const char *host = c->host && *c->host ? c->host : "localhost";
	int ok = strlen(host) < 256;
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		     *p == '-' || *p == ':' || *p == '[' || *p == ']';
	fg_buf base = {0};
	fg_buf_printf(&base, "http://%s", ok ? host : "localhost");
	out->status = 200;
	out->ctype = CT_ATOM;
	out->body = fg_changes_atom(c->s, ev, n, base.data);
	fg_buf_free(&base);
	fg_events_free(ev, n);
}
