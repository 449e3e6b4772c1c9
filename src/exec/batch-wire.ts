/**
 * Batches on the wire between the leader and compute nodes. Structured clone copies a JS array value
 * by value (~70 ns per number, more per bigint); a typed array is one memcpy. So a column whose values
 * are all numbers, bigints (64-bit), booleans or strings travels as typed arrays / one joined string,
 * and anything else (aggregate states, intervals, wide decimals) as it is.
 */
import type { Batch } from './spec.js';

export type WireColumn =
  | { readonly kind: 'number'; readonly values: Float64Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'bigint'; readonly values: BigInt64Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'boolean'; readonly values: Uint8Array; readonly nulls: Uint8Array | null }
  /** Strings joined by NUL (used only when no value contains one). */
  | { readonly kind: 'text'; readonly joined: string; readonly nulls: Uint8Array | null }
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

export interface WireBatch {
  readonly rowCount: number;
  readonly columns: readonly WireColumn[];
}

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

/** The kind every non-null value of the column fits, or 'values'. */
function columnKind(values: readonly unknown[]): WireColumn['kind'] {
  let kind: WireColumn['kind'] | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    let k: WireColumn['kind'];
    switch (typeof v) {
      case 'number':
        k = 'number';
        break;
      case 'bigint':
        if (v < MIN_I64 || v > MAX_I64) return 'values';
        k = 'bigint';
        break;
      case 'boolean':
        k = 'boolean';
        break;
      case 'string':
        if (v.includes('\u0000')) return 'values';
        k = 'text';
        break;
      default:
        return 'values';
    }
    if (kind === null) kind = k;
    else if (kind !== k) return 'values';
  }
  return kind ?? 'values';
}

function nullMap(values: readonly unknown[]): Uint8Array | null {
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) (nulls ??= new Uint8Array(values.length))[i] = 1;
  }
  return nulls;
}

export function toWire(batch: Batch): WireBatch {
  return { rowCount: batch.rowCount, columns: batch.columns.map(encodeColumn) };
}

function encodeColumn(values: readonly unknown[]): WireColumn {
  const kind = columnKind(values);
  const n = values.length;
  switch (kind) {
    case 'number': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = (values[i] as number | null) ?? 0;
      return { kind, values: out, nulls: nullMap(values) };
    }
    case 'bigint': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = (values[i] as bigint | null) ?? 0n;
      return { kind, values: out, nulls: nullMap(values) };
    }
    case 'boolean': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i] === true ? 1 : 0;
      return { kind, values: out, nulls: nullMap(values) };
    }
    case 'text': {
      const nulls = nullMap(values);
      const joined = (nulls ? values.map((v) => v ?? '') : values).join('\u0000');
      return { kind, joined, nulls };
    }
    case 'values':
      return { kind, values };
  }
}

export function fromWire(w: WireBatch): Batch {
  return { rowCount: w.rowCount, columns: w.columns.map((c) => decodeColumn(c, w.rowCount)) };
}

function decodeColumn(c: WireColumn, n: number): unknown[] {
  if (c.kind === 'values') return c.values as unknown[];
  const out: unknown[] = c.kind === 'text' ? (n === 0 ? [] : c.joined.split('\u0000')) : new Array(n);
  if (c.kind === 'number' || c.kind === 'bigint') for (let i = 0; i < n; i++) out[i] = c.values[i];
  else if (c.kind === 'boolean') for (let i = 0; i < n; i++) out[i] = c.values[i] === 1;
  if (c.nulls) for (let i = 0; i < n; i++) if (c.nulls[i] === 1) out[i] = null;
  return out;
}
