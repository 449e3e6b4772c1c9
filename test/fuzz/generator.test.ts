/**
 * The fuzzer's own machinery: seeds reproduce queries, families switch constructs on and off, and
 * the known-bug and difference lists are well formed. (The differential run is differential.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { enabledFamilies, FAMILIES, KNOWN_BUGS, type Family } from './differences.js';
import { generateQuery } from './generator.js';
import { Rng } from './random.js';
import { querySeed } from './runner.js';

const ALL = enabledFamilies('all');
const NONE = enabledFamilies('none');

function queries(families: ReadonlySet<Family>, n = 400): string[] {
  return Array.from({ length: n }, (_, i) => generateQuery(querySeed(7, i), families).slicewise);
}

describe('fuzz generator', () => {
  test('the same seed gives the same query; different seeds differ', () => {
    expect(generateQuery(123, ALL)).toEqual(generateQuery(123, ALL));
    expect(new Set(queries(ALL, 50)).size).toBeGreaterThan(45);
  });

  test('mulberry32 stays in range and covers it', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(-3, 3);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThanOrEqual(3);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });

  test('families switch their constructs on and off', () => {
    const off = queries(NONE).join('\n');
    const on = queries(ALL).join('\n');
    for (const marker of [' OVER (', ' LIKE ', ' ~ ', 'EXISTS (', ' INTERSECT ', 'DATEADD(', 'GREATEST(', ' UNION ']) {
      expect(off, marker).not.toContain(marker);
      expect(on, marker).toContain(marker);
    }
  });

  test('FUZZ_FAMILIES adjusts the defaults and rejects unknown names', () => {
    const defaults = enabledFamilies(undefined);
    expect([...defaults].sort()).toEqual((Object.keys(FAMILIES) as Family[]).filter((f) => FAMILIES[f]).sort());
    expect(enabledFamilies('+windows,-union').has('windows')).toBe(true);
    expect(enabledFamilies('+windows,-union').has('union')).toBe(false);
    expect(enabledFamilies('all,-regex').has('regex')).toBe(false);
    expect(() => enabledFamilies('+window')).toThrow(/unknown family "window"/);
  });

  test('every known bug has an id, a description and a reproducing query', () => {
    for (const bug of KNOWN_BUGS) {
      expect(bug.id).toMatch(/^[a-z0-9-]+$/);
      expect(bug.description.length).toBeGreaterThan(20);
      expect(bug.repro).toMatch(/^select /i);
    }
  });
});
