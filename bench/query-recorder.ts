import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db } from '../src/platform/db.ts';

/**
 * Records every statement a database handle runs, compiled with its parameters: the API-reads
 * benchmark replays a route's SQL on a bare server, and a test checks that reads write nothing.
 * Use it as `db.withPlugin(recorder)`.
 */
export class QueryRecorder implements KyselyPlugin {
  queries: CompiledQuery[] = [];
  constructor(private readonly db: Db) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push(this.db.getExecutor().compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const writing = /^\s*(insert|update|delete|merge|truncate)\b|^\s*with\b[\s\S]*\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i;

/** The statements that change data (plain or inside a WITH). */
export const writeStatements = (queries: readonly CompiledQuery[]): string[] => queries.map((q) => q.sql).filter((text) => writing.test(text));
