import { forbidden, loginRequired } from '../errors';
import type { Actor, MaybeActor } from './actor';

/*
 * The refusals every service starts with, one line each:
 *   requireLogin(actor)                       someone must be logged in (401 otherwise);
 *   requireAllowed(actor, canModerate(actor)) a policy must say yes: 401 for a visitor, 403 for someone
 *                                             logged in whom the policy refuses.
 */

/** Raises common:error.loginRequired (401) for a visitor. */
export function requireLogin(actor: MaybeActor): asserts actor is Actor {
	if (!actor) throw loginRequired();
}

/** Raises common:error.loginRequired (401) for a visitor, common:error.forbidden (403) when not allowed. */
export function requireAllowed(actor: MaybeActor, allowed: boolean): asserts actor is Actor {
	if (!allowed) throw actor ? forbidden() : loginRequired();
}
