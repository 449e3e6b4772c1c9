/**
 * The window operator's sliding frames against a brute-force evaluation: random partitions, values
 * with NULLs and random ROWS frames (including empty ones), for every framed aggregate and value
 * function, with and without IGNORE NULLS.
 */
import { describe, expect, it } from 'vitest';
import { windowOperator } from '../../src/exec/operators/window.js';
import type { AggregateFunction, Batch, PExpr, POp, WindowFrame, WindowFunctionSpec } from '../../src/exec/spec.js';
import { BIGINT, DOUBLE, INTEGER, type SqlType } from '../../src/types/index.js';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const col = (index: number, type: SqlType = INTEGER): PExpr => ({ kind: 'col', index, type });
const ROWS = 400;

/** Columns: id (unique, the window order), partition (0..4), value (NULL 30% of the time). */
function data(rand: () => number): Batch[] {
  const id: unknown[] = [];
  const part: unknown[] = [];
  const value: unknown[] = [];
  for (let i = 0; i < ROWS; i++) {
    id.push((i * 7919) % ROWS);
    part.push(Math.floor(rand() * 5));
    value.push(rand() < 0.3 ? null : Math.floor(rand() * 100) - 50);
  }
  // Two batches, so the operator stitches its input together and splits its output again.
  const half = ROWS / 2;
  const slice = (from: number, to: number): Batch => ({ columns: [id.slice(from, to), part.slice(from, to), value.slice(from, to)], rowCount: to - from });
  return [slice(0, half), slice(half, ROWS)];
}

function randomFrame(rand: () => number): WindowFrame {
  const bound = (): number | null => (rand() < 0.2 ? null : Math.floor(rand() * 9) - 4);
  let start = bound();
  let end = bound();
  if (start !== null && end !== null && start > end) [start, end] = [end, start];
  return { start, end };
}

/** Each partition's rows (indices into the flattened input) in window order. */
function partitions(batches: readonly Batch[]): number[][] {
  const ids = batches.flatMap((b) => b.columns[0]!) as number[];
  const parts = batches.flatMap((b) => b.columns[1]!) as number[];
  const byPart = new Map<number, number[]>();
  ids.forEach((_, row) => byPart.set(parts[row]!, [...(byPart.get(parts[row]!) ?? []), row]));
  return [...byPart.values()].map((rows) => rows.sort((a, b) => ids[a]! - ids[b]!));
}

function bruteForce(spec: WindowFunctionSpec, batches: readonly Batch[]): unknown[] {
  const values = batches.flatMap((b) => b.columns[2]!) as (number | null)[];
  const out = new Array<unknown>(values.length).fill(null);
  for (const rows of partitions(batches)) {
    rows.forEach((row, q) => {
      const frame = spec.kind === 'aggregate' || spec.kind === 'value' ? spec.frame : { start: null, end: null };
      const lo = frame.start === null ? 0 : Math.max(0, q + frame.start);
      const hi = frame.end === null ? rows.length - 1 : Math.min(rows.length - 1, q + frame.end);
      const inFrame = lo <= hi ? rows.slice(lo, hi + 1).map((r) => values[r]!) : [];
      const nonNull = inFrame.filter((v): v is number => v !== null);
      if (spec.kind === 'value') {
        const pool = spec.ignoreNulls ? nonNull : inFrame;
        out[row] = (spec.fromEnd ? pool[pool.length - 1] : pool[spec.n - 1]) ?? null;
      } else if (spec.kind === 'aggregate') {
        out[row] = aggregateOf(spec.aggregate.fn, inFrame, nonNull);
      }
    });
  }
  return out;
}

function aggregateOf(fn: AggregateFunction, all: readonly (number | null)[], values: readonly number[]): unknown {
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  switch (fn) {
    case 'count_star':
      return BigInt(all.length);
    case 'count':
      return BigInt(n);
    case 'sum':
      return n === 0 ? null : BigInt(sum);
    case 'avg':
      return n === 0 ? null : BigInt(Math.trunc(sum / n));
    case 'min':
      return n === 0 ? null : Math.min(...values);
    case 'max':
      return n === 0 ? null : Math.max(...values);
    case 'var_samp':
    case 'stddev_pop': {
      if (n === 0 || (fn === 'var_samp' && n === 1)) return null;
      const mean = sum / n;
      const m2 = values.reduce((a, v) => a + (v - mean) ** 2, 0);
      return fn === 'var_samp' ? m2 / (n - 1) : Math.sqrt(m2 / n);
    }
    default:
      throw new Error(`no brute force for ${fn}`);
  }
}

function run(spec: WindowFunctionSpec, batches: Batch[]): unknown[] {
  const op: Extract<POp, { kind: 'window' }> = {
    kind: 'window',
    input: { kind: 'rows', batch: batches[0]!, types: [INTEGER, INTEGER, INTEGER] },
    partitionBy: [col(1)],
    orderBy: [{ expr: col(0), descending: false, nullsFirst: false }],
    functions: [spec],
  };
  return [...windowOperator(op, batches, 3)].flatMap((b) => b.columns[3]!);
}

const AGGREGATES: readonly [AggregateFunction, SqlType][] = [
  ['count_star', BIGINT], ['count', BIGINT], ['sum', BIGINT], ['avg', BIGINT], ['min', INTEGER], ['max', INTEGER],
  ['var_samp', DOUBLE], ['stddev_pop', DOUBLE],
];

describe('sliding ROWS frames match a brute-force evaluation', () => {
  for (const [fn, type] of AGGREGATES) {
    it(`${fn}`, () => {
      const rand = random(fn.length * 7919);
      for (let trial = 0; trial < 25; trial++) {
        const batches = data(rand);
        const frame = randomFrame(rand);
        const spec: WindowFunctionSpec = { kind: 'aggregate', aggregate: { fn, arg: fn === 'count_star' ? null : col(2), distinct: false, type }, frame, type };
        const actual = run(spec, batches);
        const expected = bruteForce(spec, batches);
        const close = expected.map((v) => (typeof v === 'number' && type === DOUBLE ? expect.closeTo(v, 8) : v));
        expect(actual, `frame ${JSON.stringify(frame)}`).toEqual(close);
      }
    });
  }

  for (const ignoreNulls of [false, true]) {
    it(`first / last / nth value${ignoreNulls ? ' ignoring nulls' : ''}`, () => {
      const rand = random(ignoreNulls ? 11 : 13);
      for (let trial = 0; trial < 25; trial++) {
        const batches = data(rand);
        const frame = randomFrame(rand);
        const n = 1 + Math.floor(rand() * 3);
        for (const fromEnd of [false, true]) {
          const spec: WindowFunctionSpec = { kind: 'value', arg: col(2), n: fromEnd ? 1 : n, fromEnd, frame, ignoreNulls, type: INTEGER };
          expect(run(spec, batches), `frame ${JSON.stringify(frame)} n ${n} fromEnd ${fromEnd}`).toEqual(bruteForce(spec, batches));
        }
      }
    });
  }
});
