import { isModerator, type MaybeActor } from '../auth/actor';

/** The summary of a thread ("what we heard") is written and published by moderators and administrators. */
export const canWriteSummary = (actor: MaybeActor): boolean => isModerator(actor);
