import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The shape the code must keep (CONVENTIONS.md, habits 13 and 14): read from the source itself.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirs = ['src', 'tests', 'bench'];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

type Import = { from: string; to: string };

const files = sourceDirs.flatMap((dir) => listFiles(join(root, dir)));
const imports: Import[] = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => ({
    from: relative(root, file),
    to: relative(root, resolve(dirname(file), m[1] ?? '')),
  }));
});

const moduleOf = (path: string) => path.match(/^src\/modules\/([^/]+)\//)?.[1] ?? null;
const isTest = (path: string) => /\.test\.ts$|-test-data\.ts$/.test(path);

/** Module → modules it imports (outside tests). */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    const [a, b] = [moduleOf(from), moduleOf(to)];
    if (!a || !b || a === b || isTest(from)) continue;
    graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  return graph;
}

describe('the shape of the code', () => {
  it('imports another module only through its face (index.ts)', () => {
    const deep = imports.filter(({ from, to }) => {
      const target = moduleOf(to);
      return target !== null && target !== moduleOf(from) && to !== `src/modules/${target}/index.ts`;
    });
    expect(deep.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('keeps modules free of the api, worker and cli that assemble them', () => {
    const upward = imports.filter(({ from, to }) => moduleOf(from) !== null && !isTest(from) && /^src\/(api|worker|cli)\//.test(to));
    expect(upward.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    const graph = moduleGraph();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' → '));
        else if (!path.includes(next) && next > path[0]!) visit(next, [...path, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });

  it('keeps touches a ground-floor module and the core free of features', () => {
    const graph = moduleGraph();
    expect([...(graph.get('touches') ?? [])]).toEqual([]);
    const core = new Set(['accounts', 'contacts', 'customer-links', 'touches', 'users']);
    const upward = [...core].flatMap((m) => [...(graph.get(m) ?? [])].filter((dep) => !core.has(dep)).map((dep) => `${m} → ${dep}`));
    expect(upward).toEqual([]);
  });

  // Test data counts too: the check is a grep over src, and a helper that writes touches
  // elsewhere would let a test pass on a row no real path can produce.
  it('writes touch rows only in the touches module', () => {
    const writers = files
      .map((file) => relative(root, file))
      .filter((file) => file.startsWith('src/') && !file.endsWith('.test.ts') && !file.startsWith('src/modules/touches/'))
      .filter((file) => /(insertInto|updateTable|deleteFrom)\('touches'\)/.test(readFileSync(join(root, file), 'utf8')));
    expect(writers).toEqual([]);
  });
});

describe('the audit log', () => {
  it('is written only by recordAudit in src/platform/audit.ts', () => {
    const writers = files
      .map((file) => relative(root, file))
      .filter((file) => file.startsWith('src/') && !isTest(file) && file !== 'src/platform/audit.ts')
      .filter((file) => /(insertInto|updateTable|deleteFrom)\('audit_log'\)/.test(readFileSync(join(root, file), 'utf8')));
    expect(writers).toEqual([]);
  });
});

describe('the event catalogue', () => {
  it('declares every event type the code writes', async () => {
    const { isEventType } = await import('./platform/event-catalogue.ts');
    const written = files
      .filter((file) => !isTest(relative(root, file)))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/type: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1] ?? ''));
    expect(written.length).toBeGreaterThan(20);
    expect(written.filter((type) => !isEventType(type))).toEqual([]);
  });
});
