import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/*
 * A version number per recommendation that the database itself raises on every change to its votes
 * (a vote cast, changed or withdrawn, a voter's group changed). Each app process keeps a recommendation's
 * tallies with the version they were counted at, and counts again only when the version has moved: one
 * look-up by primary key instead of counting thousands of votes, and correct with any number of processes,
 * since every process reads the version from the one database. Raised by triggers, so no way of writing
 * a vote (the app, a script, a restore) can forget it.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('tally_versions')
		.addColumn('recommendation_id', 'integer', (c) => c.primaryKey())
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
	if (isPostgres(db)) {
		await sql`
			create function bump_tally_version() returns trigger language plpgsql as $$
			begin
				if tg_op <> 'INSERT' then
					insert into tally_versions (recommendation_id, version) values (old.recommendation_id, 1)
					on conflict (recommendation_id) do update set version = tally_versions.version + 1;
				end if;
				if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.recommendation_id <> old.recommendation_id) then
					insert into tally_versions (recommendation_id, version) values (new.recommendation_id, 1)
					on conflict (recommendation_id) do update set version = tally_versions.version + 1;
				end if;
				return null;
			end
			$$`.execute(db);
		await sql`create trigger votes_tally_version after insert or update or delete on votes
			for each row execute function bump_tally_version()`.execute(db);
		return;
	}
	const bump = (row: 'new' | 'old') =>
		sql.raw(`insert into tally_versions (recommendation_id, version) values (${row}.recommendation_id, 1)
			on conflict (recommendation_id) do update set version = version + 1;`);
	await sql`create trigger votes_tally_insert after insert on votes begin ${bump('new')} end`.execute(db);
	await sql`create trigger votes_tally_update after update on votes begin ${bump('old')} end`.execute(db);
	await sql`create trigger votes_tally_move after update of recommendation_id on votes
		when new.recommendation_id <> old.recommendation_id begin ${bump('new')} end`.execute(db);
	await sql`create trigger votes_tally_delete after delete on votes begin ${bump('old')} end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`drop trigger votes_tally_version on votes`.execute(db);
		await sql`drop function bump_tally_version()`.execute(db);
	} else {
		for (const name of ['votes_tally_insert', 'votes_tally_update', 'votes_tally_move', 'votes_tally_delete'])
			await sql`drop trigger ${sql.raw(name)}`.execute(db);
	}
	await db.schema.dropTable('tally_versions').execute();
}
