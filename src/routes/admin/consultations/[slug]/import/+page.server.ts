import { redirect } from '@sveltejs/kit';
import * as imports from '$lib/server/import/service';
import type { Edit } from '$lib/server/import/edit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireLogin(locals, url);
	return {
		...(await orErrorPage(imports.getImport(locals.db, locals.user, params.slug))),
		done: url.searchParams.get('done')
	};
};

/** A fix to the proposal: the form's fields as the edit, then back to the part or theme it changed. */
function editing<K extends string>(action: Edit['action'], fields: K[], anchor: (values: Record<K, string>) => string) {
	return async ({ request, locals, params }: RequestEvent) => {
		const data = await request.formData();
		const values = formValues(data, ['importId', ...fields]);
		const form = `${action}-${anchor(values)}`;
		try {
			await imports.editImport(locals.db, locals.user, {
				slug: params.slug,
				importId: Number(values.importId),
				edit: { action, ...values } as unknown as Edit
			});
		} catch (e) {
			return formFailure(form, values, e);
		}
		redirect(303, `/admin/consultations/${params.slug}/import?done=${action}#${anchor(values)}`);
	};
}

export const actions: Actions = {
	upload: async ({ request, locals, params }) => {
		const data = await request.formData();
		const file = data.get('file');
		const values = formValues(data, ['text']);
		try {
			await imports.startImport(locals.db, locals.user, {
				slug: params.slug,
				file:
					file instanceof File && file.size > 0
						? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
						: null,
				text: values.text
			});
		} catch (e) {
			return formFailure('upload', values, e);
		}
		redirect(303, `/admin/consultations/${params.slug}/import?done=upload#proposal`);
	},
	theme: editing('theme', ['theme', 'title'], (v) => `theme-${v.theme}`),
	part: editing('part', ['part', 'kind', 'theme', 'number', 'reportNumber', 'title'], (v) => `part-${v.part}`),
	merge: editing('merge', ['part'], (v) => `part-${v.part}`),
	split: editing('split', ['part', 'at'], (v) => `part-${v.part}`),
	publish: async ({ request, locals, params }) => {
		const values = formValues(await request.formData(), ['importId']);
		try {
			await imports.publishImport(locals.db, locals.user, { slug: params.slug, importId: Number(values.importId) });
		} catch (e) {
			return formFailure('publish', values, e);
		}
		redirect(303, `/admin/consultations/${params.slug}/import?done=publish`);
	}
};
