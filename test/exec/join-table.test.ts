/**
 * Hash join tables: the typed-array table for numeric keys must pair rows exactly as the Map-based
 * table does for the same values as engine values — same pairs, same order.
 */
import { describe, expect, it } from 'vitest';
import { buildJoinTable } from '../../src/exec/join-table.js';
import { boxColumn, NumColumn, type Column } from '../../src/exec/vector.js';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function column(values: readonly (number | null)[], boxing: 'number' | 'bigint' = 'number'): NumColumn {
  return new NumColumn(Float64Array.from(values, (v) => v ?? 0), new Uint8Array(values.map((v) => (v === null ? 1 : 0))), boxing);
}

/** Pairs from the typed table and from the Map table over the same values boxed. */
function bothWays(build: readonly Column[], probe: readonly Column[], rows: [number, number]): [unknown, unknown] {
  const typed = buildJoinTable(build, rows[0]).probe(probe, rows[1], false);
  const boxed = buildJoinTable(build.map(boxColumn), rows[0]).probe(probe.map(boxColumn), rows[1], false);
  return [typed, boxed];
}

describe('numeric join table', () => {
  it('pairs like the Map table: duplicates in build-row order, NULLs never', () => {
    const rand = random(1);
    for (let round = 0; round < 20; round++) {
      const key = (): number | null => (rand() < 0.1 ? null : Math.floor(rand() * 50) - 25);
      const build = Array.from({ length: 300 }, key);
      const probe = Array.from({ length: 200 }, key);
      const [typed, boxed] = bothWays([column(build)], [column(probe)], [300, 200]);
      expect(typed).toEqual(boxed);
    }
  });

  it('packs several integer keys, and falls back to the Map beyond what packing holds', () => {
    const rand = random(2);
    for (const spread of [100, 2 ** 30]) {
      const key = (): number | null => (rand() < 0.05 ? null : Math.floor(rand() * spread) % 7 === 0 ? -spread : Math.floor(rand() * 10));
      const cols = (n: number): NumColumn[] => [column(Array.from({ length: n }, key), 'bigint'), column(Array.from({ length: n }, key))];
      const [typed, boxed] = bothWays(cols(400), cols(300), [400, 300]);
      expect(typed).toEqual(boxed);
    }
  });

  it('matches NaN with NaN, as SQL equality on floats does', () => {
    const build = column([NaN, 1.5, NaN]);
    const probe = column([NaN, 1.5, 2]);
    const pairs = buildJoinTable([build], 3).probe([probe], 3, false);
    expect([Array.from(pairs.probeRows), Array.from(pairs.buildRows)]).toEqual([[0, 0, 1], [0, 2, 1]]);
  });

  it('probes with engine values too (an operator may have boxed the probe keys)', () => {
    const table = buildJoinTable([column([10, 20, 30], 'bigint')], 3);
    expect(table.firstMatches([[20n, 2n ** 60n, null, 10n]], 4)).toEqual(Int32Array.from([1, -1, -1, 0]));
  });

  it('offers a bitmap of its integer keys, and none for fractions', () => {
    const bits = buildJoinTable([column([1000, 1003, null, 1003])], 4).keyBits()!;
    expect(bits.min).toBe(1000);
    const has = (x: number): boolean => (bits.bits[(x - bits.min) >> 3]! & (1 << ((x - bits.min) & 7))) !== 0;
    expect([1000, 1001, 1002, 1003].map(has)).toEqual([true, false, false, true]);
    expect(buildJoinTable([column([1.5, 2])], 2).keyBits()).toBeNull();
  });
});
