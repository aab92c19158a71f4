import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// README and `engines` promise Node 20.19: a locked package that declares a newer Node makes `npm ci`
// print EBADENGINE on every new user's machine (cookie@2 and content-disposition@3 did), so the lock
// file must only hold packages whose `engines.node` admits it. .ci/run also fails on EBADENGINE.
const promised = [20, 19, 0] as const;

type Version = readonly [number, number, number];

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Enough of npm's range grammar for the `engines.node` fields in our lock file. */
function admits(range: string, version: Version): boolean {
  return range.split('||').some((alternative) => {
    const comparators = alternative.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').trim().split(/\s+/).filter(Boolean);
    return comparators.every((comparator) => {
      const match = comparator.match(/^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/);
      if (!match) throw new Error(`Unrecognised engines.node range "${range}"`);
      const [, op = '', major = '*', minor, patch] = match;
      if (major === 'x' || major === '*') return true;
      const bound: Version = [Number(major), Number(minor ?? 0) || 0, Number(patch ?? 0) || 0];
      const sameMajor = version[0] === bound[0];
      const order = compare(version, bound);
      if (op === '>=') return order >= 0;
      if (op === '>') return order > 0;
      if (op === '<=') return order <= 0;
      if (op === '<') return order < 0;
      if (op === '^') return sameMajor && order >= 0;
      if (op === '~') return sameMajor && version[1] === bound[1] && order >= 0;
      // A bare `20` or `20.x` means any 20.
      if (minor === undefined || minor === 'x' || minor === '*') return sameMajor;
      return order === 0;
    });
  });
}

describe('supported Node version', () => {
  it('every locked package admits the Node version README and engines promise', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
    };
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => !Array.isArray(entry.engines) && entry.engines?.node && !admits(entry.engines.node, promised))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version}`);
    expect(refused).toEqual([]);
  });

  it('reads the ranges our lock file uses', () => {
    expect(admits('>=22', promised)).toBe(false);
    expect(admits('>=20.19.0 <21 || >=22.12.0', promised)).toBe(true);
    expect(admits('^20.0.0 || ^22.0.0 || >=24.0.0', promised)).toBe(true);
    expect(admits('>= 12', promised)).toBe(true);
    expect(admits('18 || 20 || >=22', promised)).toBe(true);
    expect(admits('^22.13.0', promised)).toBe(false);
  });
});
