// common.js - what the browser tests share: Debian's chromium, headless, with
// JavaScript disabled (no page needs it), at 1280 x 900 in zh-CN, its profile
// in userDataDir, without background traffic.
'use strict';
const { chromium } = require('playwright-core');

async function launch(userDataDir) {
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		javaScriptEnabled: false,
		viewport: { width: 1280, height: 900 },
		locale: 'zh-CN',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

module.exports = { launch };
