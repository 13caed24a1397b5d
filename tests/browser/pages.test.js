// pages.test.js - every page of fagui-searchd at 1280 and 375 px in headless
// Chromium with JavaScript disabled, measured on the rendered page: it loads
// (the expected status), it has no horizontal overflow, the site header links
// every work tool, every header link and every visible text reaches a contrast
// of 4.5:1 against its background (WCAG AA), and no table cell is narrower
// than two characters of its font. Screenshots NAME-1280.png / NAME-375.png
// go to OUT_DIR. Usage: node pages.test.js BASE_URL OUT_DIR USER_DATA_DIR
'use strict';
const { launch } = require('./common');

const [base, outDir, userDataDir] = process.argv.slice(2);
let failed = 0;

function check(cond, msg) {
	console.log((cond ? 'ok   ' : 'FAIL ') + msg);
	if (!cond)
		failed++;
	return cond;
}

const HEADER = ['/', '/catalogue', '/cleanup', '/draft', '/check', '/compare', '/impact', '/changes'];

// Measured in the page: overflow, header links and their contrast, text
// contrast, narrow table cells. Colours are composed over the first opaque
// background up the tree (the page is flat colours, no images under text).
function measure(header) {
	function rgba(s) {
		const m = s.match(/rgba?\(([^)]+)\)/);
		if (!m)
			return [0, 0, 0, 0];
		const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
		return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
	}
	function lum(c) {
		const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
	}
	function background(el) {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = rgba(getComputedStyle(e).backgroundColor);
			if (c[3] > 0)
				layers.push(c);
			if (c[3] >= 1)
				break;
		}
		let out = [255, 255, 255];
		for (let i = layers.length - 1; i >= 0; i--) {
			const [r, g, b, a] = layers[i];
			out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
		}
		return out;
	}
	function contrast(el) {
		const fg = rgba(getComputedStyle(el).color), bg = background(el);
		const a = fg[3], mix = [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a)];
		const l1 = lum(mix), l2 = lum(bg);
		return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
	}
	function visible(el) {
		const r = el.getBoundingClientRect(), s = getComputedStyle(el);
		return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
	}
	const out = { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth };
	const nav = document.querySelector('header.top nav.site');
	const links = nav ? [...nav.querySelectorAll('a')] : [];
	out.missing = header.filter((h) => !links.some((a) => a.getAttribute('href') === h));
	out.navLow = links.filter((a) => contrast(a) < 4.5).map((a) => a.textContent + ' ' + contrast(a).toFixed(2));
	const low = [];
	for (const el of document.querySelectorAll('body *')) {
		if (!visible(el) || el.closest('mark, ins, del, option, select, input, textarea, button'))
			continue;
		const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
		if (!own)
			continue;
		const c = contrast(el);
		if (c < 4.5)
			low.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 12) + '" ' + c.toFixed(2));
	}
	out.textLow = low.slice(0, 5);
	out.nlow = low.length;
	const narrow = [];
	for (const td of document.querySelectorAll('td, th')) {
		if (!visible(td) || !td.textContent.trim())
			continue;
		const fs = parseFloat(getComputedStyle(td).fontSize);
		if (td.getBoundingClientRect().width < 2 * fs)
			narrow.push(td.textContent.trim().slice(0, 10) + ' ' + td.getBoundingClientRect().width.toFixed(0) + 'px');
	}
	out.narrow = narrow.slice(0, 5);
	return out;
}

async function main() {
	const ctx = await launch(userDataDir);
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();

	// ids from the API: a hit with an article, a rule with versions
	const api = async (path) => (await page.request.get(base + path)).json();
	const hit = (await api('/api/search?q=' + encodeURIComponent('罚款') + '&limit=1')).hits[0];
	const pages = [
		['home', '/', 200],
		['search', '/search?q=' + encodeURIComponent('罚款'), 200],
		['search-doc', '/search?q=' + encodeURIComponent('许可') + '&unit=doc&status=' + encodeURIComponent('现行有效'), 200],
		['search-error', '/search?q=' + encodeURIComponent('罚款)'), 400],
		['search-empty', '/search?q=' + encodeURIComponent('zzqqxxyy'), 200],
		['doc', hit.url.replace(/#.*/, '') + '#a' + hit.article_index, 200],
		['doc-missing', '/doc/no-such-document', 404],
		['catalogue', '/catalogue', 200],
		['changes', '/changes', 200],
		['cleanup', '/cleanup', 200],
		['draft', '/draft', 200],
		['check', '/check', 200],
		['compare', '/compare?a=SL-2012-0003&b=SL-2021-0005', 200],
		['compare-form', '/compare', 200],
		['impact', '/impact?id=SL-2021-0005', 200],
		['not-found', '/no/such/page', 404],
	];
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		for (const [name, path, status] of pages) {
			const resp = await page.goto(base + path);
			const where = name + ' @' + width;
			check(resp && resp.status() === status, where + ': HTTP ' + (resp && resp.status()) + ', want ' + status);
			const m = await page.evaluate(measure, HEADER);
			check(m.scroll <= m.width + 1, where + ': no horizontal overflow (' + m.scroll + ' > ' + m.width + ')');
			check(m.missing.length === 0, where + ': header links ' + (m.missing.join(' ') || 'all present'));
			check(m.navLow.length === 0, where + ': header link contrast >= 4.5 ' + m.navLow.join('; '));
			check(m.nlow === 0, where + ': text contrast >= 4.5 (' + m.nlow + ' below: ' + m.textLow.join('; ') + ')');
			check(m.narrow.length === 0, where + ': table cells at least two characters wide ' + m.narrow.join('; '));
			await page.screenshot({ path: outDir + '/' + name + '-' + width + '.png', fullPage: false });
		}
	}
	// the draft form and the citation check answer a POST; the results pages too
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		for (const [name, path, field] of [['draft-result', '/draft', 'text'], ['check-result', '/check', 'text']]) {
			await page.goto(base + path);
			await page.locator('textarea[name=' + field + ']').fill('第一条 违反本办法规定的，由县级以上人民政府处五千元以上一万元以下罚款。依据《示例省水资源管理条例》第十条。');
			await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
			const where = name + ' @' + width;
			const m = await page.evaluate(measure, HEADER);
			check(m.scroll <= m.width + 1, where + ': no horizontal overflow (' + m.scroll + ' > ' + m.width + ')');
			check(m.nlow === 0, where + ': text contrast >= 4.5 (' + m.nlow + ' below: ' + m.textLow.join('; ') + ')');
			check(m.narrow.length === 0, where + ': table cells at least two characters wide ' + m.narrow.join('; '));
			await page.screenshot({ path: outDir + '/' + name + '-' + width + '.png', fullPage: false });
		}
	}
	await ctx.close();
	console.log(failed ? failed + ' browser checks failed' : 'pages: all browser checks passed');
	process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
