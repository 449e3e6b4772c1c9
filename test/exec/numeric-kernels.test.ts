/**
 * The typed kernels (expr-numeric.ts) against the types/ implementations they stand in for: on
 * NumColumn inputs — random values, values at the edges of the exact range, NULLs — a compiled
 * expression must give exactly what the implementation gives row by row, or raise its error.
 */
import { describe, expect, it } from 'vitest';
import { compileExpr } from '../../src/exec/expr.js';
import type { PExpr } from '../../src/exec/spec.js';
import { NumColumn } from '../../src/exec/vector.js';
import { BIGINT, castValue, DOUBLE, getImplementation, INTEGER, resolveOperator, SMALLINT, decimalType, DATE, TIMESTAMP, type SqlType } from '../../src/types/index.js';

/** A seeded generator (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values whose rounding is a tie at some scale (…5, …50, …500), and their neighbours. */
const TIES = [0, 5, -5, 15, -25, 45, 50, -50, 55, 150, 449, 450, 451, -450, 500, -500, 1500, 2500, -2500, 5000, -5000, 49999, 50000];

/**
 * `n` integers: mostly small, some near `limit` (where kernels must give up on the batch), some NULL;
 * then the ties. Callers alternate a large and a small limit, so both the typed path and the
 * fallback are exercised.
 */
function integers(rand: () => number, n: number, limit: number): (number | null)[] {
  return Array.from({ length: n - TIES.length }, (): number | null => {
    const r = rand();
    if (r < 0.1) return null;
    if (r < 0.2) return Math.floor((rand() * 2 - 1) * limit);
    if (r < 0.25) return rand() < 0.5 ? limit : -limit;
    return Math.floor((rand() * 2 - 1) * 100000);
  }).concat(TIES);
}

function numColumn(values: readonly (number | null)[], boxing: 'number' | 'bigint'): NumColumn {
  const nulls = new Uint8Array(values.map((v) => (v === null ? 1 : 0)));
  return new NumColumn(Float64Array.from(values, (v) => v ?? 0), nulls, boxing);
}

const engine = (v: number | null, t: SqlType): unknown => (v === null ? null : t.kind === 'bigint' || t.kind === 'decimal' ? BigInt(v) : v);

/** Rows of the reference, or its first error's SQLSTATE. */
function reference(rows: number, f: (i: number) => unknown): unknown[] | string {
  const out: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    try {
      out.push(f(i));
    } catch (e) {
      return (e as { code: string }).code;
    }
  }
  return out;
}

function compiled(e: PExpr, columns: NumColumn[], rows: number): unknown[] | string {
  try {
    return compileExpr(e)({ columns, rowCount: rows });
  } catch (e) {
    return (e as { code: string }).code;
  }
}

const TYPES: readonly [SqlType, number][] = [
  [SMALLINT, 40000],
  [INTEGER, 3e9],
  [BIGINT, 2 ** 53 - 1],
  [decimalType(15, 2), 1e15 - 1],
  [decimalType(5, 3), 99999],
  [decimalType(18, 4), 2 ** 53 - 1],
];

describe('typed arithmetic kernels', () => {
  for (const [type, limit] of TYPES) {
    for (const op of ['+', '-', '*', '/', '%']) {
      it(`${type.kind}${type.kind === 'decimal' ? `(${type.precision},${type.scale})` : ''} ${op} agrees with types/`, () => {
        const rand = random(limit + op.charCodeAt(0));
        for (let round = 0; round < 20; round++) {
          const n = 64;
          const bound = round % 2 === 0 ? limit : Math.min(limit, 30000);
          const a = integers(rand, n, bound).map((v) => (type.kind === 'smallint' && v !== null ? Math.max(-32768, Math.min(32767, v)) : v));
          const b = integers(rand, n, bound).map((v) => (type.kind === 'smallint' && v !== null ? Math.max(-32768, Math.min(32767, v)) : v));
          const resolved = resolveOperator(op, type, type);
          if (resolved === null) continue;
          const { fn } = getImplementation(resolved.id);
          const e: PExpr = { kind: 'call', id: resolved.id, args: [{ kind: 'col', index: 0, type }, { kind: 'col', index: 1, type }], type: resolved.type };
          const boxing = type.kind === 'bigint' || type.kind === 'decimal' ? 'bigint' : 'number';
          const expected = reference(n, (i) => (a[i] === null || b[i] === null ? null : fn(engine(a[i]!, type), engine(b[i]!, type))));
          expect(compiled(e, [numColumn(a, boxing), numColumn(b, boxing)], n)).toEqual(expected);
        }
      });
    }
  }
});

describe('typed casts', () => {
  const casts: readonly [SqlType, SqlType, number][] = [
    [INTEGER, BIGINT, 2 ** 31 - 1],
    [BIGINT, INTEGER, 2 ** 40],
    [decimalType(15, 2), decimalType(15, 4), 1e13],
    [decimalType(15, 4), decimalType(10, 1), 1e15 - 1],
    [decimalType(12, 3), INTEGER, 1e12 - 1],
    [decimalType(12, 3), BIGINT, 1e12 - 1],
    [INTEGER, decimalType(6, 2), 2 ** 31 - 1],
    [decimalType(15, 2), DOUBLE, 1e15 - 1],
    [BIGINT, DOUBLE, 2 ** 53 - 1],
    [DATE, TIMESTAMP, 1e6],
  ];
  for (const [from, to, limit] of casts) {
    it(`${from.kind} -> ${to.kind} agrees with castValue`, () => {
      const rand = random(limit);
      for (let round = 0; round < 20; round++) {
        const n = 64;
        const a = integers(rand, n, round % 2 === 0 ? limit : Math.min(limit, 30000));
        const e: PExpr = { kind: 'cast', expr: { kind: 'col', index: 0, type: from }, type: to, explicit: true };
        const boxing = from.kind === 'bigint' || from.kind === 'decimal' ? 'bigint' : 'number';
        const expected = reference(n, (i) => (a[i] === null ? null : castValue(engine(a[i]!, from), from, to, true)));
        expect(compiled(e, [numColumn(a, boxing)], n)).toEqual(expected);
      }
    });
  }
});
