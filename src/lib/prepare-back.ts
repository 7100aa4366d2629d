import { resolve } from '$app/paths';
import type { TFunction } from 'i18next';

/**
 * The way back from preparing a consultation (creating it, importing its report): administrators to
 * the consultations page, policy staff (who cannot open that page) to the drafts on the home page.
 */
export function prepareBack(admin: boolean, t: TFunction): { href: string; label: string } {
	return admin
		? { href: resolve('/admin/consultations'), label: t('admin:consultations.title') }
		: { href: `${resolve('/')}#prepare`, label: t('reports:prepare.heading') };
}
