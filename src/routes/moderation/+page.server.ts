import { moderationStats } from '$lib/server/moderation/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ stats: await moderationStats(locals.db) });
