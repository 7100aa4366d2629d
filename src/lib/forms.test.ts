import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { fieldProps, namedForm } from './forms';

/** A stand-in for i18next that shows which key and values it was asked for. */
const t = ((key: string, params?: Record<string, unknown>) =>
	`${key}${params ? JSON.stringify(params) : ''}`) as unknown as TFunction;

describe('fieldProps and namedForm().field', () => {
	it('gives the stored value when the form did not come back', () => {
		expect(namedForm(null, 'answer', t).field('explanation', 'Opgeslagen tekst')).toEqual({
			id: 'explanation',
			name: 'explanation',
			error: undefined,
			value: 'Opgeslagen tekst'
		});
	});

	it('gives what was typed and the problem, in words, when this form came back failed', () => {
		const form = {
			form: 'answer',
			values: { explanation: 'Getypt' },
			issues: { explanation: { code: 'errors:tooLong', params: { max: 5 } } }
		};
		expect(namedForm(form, 'answer', t).field('explanation', 'Opgeslagen tekst')).toEqual({
			id: 'explanation',
			name: 'explanation',
			error: 'errors:tooLong{"max":5}',
			value: 'Getypt'
		});
		// Another form on the page that came back does not touch this one.
		expect(namedForm(form, 'remark', t).field('explanation', 'x').value).toBe('x');
	});

	it('takes an id apart from the name', () => {
		expect(fieldProps({ values: {}, issues: {} }, t, 'label', '', 'invite-label')).toMatchObject({
			id: 'invite-label',
			name: 'label',
			value: ''
		});
		const form = { form: 'join', values: { email: 'a@b' }, issues: { email: { code: 'errors:email' } } };
		expect(namedForm(form, 'join', t).field('email', '', 'join-email')).toEqual({
			id: 'join-email',
			name: 'email',
			error: 'errors:email{}',
			value: 'a@b'
		});
	});
});
