import { requireLogin } from '../auth/require';
import QRCode from 'qrcode';
import { isLocale } from '../../i18n/locales';
import type { Actor, MaybeActor } from '../auth/actor';
import { formatCode, generateHumanCode, normaliseCode } from '../auth/tokens';
import * as audit from '../audit/repository';
import type { DB } from '../db/create';
import { forbidden, IssueCollector, notFound } from '../errors';
import * as organisations from '../organisations/repository';
import { canCreateInvite, canManageInvite } from './policy';
import * as repository from './repository';
import { inviteStatus, type InviteStatus } from './status';
import { cleanLine } from '../../text/clean';

const DAY = 24 * 60 * 60 * 1000;
export const INVITE_MAX_USES = 1000;
export const INVITE_MAX_DAYS = 365;
export const INVITE_LABEL_MAX = 80;

export interface InviteInput {
	/** The association the code makes people a member of; null for a site-wide code. */
	organisationSlug: string | null;
	maxUses: string | number;
	validDays: string | number;
	label: string;
	locale: string;
}

/**
 * Creates an invite code, single-use or for n uses, valid for some days, optionally joining people to
 * an association. Raises common:error.forbidden, common:error.notFound.organisation and ValidationError
 * (maxUses, validDays, label).
 */
export async function createInvite(db: DB, actor: MaybeActor, input: InviteInput, now = new Date()) {
	requireLogin(actor);
	let organisationId: number | null = null;
	if (input.organisationSlug) {
		const org = await organisations.findBySlug(db, input.organisationSlug);
		if (!org) throw notFound('organisation');
		organisationId = org.id;
	}
	if (!canCreateInvite(actor, organisationId)) throw forbidden();

	const issues = new IssueCollector();
	const maxUses = Number(String(input.maxUses).trim());
	if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > INVITE_MAX_USES) {
		issues.add('maxUses', 'invites:error.maxUses', { max: INVITE_MAX_USES });
	}
	const validDays = Number(String(input.validDays).trim());
	if (!Number.isInteger(validDays) || validDays < 1 || validDays > INVITE_MAX_DAYS) {
		issues.add('validDays', 'invites:error.validDays', { max: INVITE_MAX_DAYS });
	}
	const label = cleanLine(input.label ?? '');
	if ([...label].length > INVITE_LABEL_MAX || /[\p{Cc}\p{Cf}]/u.test(label))
		issues.add('label', 'invites:error.label', { max: INVITE_LABEL_MAX });
	issues.throwIfAny();

	const iso = now.toISOString();
	const code = generateHumanCode(8);
	const id = await repository.insert(db, {
		code,
		organisationId,
		createdBy: actor.id,
		label,
		locale: isLocale(input.locale) ? input.locale : 'nl',
		maxUses,
		expiresAt: new Date(now.getTime() + validDays * DAY).toISOString(),
		now: iso
	});
	await audit.record(db, {
		actorId: actor.id,
		action: 'invite.created',
		subjectType: 'invite',
		subjectId: id,
		now: iso
	});
	return { id, code: formatCode(code) };
}

/** Revokes a code so nobody can use it any more. Raises common:error.forbidden and notFound.invite. */
export async function revokeInvite(db: DB, actor: MaybeActor, inviteId: number, now = new Date()): Promise<void> {
	requireLogin(actor);
	const invite = await repository.findById(db, inviteId);
	if (!invite) throw notFound('invite');
	if (!canManageInvite(actor, invite)) throw forbidden();
	const iso = now.toISOString();
	await repository.revoke(db, inviteId, iso);
	await audit.record(db, {
		actorId: actor.id,
		action: 'invite.revoked',
		subjectType: 'invite',
		subjectId: inviteId,
		now: iso
	});
}

/** What a typed code would do, for the sign-up page: join which association, or why it cannot be used. */
export async function describeInvite(
	db: DB,
	typed: string,
	now = new Date()
): Promise<{ status: InviteStatus; organisation: { slug: string; name: string } | null }> {
	const code = normaliseCode(typed);
	const invite = code ? await repository.findByCode(db, code) : undefined;
	const status = inviteStatus(invite, now);
	const organisation =
		status === 'ok' && invite?.organisation_slug && invite.organisation_name
			? { slug: invite.organisation_slug, name: invite.organisation_name }
			: null;
	return { status, organisation };
}

export interface InviteCard {
	code: string;
	joinUrl: string;
	locale: string;
	label: string;
	organisation: string | null;
	organisationSlug: string | null;
	expiresAt: string;
	maxUses: number;
	uses: number;
	status: InviteStatus;
	/** The QR code as a square of dark (true) and light modules, drawn by the page as SVG. */
	qr: { size: number; dark: boolean[] };
}

/**
 * A printable card for a code: the code, the sign-up address with the code and language filled in, and
 * its QR code. Raises common:error.forbidden and common:error.notFound.invite.
 */
export async function getInviteCard(
	db: DB,
	actor: Actor | null,
	inviteId: number,
	origin: string,
	now = new Date()
): Promise<InviteCard> {
	requireLogin(actor);
	const invite = await repository.findById(db, inviteId);
	if (!invite) throw notFound('invite');
	if (!canManageInvite(actor, invite)) throw forbidden();
	const joinUrl = `${origin}/join?code=${formatCode(invite.code)}&lang=${invite.locale}`;
	const qr = QRCode.create(joinUrl, { errorCorrectionLevel: 'M' });
	return {
		code: formatCode(invite.code),
		joinUrl,
		locale: invite.locale,
		label: invite.label,
		organisation: invite.organisation_name,
		organisationSlug: invite.organisation_slug,
		expiresAt: invite.expires_at,
		maxUses: invite.max_uses,
		uses: invite.uses,
		status: inviteStatus(invite, now),
		qr: { size: qr.modules.size, dark: Array.from(qr.modules.data, (v) => v === 1) }
	};
}

/** The codes of an association (or the site-wide ones, for administrators). Raises common:error.forbidden. */
export async function listInvites(db: DB, actor: MaybeActor, organisationId: number | null, now = new Date()) {
	requireLogin(actor);
	if (!canCreateInvite(actor, organisationId)) throw forbidden();
	const rows = await repository.listFor(db, organisationId);
	return rows.map((r) => ({
		id: r.id,
		code: formatCode(r.code),
		label: r.label,
		locale: r.locale,
		maxUses: r.max_uses,
		uses: r.uses,
		expiresAt: r.expires_at,
		status: inviteStatus(r, now)
	}));
}
