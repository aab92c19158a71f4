import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import type { DbHandle } from './db.ts';

// The table types in src/platform/tables/*.ts (joined in db-schema.ts) are written by hand; this compares them with
// the migrated database, so a migration that adds, drops or relaxes a column fails here rather than
// in a query that trusts the wrong type.

/** What a select returns, as far as JavaScript can tell: the pg type parsers of db.ts decide it. */
type Kind = 'string' | 'number' | 'boolean' | 'Date' | 'array' | 'json';
type Columns = Map<string, { nullable: boolean; kind: Kind | string }>;
type Tables = Map<string, Columns>;

function kindOfType(checker: ts.TypeChecker, types: ts.Type[]): Kind | string {
  const kinds = new Set(
    types.map((type): Kind | string => {
      if (type.flags & ts.TypeFlags.StringLike) return 'string';
      if (type.flags & ts.TypeFlags.NumberLike) return 'number';
      if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
      if (checker.isArrayType(type) || checker.isTupleType(type)) return 'array';
      if (type.getSymbol()?.name === 'Date') return 'Date';
      if (type.flags & ts.TypeFlags.Object || type.flags & ts.TypeFlags.Unknown) return 'json';
      return checker.typeToString(type);
    }),
  );
  return kinds.size === 1 ? [...kinds][0] ?? 'never' : [...kinds].sort().join(' | ');
}

/**
 * Tables and columns of the `Database` type as the compiler sees them: a column is nullable when
 * the type a select returns (the first argument of Kysely's ColumnType) includes null.
 */
function declaredTables(): Tables {
  const file = fileURLToPath(new URL('./db-schema.ts', import.meta.url));
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    // Only the schema files and Kysely's types: no @types packages, no DOM.
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'Database');
  if (!alias) throw new Error('db-schema.ts declares no Database type');
  const tables: Tables = new Map();
  for (const table of checker.getTypeAtLocation(alias.name).getProperties()) {
    const columns: Columns = new Map();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      const type = checker.getTypeOfSymbol(column);
      // `Timestamp | null` is a union of a ColumnType and null: take each member's select type.
      const parts = (type.isUnion() ? type.types : [type]).flatMap((part) => {
        const selected = part.getProperty('__select__');
        const selectType = selected ? checker.getTypeOfSymbol(selected) : part;
        return selectType.isUnion() ? selectType.types : [selectType];
      });
      const nonNull = parts.filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      columns.set(column.name, { nullable: nonNull.length < parts.length, kind: kindOfType(checker, nonNull) });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** PostgreSQL types as node-postgres hands them over with the type parsers of db.ts. */
const kindOfColumnType: Record<string, Kind> = {
  text: 'string',
  'character varying': 'string',
  uuid: 'string',
  date: 'string',
  xid8: 'string',
  inet: 'string',
  integer: 'number',
  smallint: 'number',
  bigint: 'number',
  numeric: 'number',
  'double precision': 'number',
  real: 'number',
  boolean: 'boolean',
  'timestamp with time zone': 'Date',
  ARRAY: 'array',
  jsonb: 'json',
  json: 'json',
};

async function migratedTables(db: DbHandle['db']): Promise<Tables> {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; data_type: string }>`
    select c.table_name, c.column_name, c.is_nullable, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const tables: Tables = new Map();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map();
    columns.set(row.column_name, { nullable: row.is_nullable === 'YES', kind: kindOfColumnType[row.data_type] ?? row.data_type });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/**
 * Columns PostgreSQL reports as nullable that can never be null, so their types say so: a stored
 * generated column carries no NOT NULL of its own, even when its expression cannot be null.
 */
const neverNull = new Set(['touches.timeline_at']);

/** One line per difference, in words a reader can act on. */
function drift(declared: Tables, migrated: Tables): string[] {
  const lines: string[] = [];
  for (const [table, columns] of migrated) {
    const types = declared.get(table);
    if (!types) {
      lines.push(`table ${table}: in the migrations, missing from the table types`);
      continue;
    }
    for (const [column, { nullable, kind }] of columns) {
      const type = types.get(column);
      if (!type) {
        lines.push(`column ${table}.${column}: in the migrations, missing from the table types`);
        continue;
      }
      if (type.nullable !== nullable && !(neverNull.has(`${table}.${column}`) && !type.nullable)) {
        lines.push(`column ${table}.${column}: ${nullable ? 'nullable' : 'not null'} in the migrations, ${type.nullable ? 'nullable' : 'not null'} in the table types`);
      }
      // A json column may hold an array as well as an object.
      if (type.kind !== kind && !(kind === 'json' && type.kind === 'array')) {
        lines.push(`column ${table}.${column}: a ${kind} in the migrations, a ${type.kind} in the table types`);
      }
    }
    for (const column of types.keys()) {
      if (!columns.has(column)) lines.push(`column ${table}.${column}: in the table types, not in the migrations`);
    }
  }
  for (const table of declared.keys()) {
    if (!migrated.has(table)) lines.push(`table ${table}: in the table types, not in the migrations`);
  }
  return lines;
}

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

describe('table types', () => {
  it('name every table and column of the migrations, nullable exactly where the database allows null, of the type a select returns', async () => {
    const declared = declaredTables();
    expect(declared.size).toBeGreaterThan(30);
    expect(drift(declared, await migratedTables(handle.db)).join('\n')).toBe('');
  });
});
