import { textDirection } from '$lib/i18n/locales';
import * as notifications from '$lib/server/notifications/service';
import { canSeeTranslationQueue } from '$lib/server/translators/policy';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	dir: textDirection(locals.locale),
	// Only what the header needs about the person logged in.
	user: locals.user
		? {
				displayName: locals.user.displayName,
				isAdmin: locals.user.siteRole === 'admin',
				isModerator: locals.user.siteRole === 'moderator' || locals.user.siteRole === 'admin',
				isDemo: locals.user.isDemo,
				translates: canSeeTranslationQueue(locals.user),
				unread: await notifications.unreadCount(locals.db, locals.user)
			}
		: null
});
