import * as consultations from '$lib/server/consultations/service';
import { moderationStats } from '$lib/server/moderation/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [stats, settings] = await Promise.all([
		moderationStats(locals.db),
		consultations.listModerationSettings(locals.db)
	]);
	return { stats, settings };
};
