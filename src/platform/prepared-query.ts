import { type Compilable, sql } from 'kysely';
import { type Db, poolQueryOf } from './db.ts';

/** What a prepared query is built with in place of a value, so its compiled parameter says which value goes there. */
class StandIn {
  constructor(readonly name: string) {}
}

/** A compiled query, whole and cut at its parameters: `$1 … $n`, each once and in order, as Kysely writes them. */
type Prepared = { text: string; fragments: TemplateStringsArray; parameters: readonly unknown[] };

function prepare(query: Compilable<unknown>): Prepared {
  const { sql: text, parameters } = query.compile();
  const fragments = text.split(/\$\d+/);
  const placeholders = text.match(/\$\d+/g) ?? [];
  // A `$` followed by digits inside a string literal would shift every value after it.
  if (fragments.length !== parameters.length + 1 || placeholders.some((p, i) => p !== `$${i + 1}`)) {
    throw new Error(`A prepared query must not write $ and digits in its text: ${text.slice(0, 200)}`);
  }
  return { text, fragments: Object.assign(fragments, { raw: fragments }), parameters };
}

/**
 * A read the hot paths run many times a second, with SQL text that depends on its shape only (which
 * values are given, whether a cursor is), never on the values themselves. Kysely builds and compiles
 * it once per database handle and shape; each call sends that text with the call's values. Building
 * and compiling the hot reads with Kysely was about a tenth of their server time (issue 15).
 *
 * `build` gets `undefined` and `null` values as they are, and a stand-in for every other value. It
 * may test whether a value is given (`if (v)`, `v === null`), and must otherwise pass each value into
 * the query as one value (`where(col, '=', v)`, ``sql`${v}` ``, `limit(v)`): never compare it, take
 * it apart or spread it into an `in (…)` list (send a list as one array with `= any(…)`). Whatever
 * else decides the text (a sort order, one filter among several) goes in `shape`.
 */
export function preparedQuery<V extends Record<string, unknown>, R>(build: (db: Db, values: V, shape: string) => Compilable<R>) {
  const compiled = new WeakMap<Db, Map<string, Prepared>>();
  return async (db: Db, values: V, shape = ''): Promise<R[]> => {
    let key = shape;
    for (const name in values) key += values[name] === undefined ? ',u' : values[name] === null ? ',n' : ',v';
    let shapes = compiled.get(db);
    if (!shapes) {
      shapes = new Map();
      compiled.set(db, shapes);
    }
    let query = shapes.get(key);
    if (!query) {
      const standIns: Record<string, unknown> = {};
      for (const name in values) standIns[name] = values[name] === undefined || values[name] === null ? values[name] : new StandIn(name);
      // Built without the handle's plugins: they see the statements as sent, with their values (below).
      query = prepare(build(db.withoutPlugins(), standIns as V, shape));
      shapes.set(key, query);
    }
    const parameters = query.parameters.map((parameter) => (parameter instanceof StandIn ? values[parameter.name] : parameter));
    // The handle openDatabase returned sends the text straight to its pool (decision 0044).
    const direct = poolQueryOf(db);
    if (direct) return (await direct(query.text, parameters)).rows as R[];
    // Any other (a transaction, a handle with plugins) gets raw SQL rather than the compiled query,
    // so its plugins (the query recorder of the benchmark and tests) see each statement with its values.
    const result = await sql<R>(query.fragments, ...parameters).execute(db);
    return result.rows;
  };
}
