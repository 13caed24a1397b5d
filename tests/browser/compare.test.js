// compare.test.js - the 新旧对照 page /compare in headless Chromium with
// JavaScript disabled, as a person uses it: from one version (?id=) choose
// the pair with the two <select>s, read the 只看变化 view, switch to 全部条文
// and back, follow a warning's link; at 1280 px old and new side by side, at
// 375 px old above new, neither scrolling sideways, no table cell narrower
// than two characters of its font. Screenshots compare-pick-1280.png,
// compare-1280.png, compare-375.png, compare-warning-375.png.
// Usage: node compare.test.js BASE_URL OUT_DIR USER_DATA_DIR
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

async function click(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

// Overflow, narrow cells, and where old and new sit in the first modified row.
function measure() {
	const out = { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, narrow: [] };
	for (const td of document.querySelectorAll('td, th')) {
		const r = td.getBoundingClientRect(), s = getComputedStyle(td);
		if (r.width === 0 || s.display === 'none' || !td.textContent.trim())
			continue;
		if (r.width < 2 * parseFloat(s.fontSize))
			out.narrow.push(td.textContent.trim().slice(0, 8) + ' ' + r.width.toFixed(0) + 'px');
	}
	const row = document.querySelector('tr.change-modified');
	if (row) {
		const a = row.querySelector('td.a').getBoundingClientRect(), b = row.querySelector('td.b').getBoundingClientRect();
		out.a = { top: a.top, bottom: a.bottom, left: a.left, width: a.width };
		out.b = { top: b.top, bottom: b.bottom, left: b.left, width: b.width };
	}
	return out;
}

function layout(m, where, stacked) {
	check(m.scroll <= m.width + 1, where + ': no horizontal scrolling (' + m.scroll + ' > ' + m.width + ')');
	check(m.narrow.length === 0, where + ': no table cell under two characters ' + m.narrow.join('; '));
	if (!check(m.a && m.b, where + ': a modified row'))
		return;
	if (stacked)
		check(m.b.top >= m.a.bottom - 1 && m.a.width > 0.8 * m.width, where + ': old above new, full width (' +
			JSON.stringify(m.a) + ' ' + JSON.stringify(m.b) + ')');
	else
		check(Math.abs(m.a.top - m.b.top) < 2 && m.b.left > m.a.left + m.a.width - 1, where + ': old beside new');
}

async function main() {
	const ctx = await launch(userDataDir);
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();

	// from one version: the form offers the pair, a person picks it and submits
	await page.goto(base + '/compare?id=SL-2023-0019');
	check(await page.locator('select[name=a] option').count() === 3, 'the three versions of 行政许可实施办法 are offered');
	await page.screenshot({ path: outDir + '/compare-pick-1280.png', fullPage: false });
	await page.goto(base + '/compare?id=SL-2021-0005');
	await page.locator('select[name=a]').selectOption('SL-2012-0003');
	await page.locator('select[name=b]').selectOption('SL-2021-0005');
	await click(page, page.locator('form.compare-pick button[type=submit]'));
	const url = new URL(page.url());
	check(url.searchParams.get('a') === 'SL-2012-0003' && url.searchParams.get('b') === 'SL-2021-0005',
		'the form compares the versions chosen: ' + page.url());
	check((await page.locator('nav.compare-view strong').innerText()).startsWith('只看变化'), '只看变化 is the default view');
	const changed = await page.locator('table.compare tbody tr:not(.gap)').count();
	check(await page.locator('tr.change-same').count() === 0 && await page.locator('tr.gap').count() > 0,
		'unchanged articles are folded: ' + changed + ' rows shown');
	check(await page.locator('del', { hasText: '二千' }).count() === 1 && await page.locator('ins', { hasText: '五千' }).count() === 1,
		'the fine is marked as whole numbers');
	layout(await page.evaluate(measure), '1280', false);
	await page.screenshot({ path: outDir + '/compare-1280.png', fullPage: false });

	await click(page, page.locator('nav.compare-view a', { hasText: '全部条文' }));
	const all = await page.locator('table.compare tbody tr').count();
	check(new URL(page.url()).searchParams.get('view') === 'all' && all === 31 && all > changed, '全部条文 shows all 31 rows');
	await click(page, page.locator('nav.compare-view a', { hasText: '只看变化' }));
	check(await page.locator('table.compare tbody tr:not(.gap)').count() === changed, 'back to 只看变化');

	// a phone: old above new
	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto(base + '/compare?a=SL-2012-0003&b=SL-2021-0005');
	check(await page.locator('table.compare thead').isHidden(), '375: the column heads are hidden');
	layout(await page.evaluate(measure), '375', true);
	await page.locator('tr.change-modified').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: outDir + '/compare-375.png', fullPage: false });
	await page.goto(base + '/compare?a=SL-2012-0003&b=SL-2021-0005&view=all');
	layout(await page.evaluate(measure), '375 全部条文', true);

	// reversed: the warning's link swaps the sides
	await page.goto(base + '/compare?a=SL-2021-0005&b=SL-2012-0003');
	check(await page.locator('.warning[data-code=reversed]').isVisible(), 'reversed versions: a warning');
	await page.screenshot({ path: outDir + '/compare-warning-375.png', fullPage: false });
	await click(page, page.locator('.warning a.swap'));
	check(new URL(page.url()).searchParams.get('a') === 'SL-2012-0003' && await page.locator('.warning').count() === 0,
		'交换两边 puts the older version first');
	await ctx.close();
	console.log(failed ? failed + ' compare browser checks failed' : 'compare: all browser checks passed');
	process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
