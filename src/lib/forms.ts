import type { TFunction } from 'i18next';

/** Form state as pages read it back from a failed action (see FormFailure in lib/server/http.ts). */

export interface Issue {
	code: string;
	params?: Record<string, string | number>;
}
export type Issues = Record<string, Issue>;

export interface FormState {
	values: Record<string, string>;
	issues: Issues;
	problem?: Issue;
}

const empty: FormState = { values: {}, issues: {} };

/** The state of one named form on a page with several, or an empty state when another form was sent. */
export function formState(form: unknown, name: string): FormState {
	if (!form || typeof form !== 'object' || (form as { form?: unknown }).form !== name) return empty;
	const f = form as Partial<FormState>;
	return { values: f.values ?? {}, issues: f.issues ?? {}, problem: f.problem };
}

/** A field's problem in the reader's language, or undefined when the field is fine. */
export function issueText(issues: Issues, field: string, t: TFunction): string | undefined {
	const issue = issues[field];
	return issue ? t(issue.code, issue.params ?? {}) : undefined;
}

/**
 * A named form's state, with each field's problem in the reader's language: what a form on a page reads.
 * `field(name, stored, id)` gives what a Field, TextArea or ChoiceGroup of the form takes (see fieldProps).
 */
export function namedForm(form: unknown, name: string, t: TFunction) {
	const state = formState(form, name);
	return {
		...state,
		err: (field: string) => issueText(state.issues, field, t),
		field: (field: string, stored = '', id = field) => fieldProps(state, t, field, stored, id)
	};
}

/**
 * What a Field, TextArea or ChoiceGroup takes for the field `name` of a form: its name, its id (`id`, else the name),
 * its problem in the reader's language, and its value: what the person typed when the form came back,
 * else `stored`.
 */
export function fieldProps(
	state: Pick<FormState, 'values' | 'issues'>,
	t: TFunction,
	name: string,
	stored = '',
	id = name
) {
	return { id, name, error: issueText(state.issues, name, t), value: state.values[name] ?? stored };
}

/** Whether the named form came back from "Check my text" (issue 15): checked, and saved nowhere. */
export function wasAdvised(form: unknown, name: string): boolean {
	return formState(form, name) !== empty && (form as { advised?: unknown }).advised === true;
}
