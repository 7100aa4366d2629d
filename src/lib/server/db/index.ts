import { config } from '../config';
import { createDb, type DB } from './create';

export type { DB } from './create';

let instance: DB | undefined;

/** The app's database, opened on first use from the validated configuration. */
export function getDb(): DB {
	instance ??= createDb(config().database);
	return instance;
}

export async function closeDb(): Promise<void> {
	await instance?.destroy();
	instance = undefined;
}
