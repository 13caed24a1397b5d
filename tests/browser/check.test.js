// check.test.js - the citation check page /check in headless Chromium with
// JavaScript disabled: paste a text with planted citations and a date, submit
// the form, check the marks (one class per verdict, linked to the cited
// article), the table of verdicts, an error message, and save screenshots at
// 1280 and 375 px. Usage: node check.test.js BASE_URL OUT_DIR USER_DATA_DIR
'use strict';
const { launch } = require('./common');

const [base, outDir, userDataDir] = process.argv.slice(2);
const TEXT = '本合同依照《示例城镇供水管理样本条例》第五条订立。物业服务依照《示例省物业管理条例》第九十九条处理。\n' +
	'根据《示例省城市市容和环境卫生管理规定》第七条清扫。违反《示例省城市供水条例》第二十七条的，依法处罚。\n' +
	'《示例省生态环境保护条例》第三条所列情形；退出时间适用示例省物业管理条例第十七条；另见《示例省节约用水条例》第三条。';
let failed = 0;

function check(cond, msg) {
	console.log((cond ? 'ok   ' : 'FAIL ') + msg);
	if (!cond)
		failed++;
	return cond;
}

// Submit the form with text and date; wait for the answer page.
async function submit(page, text, date) {
	await page.goto(base + '/check');
	await page.locator('textarea[name=text]').fill(text);
	await page.locator('input[name=date]').fill(date);
	await Promise.all([page.waitForNavigation(), page.locator('form.check button[type=submit]').click()]);
}

// The page fits the viewport's width (no horizontal scrolling).
async function fits(page, width) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	return w <= width + 1;
}

async function main() {
	const ctx = await launch(userDataDir);
	ctx.setDefaultTimeout(10000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const problems = [];
	page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
	page.on('pageerror', (e) => problems.push(String(e)));
	page.on('response', (r) => { if (r.status() >= 500) problems.push(r.status() + ' ' + r.url()); });

	// The tools' header links the page.
	await page.goto(base + '/draft');
	await Promise.all([page.waitForNavigation(), page.locator('nav.site a', { hasText: '引用核对' }).click()]);
	check(new URL(page.url()).pathname === '/check', 'the header links 引用核对: ' + page.url());

	await submit(page, TEXT, '2021-06-01');
	check(new URL(page.url()).pathname === '/check', 'the form posts to /check');
	const marks = page.locator('.check-text mark.cite');
	check(await marks.count() === 7, 'seven citations marked: ' + await marks.count());
	for (const [cls, text] of [['cite-ok', '《示例城镇供水管理样本条例》第五条'], ['cite-no-article', '《示例省物业管理条例》第九十九条'],
		['cite-repealed', '《示例省城市市容和环境卫生管理规定》第七条'], ['cite-renumbered', '《示例省城市供水条例》第二十七条'],
		['cite-pending', '《示例省生态环境保护条例》第三条'], ['cite-ok', '示例省物业管理条例第十七条'],
		['cite-not-found', '《示例省节约用水条例》第三条']]) {
		const m = page.locator('.check-text mark.' + cls, { hasText: text });
		check(await m.count() === 1, text + ' is marked ' + cls);
	}
	const colors = await page.evaluate(() => [...document.querySelectorAll('.check-text mark.cite')]
		.map((m) => getComputedStyle(m).backgroundColor));
	check(new Set(colors).size >= 4, 'verdicts have their own colours: ' + [...new Set(colors)].join(' '));
	const rows = page.locator('table.check tbody tr');
	check(await rows.count() === 7, 'a table row per citation');
	const renum = page.locator('table.check tr.cite-renumbered');
	check((await renum.locator('.verdict').innerText()).includes('已修改，现为第二十六条'), 'the renumbered note');
	check((await renum.locator('td.current').innerText()).includes('五千元以上三万元以下'), 'the article in force is shown');
	await page.screenshot({ path: outDir + '/check.png', fullPage: true });

	// A marked citation opens the cited article on the document page.
	await Promise.all([page.waitForNavigation(), page.locator('.check-text mark.cite-renumbered a').click()]);
	const u = new URL(page.url());
	check(u.pathname === '/doc/SL-2012-0003' && /^#a\d+$/.test(u.hash), 'the mark links the cited article: ' + page.url());
	check(await page.locator(u.hash).count() === 1, 'the article anchor exists on the document page');

	// Phone width: the text, the form and the table fit.
	await page.setViewportSize({ width: 375, height: 740 });
	await submit(page, TEXT, '2021-06-01');
	check(await fits(page, 375), 'the results fit a phone screen');
	await page.screenshot({ path: outDir + '/check-phone.png', fullPage: true });

	// A bad date: the message in Chinese, the form keeps the text.
	await page.setViewportSize({ width: 1280, height: 900 });
	await submit(page, TEXT, '2021-02-30');
	check((await page.locator('.error').innerText()).includes('日期格式应为 YYYY-MM-DD'), 'a bad date is explained');
	check((await page.locator('textarea[name=text]').inputValue()) === TEXT, 'the form keeps the text');

	// the bad date's 400 is expected: Chromium logs it as a console error
	const other = problems.filter((p) => !/status of 400/.test(p));
	check(other.length === 0, 'no console errors or 5xx: ' + other.join('; '));
	await ctx.close();
}

main().then(() => {
	console.log(failed ? failed + ' browser checks failed' : 'browser (check): all checks passed');
	process.exit(failed ? 1 : 0);
}, (e) => {
	console.log('FAIL ' + (e && e.stack || e));
	process.exit(1);
});
