/**
 * Normalizing and comparing result sets from Slicewise and the DuckDB reference.
 *
 * Both sides are reduced to canonical values: integers and decimals become one exact decimal text
 * (so Slicewise's BIGINT 3n, DuckDB's HUGEINT 3n and DECIMAL '3.00' all compare equal), floats stay
 * numbers compared with a relative tolerance, CHAR values lose their blank padding (DuckDB does not
 * pad), and timestamps drop a zero fraction.
 */
import type { QueryResult } from '../../src/index.js';

export type CanonValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'text'; readonly text: string };

export type CanonRow = readonly CanonValue[];

export const NULL_VALUE: CanonValue = { kind: 'null' };

const FLOAT_TOLERANCE = 1e-9;

/** Canonical decimal text: no leading zeros, no trailing fraction zeros, no '-0'. */
export function canonicalDecimal(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  if (m[4] !== undefined) return canonicalDecimal(expandExponent(m[2] ?? '', m[3] ?? '', Number(m[4]), m[1] ?? ''));
  const intPart = (m[2] ?? '').replace(/^0+/, '') || '0';
  const fracPart = (m[3] ?? '').replace(/0+$/, '');
  const digits = fracPart.length > 0 ? `${intPart}.${fracPart}` : intPart;
  return m[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

function expandExponent(intPart: string, fracPart: string, exp: number, sign: string): string {
  const all = intPart + fracPart;
  const point = intPart.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${all}`;
  if (point >= all.length) return `${sign}${all}${'0'.repeat(point - all.length)}`;
  return `${sign}${all.slice(0, point)}.${all.slice(point)}`;
}

/** 'YYYY-MM-DD HH:MI:SS[.ffffff]' with trailing fraction zeros (and an empty fraction) removed. */
export function canonicalTimestamp(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a timestamp: ${JSON.stringify(text)}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return frac.length > 0 ? `${m[1]} ${m[2]}.${frac}` : `${m[1]} ${m[2]}`;
}

function exactFromNumber(n: number): CanonValue {
  return { kind: 'exact', text: canonicalDecimal(Number.isInteger(n) ? n.toFixed(0) : String(n)) };
}

/** One Slicewise value, interpreted by its field's SQL type name (README's value contract). */
export function canonSlicewiseValue(value: unknown, sqlType: string): CanonValue {
  if (value === null || value === undefined) return NULL_VALUE;
  const type = sqlType.toLowerCase();
  if (type === 'real' || type === 'double precision') return { kind: 'float', value: Number(value) };
  if (type === 'smallint' || type === 'integer' || type === 'bigint' || type.startsWith('numeric')) {
    if (typeof value === 'number') return exactFromNumber(value);
    return { kind: 'exact', text: canonicalDecimal(String(value)) };
  }
  if (type === 'boolean') return { kind: 'bool', value: value === true };
  if (type.startsWith('character(') || type === 'character' || type.startsWith('bpchar')) {
    return { kind: 'text', text: String(value).replace(/ +$/, '') };
  }
  if (type.startsWith('timestamp')) return { kind: 'text', text: canonicalTimestamp(String(value)) };
  return { kind: 'text', text: String(value) };
}

/** A Slicewise result as canonical rows, in result order. */
export function canonSlicewise(result: QueryResult): CanonRow[] {
  // Arrays, not objects: a query may repeat a column name (`select count(a), count(b)`).
  return result.toArrays().map((row) => result.fields.map((f, i) => canonSlicewiseValue(row[i], f.type)));
}

/** What a reference engine reports per column, for canonicalization. */
export type RefColumnKind = 'integer' | 'decimal' | 'float' | 'boolean' | 'text' | 'date' | 'timestamp';

/** One reference-engine value (numbers, bigints, or objects whose String() is the SQL text). */
export function canonRefValue(value: unknown, kind: RefColumnKind): CanonValue {
  if (value === null || value === undefined) return NULL_VALUE;
  switch (kind) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? exactFromNumber(value) : { kind: 'exact', text: canonicalDecimal(String(value)) };
    case 'float':
      return { kind: 'float', value: Number(value) };
    case 'boolean':
      return { kind: 'bool', value: value === true };
    case 'timestamp':
      return { kind: 'text', text: canonicalTimestamp(String(value)) };
    case 'date':
    case 'text':
      return { kind: 'text', text: String(value) };
  }
}

function numericValue(v: CanonValue): number | undefined {
  if (v.kind === 'float') return v.value;
  if (v.kind === 'exact') return Number(v.text);
  return undefined;
}

/** Equal, with floats (on either side) compared to a relative tolerance. */
export function valuesEqual(a: CanonValue, b: CanonValue): boolean {
  if (a.kind === 'float' || b.kind === 'float') {
    const x = numericValue(a);
    const y = numericValue(b);
    if (x === undefined || y === undefined) return false;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
    if (x === y) return true;
    return Math.abs(x - y) <= FLOAT_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'exact':
    case 'text':
      return a.text === (b as { text: string }).text;
    case 'bool':
      return a.value === (b as { value: boolean }).value;
  }
}

/** Human-readable value, as in the diff. */
export function showValue(v: CanonValue): string {
  switch (v.kind) {
    case 'null':
      return 'NULL';
    case 'exact':
      return v.text;
    case 'float':
      return `${v.value}~`;
    case 'bool':
      return v.value ? 't' : 'f';
    case 'text':
      return JSON.stringify(v.text);
  }
}

function showRow(row: CanonRow): string {
  return `(${row.map(showValue).join(', ')})`;
}

/** Kind order for multiset sorting: NULL, numbers (exact and float together), booleans, text. */
function kindRank(v: CanonValue): number {
  return v.kind === 'null' ? 0 : v.kind === 'exact' || v.kind === 'float' ? 1 : v.kind === 'bool' ? 2 : 3;
}

/**
 * Order for multiset comparison, column by column. Exact numbers and floats compare by numeric
 * value (exact integers beyond 2^53 by their digits), so both sides sort alike; values within
 * the float tolerance may still tie, and ties keep the engines' own order.
 */
function compareRows(a: CanonRow, b: CanonRow): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const rank = kindRank(x) - kindRank(y);
    if (rank !== 0) return rank;
    let c = 0;
    if (x.kind === 'exact' && y.kind === 'exact') c = compareExact(x.text, y.text);
    else if (kindRank(x) === 1) c = (numericValue(x) ?? 0) - (numericValue(y) ?? 0);
    else if (x.kind === 'bool' && y.kind === 'bool') c = Number(x.value) - Number(y.value);
    else if (x.kind === 'text' && y.kind === 'text') c = x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Numeric order of two canonical decimal strings (optional '-', digits, optional '.digits'). */
function compareExact(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (x !== y) return x - y;
  return a === b ? 0 : a < b ? -1 : 1;
}

function rowsEqual(a: CanonRow, b: CanonRow): boolean {
  return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i] as CanonValue));
}

const DIFF_ROWS_SHOWN = 5;

/**
 * Compare two result sets; null when equal, else a readable report of the first differences.
 * `ordered`: rows must match position by position (the query's ORDER BY determines the order);
 * otherwise they are compared as multisets.
 */
export function diffResults(actual: readonly CanonRow[], expected: readonly CanonRow[], options: { ordered: boolean }): string | null {
  const widthA = actual[0]?.length;
  const widthE = expected[0]?.length;
  if (widthA !== undefined && widthE !== undefined && widthA !== widthE) {
    return `column count differs: slicewise ${widthA}, reference ${widthE}`;
  }
  const a = options.ordered ? actual : [...actual].sort(compareRows);
  const e = options.ordered ? expected : [...expected].sort(compareRows);
  const lines: string[] = [];
  if (a.length !== e.length) lines.push(`row count differs: slicewise ${a.length}, reference ${e.length}`);
  for (let i = 0; i < Math.max(a.length, e.length) && lines.length <= DIFF_ROWS_SHOWN; i++) {
    const ra = a[i];
    const re = e[i];
    if (ra !== undefined && re !== undefined && rowsEqual(ra, re)) continue;
    lines.push(`row ${i}${options.ordered ? '' : ' (sorted)'}: slicewise ${ra ? showRow(ra) : '<none>'}, reference ${re ? showRow(re) : '<none>'}`);
  }
  return lines.length === 0 ? null : lines.join('\n');
}

