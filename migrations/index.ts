import type { Migration } from 'kysely';
import * as foundation from './2026-11-26-001-foundation';
import * as accounts from './2026-11-26-002-accounts';
import * as participation from './2026-11-26-003-participation';
import * as voteGroups from './2026-11-26-004-vote-groups';
import * as moderation from './2026-11-26-005-moderation';
import * as exportLinks from './2026-11-26-006-exports';
import * as reviewIndex from './2026-11-26-007-review-index';
import * as mailOutbox from './2026-11-26-008-mail-outbox';
import * as holdPolicy from './2026-11-30-009-hold-policy';
import * as translations from './2026-12-01-010-translations';
import * as positions from './2026-12-01-011-positions';
import * as meetings from './2026-12-01-012-meetings';
import * as organiser from './2026-12-01-013-organiser';
import * as rateLimits from './2026-12-01-014-rate-limits';
import * as reportImports from './2026-12-01-015-report-imports';
import * as tallyVersions from './2026-12-01-016-tally-versions';
import * as revisions from './2026-12-01-017-revisions';
import * as revisionNotices from './2026-12-02-018-revision-notices';

/**
 * Every migration, by name, in order. Listed by hand because Kysely's FileMigrationProvider cannot
 * import .ts files on Node 20 and `migrations/` is not part of the build output; a static list works
 * the same in the built app, in vitest and under tsx. A test checks that every file here is listed.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-26-001-foundation': foundation,
	'2026-11-26-002-accounts': accounts,
	'2026-11-26-003-participation': participation,
	'2026-11-26-004-vote-groups': voteGroups,
	'2026-11-26-005-moderation': moderation,
	'2026-11-26-006-exports': exportLinks,
	'2026-11-26-007-review-index': reviewIndex,
	'2026-11-26-008-mail-outbox': mailOutbox,
	'2026-11-30-009-hold-policy': holdPolicy,
	'2026-12-01-010-translations': translations,
	'2026-12-01-011-positions': positions,
	'2026-12-01-012-meetings': meetings,
	'2026-12-01-013-organiser': organiser,
	'2026-12-01-014-rate-limits': rateLimits,
	'2026-12-01-015-report-imports': reportImports,
	'2026-12-01-016-tally-versions': tallyVersions,
	'2026-12-01-017-revisions': revisions,
	'2026-12-02-018-revision-notices': revisionNotices
};
