import { expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
	DEMO_PASSWORD,
	expectNoAxeViolations,
	htmlLangDir,
	logIn,
	openPage,
	signUp,
	smallPhone,
	test
} from './helpers';

/** Reads the QR code on the invite card the way a phone camera would: from the pixels. */
async function readQr(page: Page): Promise<string | null> {
	const png = PNG.sync.read(await page.locator('.card-print svg').screenshot());
	return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

test('a resident with JavaScript off, on a 360 px phone, in Arabic, joins with a QR invite card from an association, logs out and in again', async ({
	browser,
	baseURL
}) => {
	// The association's coordinator makes a single-use code whose card speaks Arabic.
	const { context: coordinator, page: staff } = await openPage(browser, baseURL!, { as: 'demo-coordinator' });
	await staff.goto('/o/de-brug-demo?lang=nl');
	await staff.locator('#invite-uses').fill('1');
	await staff.locator('#invite-days').fill('14');
	await staff.locator('#invite-label').fill('Bijeenkomst in de buurt');
	await staff.locator('#invite-locale').selectOption('ar');
	await staff.getByRole('button', { name: 'Code maken' }).click();
	await expect(staff).toHaveURL(/\/invites\/\d+$/);
	await expectNoAxeViolations(staff);
	const joinUrl = await readQr(staff);
	expect(joinUrl, 'the QR code on the card can be read').toMatch(/\/join\?code=[A-Z0-9]{4}-[A-Z0-9]{4}&lang=ar$/);
	expect(await staff.locator('.card-print').getAttribute('dir')).toBe('rtl');
	await coordinator.close();

	// The resident scans it: a cheap phone, JavaScript off.
	const { context: phone, page } = await openPage(browser, baseURL!, {
		javaScriptEnabled: false,
		viewport: smallPhone
	});
	await page.goto(joinUrl!);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	const code = new URL(joinUrl!).searchParams.get('code')!;
	await expect(page.locator('#join-code')).toHaveValue(code);
	await expect(page.locator('main')).toContainText('Buurtwerk De Brug (demo)');
	// (axe needs JavaScript in the page, so these pages are checked with it on in the sweep below.)

	// A name of its own per run, so the test can be repeated on the same database (--repeat-each).
	const name = `سارة ${Date.now().toString(36).slice(-4)}`;
	await page.locator('#join-name').fill(name);
	await page.locator('#join-password').fill('شمس الصباح جميلة');
	await page.locator('main button[type="submit"]').click();
	// They land on the consultation, welcomed as a member, with where to start.
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede\?joined=de-brug-demo$/);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	await expect(page.locator('.welcome')).toContainText('Buurtwerk De Brug (demo)');
	await page.goto('/account');
	await expect(page.locator('#memberships-heading + ul')).toContainText('Buurtwerk De Brug (demo)');
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

	// Logs out with the header button (a form: it works without JavaScript)...
	await page.locator('form[action="/logout"] button').click();
	await expect(page).toHaveURL(/\/\?loggedOut=1$/);
	await expect(page.locator('a[href="/login"]').first()).toBeVisible();

	// ...and logs in again, still in Arabic.
	await page.goto('/login');
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill('شمس الصباح جميلة');
	await page.locator('main button[type="submit"]').click();
	// A participant lands on the one open consultation; their memberships are on the account page.
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede$/);
	await page.goto('/account');
	await expect(page.locator('#memberships-heading + ul')).toContainText('Buurtwerk De Brug (demo)');

	// The single-use code is now used up, with a plain message.
	const { context: other, page: second } = await openPage(browser, baseURL!, { javaScriptEnabled: false });
	await second.goto(`/join?code=${code}&lang=nl`);
	await expect(second.locator('main .notice')).toContainText('al gebruikt');
	await phone.close();
	await other.close();
});

