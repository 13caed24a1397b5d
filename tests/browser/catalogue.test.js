// catalogue.test.js - the catalogue page /catalogue and the change log page
// /changes in headless Chromium with JavaScript disabled: reach it from the
// tools' header, filter with the form, add a filter from a facet and remove
// it with its chip, page, sort, and check that both pages fit 1280 and 375 px
// without horizontal scrolling; screenshots catalogue.png and
// catalogue-phone.png. Usage: node catalogue.test.js BASE_URL OUT_DIR USER_DATA_DIR
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

// The page fits the viewport's width (no horizontal scrolling).
async function fits(page, width) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	return w <= width + 1;
}

async function click(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

async function main() {
	const ctx = await launch(userDataDir);
	ctx.setDefaultTimeout(10000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const problems = [];
	page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
	page.on('pageerror', (e) => problems.push(String(e)));
	page.on('response', (r) => { if (r.status() >= 500) problems.push(r.status() + ' ' + r.url()); });

	await page.goto(base + '/compare');
	await click(page, page.locator('nav.site a', { hasText: '目录' }));
	check(new URL(page.url()).pathname === '/catalogue', 'the header links 目录: ' + page.url());
	const total = await page.locator('table.catalogue tbody tr').count();
	check(total > 30, 'the table lists the catalogue: ' + total + ' rows');
	check(await fits(page, 1280), 'the page fits 1280 px');

	// the form: 地方性法规 in 示例省
	await page.locator('select[name=level]').selectOption('地方性法规');
	await page.locator('input[name=region]').fill('示例省');
	await click(page, page.locator('form.catalogue button[type=submit]'));
	const levels = await page.locator('table.catalogue td.level').allInnerTexts();
	check(levels.length === 12 && levels.every((l) => l === '地方性法规'), 'the form filters: ' + levels.length + ' 地方性法规');
	check((await page.locator('.summary').innerText()).includes('共 12 件'), 'the count');

	// a facet adds a filter, its chip removes it
	await click(page, page.locator('section.facet[data-facet=status] a', { hasText: '已修改' }));
	check(await page.locator('table.catalogue tbody tr').count() === 2, 'the status facet narrows to two rules');
	const chip = page.locator('.filters a.chip', { hasText: '时效性：已修改' });
	check(await chip.count() === 1, 'a chip shows the facet filter');
	await click(page, chip);
	check(await page.locator('table.catalogue tbody tr').count() === 12, 'the chip removes it');

	// sorting by title, then the first row opens its document
	await click(page, page.locator('table.catalogue th a', { hasText: '标题' }));
	check(new URL(page.url()).searchParams.get('sort') === 'title', 'the title head sorts by title');
	await page.screenshot({ path: outDir + '/catalogue.png', fullPage: true });
	const first = page.locator('table.catalogue td.title a').first();
	const title = await first.innerText();
	await click(page, first);
	check(new URL(page.url()).pathname.startsWith('/doc/') && (await page.locator('h1').innerText()).includes(title),
		'a title opens its document: ' + title);

	// paging at 10 a page
	await page.goto(base + '/catalogue?limit=10');
	check(await page.locator('table.catalogue tbody tr').count() === 10, 'ten rows a page');
	await click(page, page.locator('.pager a[rel=next]'));
	check(new URL(page.url()).searchParams.get('offset') === '10', 'the next page');

	// phone width: the form, the table (as cards) and the change log fit
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto(base + '/catalogue?limit=10');
	check(await fits(page, 375), 'the catalogue fits 375 px');
	await page.screenshot({ path: outDir + '/catalogue-phone.png', fullPage: true });
	await page.goto(base + '/changes');
	check(await fits(page, 375), 'the change log fits 375 px');
	check((await page.locator('main').innerText()).includes('变更记录'), 'the change log page');

	check(problems.length === 0, 'no console errors or 5xx: ' + problems.join('; '));
	await ctx.close();
}

main().then(() => {
	console.log(failed ? failed + ' browser checks failed' : 'browser (catalogue): all checks passed');
	process.exit(failed ? 1 : 0);
}, (e) => {
	console.log('FAIL ' + (e && e.stack || e));
	process.exit(1);
});
