import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const [, , name, path, js, y, h] = process.argv;
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: js === '1' });
const page = await ctx.newPage();
await page.goto('http://localhost:4173' + path);
await page.screenshot({
	path: `/tmp/${name}.png`,
	fullPage: true,
	clip: { x: 0, y: Number(y), width: 360, height: Number(h) }
});
await browser.close();
