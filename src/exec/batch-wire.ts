/**
 * Batches on the wire between the leader and compute nodes. Structured clone copies a JS array value
 * by value (~70 ns per number, more per bigint); a typed array is one memcpy. So a NumColumn travels
 * as its Float64Array, and so does a boxed column whose values are all numbers, booleans or safe
 * bigints (decoded as a NumColumn that boxes back to the same values); other bigints travel as a
 * BigInt64Array, strings as one string with each one's length (no separator, so any character may
 * occur), and anything else (aggregate states, intervals, wide decimals) as it is.
 */
import { NumColumn, type Boxing, type Column, type VBatch } from './vector.js';

export type WireColumn =
  | { readonly kind: 'number'; readonly values: Float64Array; readonly nulls: Uint8Array | null; readonly boxing: Boxing }
  | { readonly kind: 'bigint'; readonly values: BigInt64Array; readonly nulls: Uint8Array | null }
  /** The strings one after another, and each one's length in UTF-16 code units (a NULL row's is 0). */
  | { readonly kind: 'text'; readonly joined: string; readonly lengths: Int32Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

export interface WireBatch {
  readonly rowCount: number;
  readonly columns: readonly WireColumn[];
}

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type ValueKind = 'number' | 'boolean' | 'bigint' | 'text';
type BoxedKind = 'number' | 'boolean' | 'safeBigint' | 'bigint' | 'text' | 'values';

/** The kind every non-null value of a boxed column fits, or 'values'. */
function columnKind(values: readonly unknown[]): BoxedKind {
  let kind: ValueKind | null = null;
  let unsafe = false;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    let k: ValueKind;
    switch (typeof v) {
      case 'number':
        k = 'number';
        break;
      case 'bigint':
        if (v < MIN_I64 || v > MAX_I64) return 'values';
        if (v > MAX_SAFE || v < -MAX_SAFE) unsafe = true;
        k = 'bigint';
        break;
      case 'boolean':
        k = 'boolean';
        break;
      case 'string':
        k = 'text';
        break;
      default:
        return 'values';
    }
    if (kind === null) kind = k;
    else if (kind !== k) return 'values';
  }
  if (kind === 'bigint' && !unsafe) return 'safeBigint';
  return kind ?? 'values';
}

function nullMap(values: readonly unknown[]): Uint8Array | null {
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) (nulls ??= new Uint8Array(values.length))[i] = 1;
  }
  return nulls;
}

export function toWire(batch: VBatch): WireBatch {
  return { rowCount: batch.rowCount, columns: batch.columns.map(encodeColumn) };
}

function encodeColumn(column: Column): WireColumn {
  if (column instanceof NumColumn) return { kind: 'number', values: column.values, nulls: column.nulls, boxing: column.boxing };
  const values = column;
  const kind = columnKind(values);
  const n = values.length;
  switch (kind) {
    case 'number':
    case 'boolean':
    case 'safeBigint': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i] as number | boolean | bigint | null;
        out[i] = v === null ? 0 : Number(v);
      }
      return { kind: 'number', values: out, nulls: nullMap(values), boxing: kind === 'safeBigint' ? 'bigint' : kind };
    }
    case 'bigint': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = (values[i] as bigint | null) ?? 0n;
      return { kind, values: out, nulls: nullMap(values) };
    }
    case 'text': {
      const lengths = new Int32Array(n);
      for (let i = 0; i < n; i++) lengths[i] = (values[i] as string | null)?.length ?? 0;
      const nulls = nullMap(values);
      return { kind, joined: (nulls ? values.map((v) => v ?? '') : values).join(''), lengths, nulls };
    }
    case 'values':
      return { kind, values };
  }
}

export function fromWire(w: WireBatch): VBatch {
  return { rowCount: w.rowCount, columns: w.columns.map((c) => decodeColumn(c, w.rowCount)) };
}

export function decodeColumn(c: WireColumn, n: number): Column {
  switch (c.kind) {
    case 'number':
      return new NumColumn(c.values, c.nulls, c.boxing);
    case 'values':
      return c.values as unknown[];
    case 'bigint': {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = c.nulls !== null && c.nulls[i] === 1 ? null : c.values[i];
      return out;
    }
    case 'text': {
      const out = new Array<unknown>(n);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const end = at + c.lengths[i]!;
        out[i] = c.nulls !== null && c.nulls[i] === 1 ? null : c.joined.substring(at, end);
        at = end;
      }
      return out;
    }
  }
}
