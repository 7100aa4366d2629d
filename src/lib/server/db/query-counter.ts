import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';

/** Counts the queries a Kysely instance runs, so tests can prove a page costs a fixed number (no N+1). */
export class QueryCounter implements KyselyPlugin {
	count = 0;

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return args.node;
	}

	/**
	 * Counted when a result comes back: once per query sent to the database. (transformQuery also runs
	 * for subqueries built from the same instance, which would count a union of three selects as three.)
	 */
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return args.result;
	}

	reset(): void {
		this.count = 0;
	}
}
