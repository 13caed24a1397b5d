// search.test.js - drive the fagui-searchd pages in headless Chromium with
// JavaScript disabled (the pages must work without it): type a query, submit,
// check highlights, apply a facet, open a result at its article, and save
// screenshots. Usage: node search.test.js BASE_URL OUT_DIR USER_DATA_DIR
'use strict';
const { launch } = require('./common');

const [base, outDir, userDataDir] = process.argv.slice(2);
const QUERY = '行政许可';
let failed = 0;

function check(cond, msg) {
	if (cond) {
		console.log('ok   ' + msg);
	} else {
		console.log('FAIL ' + msg);
		failed++;
	}
	return cond;
}

async function main() {
	const ctx = await launch(userDataDir);
	ctx.setDefaultTimeout(10000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const problems = [];
	page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
	page.on('pageerror', (e) => problems.push(String(e)));
	page.on('response', (r) => { if (r.status() >= 500) problems.push(r.status() + ' ' + r.url()); });

	// Home page: one search box; type and submit with Enter.
	const home = await page.goto(base + '/');
	check(home.status() === 200, 'home page loads');
	check(await page.locator('form.search input[name=q]').count() === 1, 'one search box');
	await page.locator('input[name=q]').fill(QUERY);
	await Promise.all([page.waitForURL(/\/search\?/), page.locator('input[name=q]').press('Enter')]);
	const url = new URL(page.url());
	check(url.pathname === '/search' && url.searchParams.get('q') === QUERY, 'form submits q to /search');
	check(await page.locator('input[name=q]').inputValue() === QUERY, 'the box keeps the query');
	const summary = await page.locator('.summary').innerText();
	const m = /共 (\d+) 条结果，用时 \d+ 毫秒/.exec(summary);
	check(m && Number(m[1]) > 0, 'summary shows total and time: ' + summary);
	const hits = page.locator('.hitlist > li.hit');
	const nhits = await hits.count();
	check(nhits > 0 && nhits <= 10, 'results listed: ' + nhits);
	const marks = await page.locator('.hit .snippet mark').allInnerTexts();
	check(marks.length > 0, 'snippets have <mark> highlights (' + marks.length + ')');
	check(marks.some((t) => QUERY.includes(t) || t.includes(QUERY)), 'a highlight is the query: ' + marks.slice(0, 3).join('|'));
	const badgeColor = await page.locator('.hit .badge').first().getAttribute('class');
	check(/badge-(ok|old|pending)/.test(badgeColor || ''), 'status badge: ' + badgeColor);

	// A facet link keeps the query and filters the results.
	const facetLinks = page.locator('section.facet[data-facet="level"] li:not(.active) a');
	check(await facetLinks.count() > 0, 'level facet has values');
	const facetText = (await facetLinks.last().innerText()).trim();
	const level = facetText.replace(/\s*\d+\s*$/, '');
	const facetCount = Number((/(\d+)\s*$/.exec(facetText) || [0, 0])[1]);
	await Promise.all([page.waitForURL(/level=/), facetLinks.last().click()]);
	const furl = new URL(page.url());
	check(furl.searchParams.get('level') === level && furl.searchParams.get('q') === QUERY,
		'facet link sets level=' + level + ' and keeps q');
	const metas = await page.locator('.hit .meta').allInnerTexts();
	check(metas.length > 0 && metas.every((t) => t.includes(level)), 'every filtered hit has level ' + level);
	const fsum = await page.locator('.summary').innerText();
	const fm = /共 (\d+) 条结果/.exec(fsum);
	// The facet count is exact for a strict match; a relaxed one (too few strict matches) may find more.
	const relaxed = await page.locator('.summary .relaxed').count() > 0;
	check(fm && (relaxed ? Number(fm[1]) >= facetCount : Number(fm[1]) === facetCount),
		'filtered total matches the facet count ' + facetCount + ': ' + fsum);
	check(await page.locator('section.facet[data-facet="level"] li.active').count() === 1, 'active facet marked');
	await page.screenshot({ path: outDir + '/search.png', fullPage: true });

	// Open the first result: the document page is at the article of the hit.
	const first = page.locator('.hit h2 a').first();
	const href = await first.getAttribute('href');
	const want = (/#(a\d+)$/.exec(href) || [])[1];
	check(Boolean(want), 'result link points at an article: ' + href);
	await Promise.all([page.waitForURL(/\/doc\//), first.click()]);
	const durl = new URL(page.url());
	check(durl.hash === '#' + want, 'location.hash is #' + want + ': ' + durl.hash);
	const target = page.locator('#' + want);
	check(await target.count() === 1, 'the anchored article element exists');
	const label = (await target.innerText()).trim();
	check(/^第[一二三四五六七八九十百千零〇两\d]+条/.test(label) || label.length > 0, 'anchor starts the article: ' + label.slice(0, 20));
	const box = await target.boundingBox();
	check(box && box.y >= -2 && box.y < 900, 'the article is scrolled into view (y=' + (box && Math.round(box.y)) + ')');
	check(await page.locator('.body mark').count() > 0, 'document page highlights the query');
	check(await page.locator('table.docmeta th').count() === 8, 'metadata table has 8 rows');
	await page.screenshot({ path: outDir + '/doc.png' });

	// Phone width: no horizontal scrolling on the results page.
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto(base + '/search?q=' + encodeURIComponent(QUERY));
	const width = await page.locator('body').boundingBox();
	check(width && width.width <= 376, 'results page fits a phone screen (body ' + (width && width.width) + 'px)');
	await page.screenshot({ path: outDir + '/search-phone.png' });

	// Rule look-up: the rule card above the hits, its versions linked; 您要找的是不是 for a typo.
	await page.setViewportSize({ width: 1280, height: 900 });
	const RULE = '示例省城市供水条例';
	await page.goto(base + '/search?q=' + encodeURIComponent(RULE));
	const card = page.locator('section.rule-card');
	check(await card.count() === 1, 'a rule card for ' + RULE);
	check((await card.locator('h2').innerText()).trim() === RULE, 'the card shows the rule title');
	check(await card.locator('.badge').count() === 1, 'the card has a status badge');
	const firstHit = (await page.locator('li.hit h2').first().innerText()).trim();
	check(firstHit === RULE, 'the named rule is the first hit: ' + firstHit);
	const cardBox = await card.boundingBox(), hitBox = await page.locator('li.hit').first().boundingBox();
	check(cardBox && hitBox && cardBox.y < hitBox.y, 'the card is above the hits');
	await page.screenshot({ path: outDir + '/rule-card.png' });
	await Promise.all([page.waitForNavigation(), card.locator('a', { hasText: '2012-05-30' }).click()]);
	check(new URL(page.url()).pathname === '/doc/SL-2012-0003', 'the card links the 2012 version: ' + page.url());
	await page.goto(base + '/search?q=' + encodeURIComponent('示例省城市供水条列'));
	const dym = page.locator('.did-you-mean a');
	check(await dym.count() === 1 && (await dym.innerText()).trim() === RULE, '您要找的是不是 offers ' + RULE);
	await Promise.all([page.waitForNavigation(), dym.click()]);
	check(new URL(page.url()).searchParams.get('q') === RULE, 'the suggestion searches the rule: ' + page.url());
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto(base + '/search?q=' + encodeURIComponent(RULE));
	const cardPhone = await page.locator('section.rule-card').boundingBox();
	check(cardPhone && cardPhone.x >= 0 && cardPhone.x + cardPhone.width <= 376, 'the rule card fits a phone screen');
	await page.screenshot({ path: outDir + '/rule-card-phone.png' });

	check(problems.length === 0, 'no console errors or 5xx: ' + problems.join('; '));
	await ctx.close();
}

main().then(() => {
	console.log(failed ? failed + ' browser checks failed' : 'browser: all checks passed');
	process.exit(failed ? 1 : 0);
}, (e) => {
	console.log('FAIL ' + (e && e.stack || e));
	process.exit(1);
});