test('bad input on sign-up gets a plain message per field, keeps what was typed, and creates nothing', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false });
	await page.goto('/join?lang=nl');
	await page.locator('#join-name').fill('<b>Jan</b>');
	await page.locator('#join-password').fill('kort');
	await page.locator('#join-code').fill('ZZZZ-ZZZZ');
	await page.locator('#join-email').fill('geen adres');
	await page.locator('main button[type="submit"]').click();

	const summary = page.locator('.error-summary');
	await expect(summary).toBeVisible();
	await expect(summary.locator('a')).toHaveCount(4);
	await expect(summary.locator('a[href="#join-name"]')).toContainText('letters');
	await expect(page.locator('#join-name')).toHaveValue('<b>Jan</b>');
	await expect(page.locator('#join-code')).toHaveValue('ZZZZ-ZZZZ');
	await expect(page.locator('#join-email')).toHaveValue('geen adres');
	await expect(page.locator('#join-password')).toHaveValue('');
	await expect(page.locator('#join-name')).toHaveAttribute('aria-invalid', 'true');
	const describedBy = (await page.locator('#join-name').getAttribute('aria-describedby')) ?? '';
	expect(describedBy.split(' ')).toContain('join-name-error');
	// Markup typed as a name is shown as text, never as HTML.
	await expect(page.locator('main b')).toHaveCount(0);

	// A taken name, written differently, is refused with a suggestion.
	await page.locator('#join-name').fill('Demo-Bewoner');
	await page.locator('#join-password').fill('een lange zin');
	await page.locator('#join-code').fill('');
	await page.locator('#join-email').fill('');
	await page.locator('main button[type="submit"]').click();
	await expect(page.locator('#join-name-error')).toContainText('al in gebruik');
	await expect(page.locator('#join-name-error')).toContainText('Demo-Bewoner ');

	// A name that imitates staff is refused.
	await page.locator('#join-name').fill('Moderat0r Els');
	await page.locator('#join-password').fill('een lange zin');
	await page.locator('main button[type="submit"]').click();
	await expect(page.locator('#join-name-error')).toContainText('beheerder');
});

test('a forged session cookie is ignored and removed', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	await context.addCookies([{ name: 'session', value: 'a'.repeat(32), url: baseURL! }]);
	const page = await context.newPage();
	const response = await page.goto('/account');
	expect(response?.ok()).toBe(true);
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	expect((await context.cookies()).find((c) => c.name === 'session')).toBeUndefined();
	await context.close();
});

test('a form posted from another site is refused by the origin check', async ({ request }) => {
	const response = await request.post('/login', {
		headers: {
			origin: 'https://evil.example',
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		data: 'displayName=demo-beheerder&password=demo-samenspraak'
	});
	expect(response.status()).toBe(403);
});

test('a participant who tries a staff page or posts a staff form gets 403 and nothing changes', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { as: 'demo-bewoner' });
	const adminPage = await page.goto('/admin');
	expect(adminPage?.status()).toBe(403);
	const usersPage = await page.goto('/admin/users');
	expect(usersPage?.status()).toBe(403);

	const before = await page.request.get('/o/de-brug-demo');
	expect(before.status()).toBe(200);
	const post = await page.request.post('/admin?/organisation', {
		headers: { origin: baseURL!, accept: 'application/json' },
		form: { name: 'Stiekeme vereniging', kind: 'civil_society', description: '' }
	});
	expect(await post.text()).toContain('403');
	const created = await page.request.get('/o/stiekeme-vereniging');
	expect(created.status()).toBe(404);
	await context.close();
});

test('an administrator grants and removes a role and the experience-expert badge', async ({ pageWith }) => {
	const page = await pageWith({ javaScriptEnabled: false, as: 'demo-beheerder' });
	await page.goto('/admin/users?q=demo-ervaring');
	const row = page.locator('.users li', { hasText: 'demo-ervaringsdeskundige' });
	await row.locator('select').selectOption('moderator');
	await row.getByRole('button', { name: /Rol opslaan/ }).click();
	await expect(page.locator('.users li', { hasText: 'demo-ervaringsdeskundige' })).toContainText('moderator');
	// Back on the list, at a clean address: without the form action's name (`?%2Frole=`).
	await expect(page).toHaveURL(/\/admin\/users\?saved=role$/);
	await page
		.locator('.users li', { hasText: 'demo-ervaringsdeskundige' })
		.locator('select')
		.selectOption('participant');
	await page
		.locator('.users li', { hasText: 'demo-ervaringsdeskundige' })
		.getByRole('button', { name: /Rol opslaan/ })
		.click();
	await expect(page.locator('.users li', { hasText: 'demo-ervaringsdeskundige' })).toContainText('deelnemer');

	// demo-ervaringsdeskundige holds the badge: take it away, then give it back.
	const expert = () => page.locator('.users li', { hasText: 'demo-ervaringsdeskundige' });
	await expect(expert().locator('.badge', { hasText: 'ervaringsdeskundige (nagekeken)' })).toHaveCount(1);
	await expert()
		.getByRole('button', { name: /Neem badge/ })
		.click();
	await expect(expert().locator('.badge', { hasText: 'ervaringsdeskundige (nagekeken)' })).toHaveCount(0);
	await expert()
		.getByRole('button', { name: /Geef badge/ })
		.click();
	await expect(expert().locator('.badge', { hasText: 'ervaringsdeskundige (nagekeken)' })).toHaveCount(1);
});

