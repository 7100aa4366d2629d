import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { expect } from '@playwright/test';
import { exportFormats } from '../../src/lib/domain';
import { consultationPath, expectNoAxeViolations, exportBody, smallPhone, test } from './helpers';
import { arabicPosition } from './engine-fixtures.mjs';

/*
 * Collective positions (issue 13, done-when): a coordinator of "Buurtwerk De Brug (demo)" drafts a
 * position on a phone with JavaScript off, a member reads the draft and leaves a remark, the second
 * coordinator signs it off; the position shows on the thread with its mandate and on the association's
 * page, and the dashboard and every file carry it (the votes are left alone). The same flow in Arabic
 * with JavaScript on, on another recommendation (the tests run in parallel). axe on the new pages.
 */

const org = { slug: 'de-brug-demo', name: 'Buurtwerk De Brug (demo)' };
const editorPath = (number: number) => `${consultationPath}/${number}/positions/${org.slug}`;

test('a coordinator drafts a position on recommendation 1, a member remarks, a second coordinator signs it off, and it shows everywhere (360 px, JavaScript off)', async ({
	pageWith
}) => {
	test.setTimeout(180_000);
	const phone = { javaScriptEnabled: false, viewport: smallPhone };
	const explanation = 'Wij steunen basiswerkingen. Voorwaarde: geld voor minstens vijf jaar.';

	// The coordinator finds the association's position page from the thread.
	const c = await pageWith({ ...phone, as: 'demo-coordinator' });
	await c.goto(`${consultationPath}/1`);
	await expect(c.locator('#positions h2')).toHaveText('Wat verenigingen zeggen');
	await c
		.locator('#positions')
		.getByRole('link', { name: `Standpunt van ${org.name}: schrijven of nakijken` })
		.click();
	await expect(c).toHaveURL(new RegExp(`${editorPath(1)}$`));

	// A form without a stance and a date: told what to fix, and what was typed is kept.
	await c.locator('#explanation').fill(explanation);
	await c.locator('#membersTakingPart').fill('14');
	await c.getByRole('button', { name: 'Ontwerp bewaren' }).click();
	await expect(c.locator('.error-summary')).toContainText('Kies wat de vereniging vindt.');
	await expect(c.locator('.error-summary')).toContainText('Vul een datum in');
	await expect(c.locator('#explanation')).toHaveValue(explanation);

	await c.locator('#stance-agrees_with_conditions').check();
	await c.locator('#mandate-members_meeting').check();
	await c.locator('#decidedOn').fill('2026-03-03');
	await c.getByRole('button', { name: 'Ontwerp bewaren' }).click();
	await expect(c).toHaveURL(/\?saved=draft$/);
	await expect(c.locator('.notice-success')).toHaveText('Het ontwerp is bewaard. De leden kunnen het nu lezen.');
	await expect(c.getByText('Jij schreef dit ontwerp.').first()).toBeVisible();
	// Not public yet.
	const v = await pageWith(phone);
	await v.goto(`${consultationPath}/1`);
	await expect(v.locator('#positions')).not.toContainText('basiswerkingen. Voorwaarde');

	// A member reads the draft and leaves a remark for the coordinators.
	const m = await pageWith({ ...phone, as: 'demo-bewoner' });
	await m.goto(`${consultationPath}/1`);
	await m
		.locator('#positions')
		.getByRole('link', { name: `Standpunt van ${org.name}: lezen en opmerking geven` })
		.click();
	await expect(m.locator('main')).toContainText(explanation);
	await expect(m.locator('#explanation')).toHaveCount(0);
	await m.locator('#remark').fill('Noem ook de vrijwilligers.');
	await m.getByRole('button', { name: 'Opmerking versturen' }).click();
	await expect(m).toHaveURL(/\?saved=remark$/);
	await expect(m.locator('main')).toContainText('Noem ook de vrijwilligers.');

	// The second coordinator reads the remark and signs it off.
	const s = await pageWith({ ...phone, as: 'demo-coordinator-2' });
	await s.goto(editorPath(1));
	await expect(s.locator('main')).toContainText('Noem ook de vrijwilligers.');
	await s.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
	await expect(s).toHaveURL(/\?saved=published$/);
	await expect(s.locator('.notice-success')).toHaveText('Het standpunt staat online.');

	// On the thread, apart from the comments, with the mandate in plain words; and on the association's page.
	await v.goto(`${consultationPath}/1`);
	const card = v.locator('#positions .position', { hasText: org.name });
	await expect(card).toContainText('Akkoord, met voorwaarden');
	await expect(card).toContainText(explanation);
	await expect(card).toContainText('Beslist op een ledenvergadering met 14 mensen op 3 maart 2026.');
	await expect(card).toContainText('nagekeken door een tweede coördinator');
	await expect(card).not.toContainText('demo-coordinator');
	await expect(v.locator('#comments .position')).toHaveCount(0);
	await v.goto(`/o/${org.slug}`);
	await expect(v.locator('main .position', { hasText: explanation })).toContainText('Aanbeveling 1');

	// The dashboard and every file carry it; the votes stay apart.
	const p = await pageWith({ ...phone, acceptDownloads: true, as: 'demo-beleid' });
	await p.goto(`${consultationPath}/dashboard`);
	const row = p.locator('section[aria-labelledby="positions-heading"] tbody tr', { hasText: 'Steun basiswerkingen' });
	await expect(row).toContainText('1 vereniging (14 leden)');
	// The printed report too, in a section of its own.
	await p.goto(`${consultationPath}/dashboard/report`);
	await expect(p.locator('section[aria-labelledby="report-positions-heading"]')).toContainText(explanation);
	await p.goto(`${consultationPath}/dashboard`);

	const csv = parse(await exportBody(p, 'positions.csv'), { columns: true, bom: true }) as Record<string, string>[];
	const mine = csv.find((r) => r.recommendation === '1' && r.organisation === org.name);
	expect(mine).toMatchObject({
		stance: 'agrees_with_conditions',
		explanation,
		mandate: 'members_meeting',
		decided_on: '2026-03-03',
		members_taking_part: '14',
		sign_off: 'second_coordinator',
		status: 'published'
	});
	const json = JSON.parse((await exportBody(p, 'json')).toString('utf8'));
	expect(json.positions.find((x: { id: number }) => x.id === Number(mine!.position))).toMatchObject({
		recommendation: 1,
		explanation,
		mandate: { kind: 'members_meeting', members_taking_part: 14 }
	});
	// The vote counts are the votes only.
	const rec1 = json.recommendations.find((r: { number: number }) => r.number === 1);
	expect(rec1.votes.total).toBe(rec1.votes.agree + rec1.votes.disagree + rec1.votes.not_sure);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await exportBody(p, 'xlsx')) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Standpunten')!;
	const cells: string[] = [];
	sheet.eachRow((r) => cells.push(JSON.stringify(r.values)));
	expect(cells.some((r) => r.includes(explanation) && r.includes(org.name))).toBe(true);
	const docx = await JSZip.loadAsync(await exportBody(p, 'docx'));
	const document = await docx.file('word/document.xml')!.async('string');
	expect(document).toContain('Wat verenigingen zeggen');
	expect(document).toContain('Beslist op een ledenvergadering met 14 mensen op 3 maart 2026.');
	// Every format still downloads (the ones that are not about positions too).
	for (const format of exportFormats.filter((f) => !['positions.csv', 'json', 'xlsx', 'docx'].includes(f)))
		expect((await exportBody(p, format)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});

test('the same position flow in Arabic with JavaScript on, on recommendation 2', async ({ pageWith }) => {
	test.setTimeout(180_000);
	const phone = { viewport: smallPhone, lang: 'ar' };
	const explanation = arabicPosition;

	const c = await pageWith({ ...phone, as: 'demo-coordinator' });
	await c.goto(`${consultationPath}/2`);
	await expect(c.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(c.locator('#positions h2')).toHaveText('ماذا تقول الجمعيات');
	await c
		.locator('#positions')
		.getByRole('link', { name: `موقف ${org.name}: اكتب أو راجع` })
		.click();
	await expect(c).toHaveURL(new RegExp(`${editorPath(2)}$`));
	await expectNoAxeViolations(c);
	await c.locator('#stance-agrees_with_conditions').check();
	await c.locator('#explanation').fill(explanation);
	await c.locator('#language-ar').check();
	await c.locator('#mandate-survey').check();
	await c.locator('#decidedOn').fill('2026-04-10');
	await c.locator('#membersTakingPart').fill('23');
	await c.locator('#splitAgree').fill('20');
	await c.locator('#splitDisagree').fill('3');
	await c.getByRole('button', { name: 'حفظ المسودة' }).click();
	await expect(c).toHaveURL(/\?saved=draft$/);
	await expect(c.locator('.notice-success')).toHaveText('حُفظت المسودة. يستطيع الأعضاء قراءتها الآن.');
	await expectNoAxeViolations(c);

	const m = await pageWith({ ...phone, as: 'demo-bewoner' });
	await m.goto(`${consultationPath}/2`);
	await m
		.locator('#positions')
		.getByRole('link', { name: `موقف ${org.name}: اقرأ وأضف ملاحظة` })
		.click();
	await expect(m.locator('main')).toContainText(explanation);
	await m.locator('#remark').fill('اذكروا المتطوعين أيضًا.');
	await m.getByRole('button', { name: 'إرسال الملاحظة' }).click();
	await expect(m).toHaveURL(/\?saved=remark$/);
	await expect(m.locator('main')).toContainText('اذكروا المتطوعين أيضًا.');

	const s = await pageWith({ ...phone, as: 'demo-coordinator-2' });
	await s.goto(editorPath(2));
	await expect(s.locator('main')).toContainText('اذكروا المتطوعين أيضًا.');
	await expectNoAxeViolations(s);
	await s.getByRole('button', { name: 'الموافقة والنشر' }).click();
	await expect(s).toHaveURL(/\?saved=published$/);
	await expect(s.locator('.notice-success')).toHaveText('نُشر الموقف.');

	const v = await pageWith(phone);
	await v.goto(`${consultationPath}/2`);
	const card = v.locator('#positions .position', { hasText: org.name });
	await expect(card).toContainText('موافقة بشروط');
	await expect(card).toContainText(explanation);
	await expect(card).toContainText('تقرّر باستطلاع لرأي الأعضاء');
	await expect(card).toContainText('عدد من أجابوا: 23');
	// The counts take their nouns' plural forms (common:unit), "0 ممتنع" among them.
	await expect(card).toContainText('الأصوات: 20 مع، 3 ضد، 0 ممتنع.');
	await expect(card.locator('[lang="ar"]').first()).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(v);
	await v.goto(`/o/${org.slug}`);
	await expect(v.locator('main .position', { hasText: explanation })).toBeVisible();
	await expectNoAxeViolations(v);

	// Published with its machine translations on the way: a Dutch reader gets it in Dutch, labelled, the Arabic one tap away.
	const dutch = await pageWith({ viewport: smallPhone, lang: 'nl' });
	const translatedCard = dutch.locator('#positions .position', { hasText: org.name });
	await expect(async () => {
		await dutch.goto(`${consultationPath}/2`);
		await expect(translatedCard).toContainText('als kleine verenigingen genoeg steun krijgen', { timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await expect(translatedCard.locator('.translation-note')).toContainText('computer');
	await expect(translatedCard.locator('.translation-note [lang="ar"]')).toHaveText(explanation);
});

test('the new pages pass axe in Dutch and Arabic: the thread with the demo position, the association, the position page, hiding, the dashboard', async ({
	pageWith
}) => {
	test.setTimeout(180_000);
	for (const lang of ['nl', 'ar']) {
		const visitor = await pageWith({ viewport: smallPhone, lang });
		await visitor.goto(`${consultationPath}/7`);
		await expect(visitor.locator('#positions .position', { hasText: org.name })).toContainText(
			lang === 'nl' ? 'Voorbeeld (demo)' : 'مثال (تجريبي)'
		);
		await expectNoAxeViolations(visitor);
		await visitor.goto(`/o/${org.slug}`);
		await expectNoAxeViolations(visitor);

		const coordinator = await pageWith({ viewport: smallPhone, lang, as: 'demo-coordinator' });
		await coordinator.goto(editorPath(7));
		await expect(coordinator.locator('#explanation')).toBeVisible();
		await expectNoAxeViolations(coordinator);

		const moderator = await pageWith({ viewport: smallPhone, lang, as: 'demo-moderator' });
		await moderator.goto(`${consultationPath}/7/positions`);
		await expect(moderator.locator('.position', { hasText: org.name })).toBeVisible();
		await expectNoAxeViolations(moderator);

		const policy = await pageWith({ viewport: smallPhone, lang, as: 'demo-beleid' });
		await policy.goto(`${consultationPath}/dashboard`);
		await expect(policy.locator('#positions-heading')).toBeVisible();
		await expectNoAxeViolations(policy);
	}
});
