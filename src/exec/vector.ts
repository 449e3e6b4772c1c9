/**
 * Columns as exec/ passes them between operators. A column is either an array of engine values
 * (types/datatype.ts) or a NumColumn: the values as numbers in a Float64Array with a NULL byte map.
 * Boxed values cost an allocation (a bigint per DECIMAL, a heap number per double) and the garbage
 * collector's time; a NumColumn is one typed array per batch, which typed kernels read directly and
 * which crosses a worker boundary as one memcpy.
 *
 * A NumColumn holds, per SQL type:
 * - SMALLINT, INTEGER, DATE, TIME, TIMESTAMP[TZ], REAL, DOUBLE: the engine number itself;
 * - BIGINT and DECIMAL (scaled by 10^scale): the engine bigint as a number — only ever built when
 *   every value is a safe integer (|v| <= 2^53 - 1), so it is exact and boxes back to the same bigint;
 * - BOOLEAN: 1 or 0.
 * The column carries how its numbers box back (`boxing`); consumers know the SQL type from the plan.
 * Operators that do not read NumColumns natively call boxColumn, which is always correct.
 */
import type { SqlType } from '../types/index.js';
import type { Batch } from './spec.js';

export type Boxing = 'number' | 'bigint' | 'boolean';

export class NumColumn {
  private boxedCache: unknown[] | null = null;

  /** `nulls[i] !== 0` marks row i NULL (its number is then meaningless); null = no NULLs. */
  constructor(
    readonly values: Float64Array,
    readonly nulls: Uint8Array | null,
    readonly boxing: Boxing,
  ) {}

  get length(): number {
    return this.values.length;
  }

  /** The engine values (computed once per column: several consumers may ask). */
  boxed(): unknown[] {
    if (this.boxedCache === null) this.boxedCache = boxNumbers(this.values, this.nulls, this.boxing);
    return this.boxedCache;
  }
}

export type Column = unknown[] | NumColumn;

/** A batch inside exec: like spec's Batch, but columns may be NumColumns. Every Batch is a VBatch. */
export interface VBatch {
  readonly columns: readonly Column[];
  readonly rowCount: number;
}

/** How a type's values travel as numbers, or null when they cannot (strings, intervals, unknown). */
export function numericBoxing(t: SqlType): Boxing | null {
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return 'number';
    case 'bigint':
    case 'decimal':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    default:
      return null;
  }
}

function boxNumbers(values: Float64Array, nulls: Uint8Array | null, boxing: Boxing): unknown[] {
  const n = values.length;
  const out = new Array<unknown>(n);
  switch (boxing) {
    case 'number':
      for (let i = 0; i < n; i++) out[i] = values[i];
      break;
    case 'bigint':
      for (let i = 0; i < n; i++) out[i] = nulls !== null && nulls[i] !== 0 ? null : BigInt(values[i]!);
      return out;
    case 'boolean':
      for (let i = 0; i < n; i++) out[i] = values[i] !== 0;
      break;
  }
  if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] !== 0) out[i] = null;
  return out;
}

/** The column's engine values. */
export function boxColumn(c: Column): unknown[] {
  return c instanceof NumColumn ? c.boxed() : c;
}

/** The batch with every column as engine values (what code outside exec expects). */
export function boxBatch(b: VBatch): Batch {
  return { columns: b.columns.map(boxColumn), rowCount: b.rowCount };
}

/**
 * The column as numbers when every value has an exact number form in `boxing` (a boxed column of
 * engine values is converted; bigints must be safe integers), else null.
 */
export function toNumColumn(c: Column, boxing: Boxing): NumColumn | null {
  if (c instanceof NumColumn) return c.boxing === boxing ? c : null;
  const n = c.length;
  const values = new Float64Array(n);
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = c[i];
    if (v === null) {
      (nulls ??= new Uint8Array(n))[i] = 1;
    } else if (typeof v === 'number') {
      if (boxing !== 'number') return null;
      values[i] = v;
    } else if (typeof v === 'bigint') {
      if (boxing !== 'bigint' || v > MAX_SAFE_BIG || v < -MAX_SAFE_BIG) return null;
      values[i] = Number(v);
    } else if (typeof v === 'boolean') {
      if (boxing !== 'boolean') return null;
      values[i] = v ? 1 : 0;
    } else {
      return null;
    }
  }
  return new NumColumn(values, nulls, boxing);
}
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** Row indices as an Int32Array (gathers loop over one array type, which keeps them fast). */
export function rowIndices(rows: ArrayLike<number>): Int32Array {
  return rows instanceof Int32Array ? rows : Int32Array.from(rows);
}

/** One column's values at `rows`, in that order; a row index of -1 gives NULL. */
export function gatherColumn(c: Column, rows: ArrayLike<number>): Column {
  const indices = rowIndices(rows);
  return c instanceof NumColumn ? gatherNumbers(c, indices) : gatherValues(c, indices);
}

function gatherNumbers(c: NumColumn, rows: Int32Array): NumColumn {
  const n = rows.length;
  const src = c.values;
  const srcNulls = c.nulls;
  const values = new Float64Array(n);
  let padded = false;
  if (srcNulls === null) {
    // The common case, without NULLs: one load and one store per row.
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r >= 0) values[i] = src[r]!;
      else padded = true;
    }
    if (!padded) return new NumColumn(values, null, c.boxing);
  }
  const nulls = new Uint8Array(n);
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < 0 || (srcNulls !== null && srcNulls[r] !== 0)) {
      nulls[i] = 1;
      anyNull = true;
    } else {
      values[i] = src[r]!;
    }
  }
  return new NumColumn(values, anyNull ? nulls : null, c.boxing);
}

function gatherValues(c: readonly unknown[], rows: Int32Array): unknown[] {
  const n = rows.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    out[i] = r < 0 ? null : c[r];
  }
  return out;
}

/** Rows [start, end) of a column. */
export function sliceColumn(c: Column, start: number, end: number): Column {
  if (c instanceof NumColumn) return new NumColumn(c.values.slice(start, end), c.nulls?.slice(start, end) ?? null, c.boxing);
  return c.slice(start, end);
}

/** The columns one after another, `total` values in all. Stays numeric when every part is alike. */
export function concatColumns(parts: readonly Column[], total: number): Column {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0];
  if (first instanceof NumColumn && parts.every((p) => p instanceof NumColumn && p.boxing === first.boxing)) {
    const values = new Float64Array(total);
    let nulls: Uint8Array | null = null;
    let at = 0;
    for (const p of parts as readonly NumColumn[]) {
      values.set(p.values, at);
      if (p.nulls !== null) (nulls ??= new Uint8Array(total)).set(p.nulls, at);
      at += p.length;
    }
    return new NumColumn(values, nulls, first.boxing);
  }
  const out = new Array<unknown>(total);
  let at = 0;
  for (const p of parts) {
    const values = boxColumn(p);
    for (let i = 0; i < values.length; i++) out[at++] = values[i];
  }
  return out;
}

/** A column of `n` NULLs. */
export function nullColumn(n: number): unknown[] {
  return new Array<unknown>(n).fill(null);
}