for (const locale of ['nl', 'ar'] as const) {
	test(`account pages in ${locale}: no WCAG 2.2 A/AA violation and no horizontal scrolling at 360 px`, async ({
		pageWith
	}) => {
		const page = await pageWith({ viewport: smallPhone, lang: locale });
		for (const path of ['/join', '/login', '/reset']) {
			await page.goto(path);
			await expectNoAxeViolations(page);
		}
		// An error summary must be accessible too.
		await page.goto('/join');
		await page.locator('main button[type="submit"]').click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectNoAxeViolations(page);

		await logIn(page, 'demo-beheerder');
		for (const path of ['/account', '/admin', '/admin/users', '/o/de-brug-demo']) {
			await page.goto(path);
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
			await expectNoAxeViolations(page);
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
				path
			).toBeLessThanOrEqual(0);
		}
	});
}

test('what someone types on a slow phone before the scripts arrive is kept when they do', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!);
	// A slow connection: the page's scripts arrive 1.5 s after its HTML.
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.locator('#login-name').fill('demo-bewoner');
	await page.locator('#login-password').fill(DEMO_PASSWORD);
	await page.waitForLoadState('networkidle');
	await expect(page.locator('#login-name')).toHaveValue('demo-bewoner');
	await expect(page.locator('#login-password')).toHaveValue(DEMO_PASSWORD);
	await page.locator('main button[type="submit"]').click();
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede$/);

	// The same for a comment box, and for a text box already holding text (the summary editor's).
	await page.goto('/c/gekleurde-armoede/20', { waitUntil: 'domcontentloaded' });
	await page.locator('#comment-body').fill('Getypt voor de scripts er waren');
	await page.waitForLoadState('networkidle');
	await expect(page.locator('#comment-body')).toHaveValue('Getypt voor de scripts er waren');
	await context.close();

	const { context: moderator, page: staffPage } = await openPage(browser, baseURL!, { as: 'demo-moderator' });
	await staffPage.goto('/c/gekleurde-armoede/20/summary');
	await staffPage.locator('#voices').fill('Bewaarde werktekst');
	await staffPage.locator('button[name="publish"][value="0"]').click();
	await expect(staffPage.locator('.notice-success')).toBeVisible();
	await staffPage.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await staffPage.goto('/c/gekleurde-armoede/20/summary', { waitUntil: 'domcontentloaded' });
	await expect(staffPage.locator('#voices')).toHaveValue('Bewaarde werktekst');
	await staffPage.locator('#mainPoints').fill('Getypt voor de scripts er waren');
	await staffPage.waitForLoadState('networkidle');
	await expect(staffPage.locator('#mainPoints')).toHaveValue('Getypt voor de scripts er waren');
	await expect(staffPage.locator('#voices')).toHaveValue('Bewaarde werktekst');
	await moderator.close();
});

test('a profile with a bad email address keeps everything that was typed, the mail box included, without JavaScript', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false });
	await signUp(page, `Profiel ${Date.now().toString(36).slice(-5)}`);
	await page.goto('/account');
	const box = page.locator('input[name="emailNotifications"]');
	await expect(box).not.toBeChecked();
	await page.locator('#profile-email').fill('geen-adres');
	await box.check();
	await page.locator('form[action="?/profile"] button[type="submit"]').click();
	await expect(page.locator('.error-summary')).toBeVisible();
	await expect(page.locator('#profile-email-error')).toContainText('geen geldig e-mailadres');
	await expect(page.locator('#profile-email')).toHaveValue('geen-adres');
	await expect(box).toBeChecked();
});

test('a participant downloads their data as JSON and deletes their account, without JavaScript', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false, acceptDownloads: true });
	// The password is typed again below: after the deletion it no longer opens the account.
	await signUp(page, 'Tijdelijke Tester', 'nl', 'een lange zin');
	await page.goto('/account');

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download mijn gegevens' }).click();
	const file = await download;
	const data = JSON.parse(
		await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))
	);
	expect(data.account.displayName).toBe('Tijdelijke Tester');

	await page.locator('#delete-keep').check();
	await page.locator('#delete-confirm').fill('Tijdelijke Tester');
	await page.getByRole('button', { name: 'Wis mijn account' }).click();
	await expect(page).toHaveURL(/\/\?deleted=1$/);
	await expect(page.locator('[role="status"]')).toContainText('gewist');

	await page.goto('/login');
	await page.locator('#login-name').fill('Tijdelijke Tester');
	await page.locator('#login-password').fill('een lange zin');
	await page.locator('main button[type="submit"]').click();
	await expect(page.locator('#login-password-error')).toBeVisible();
});
