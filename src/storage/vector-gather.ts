/**
 * Moving rows between column vectors without decoding them: chosen rows of several source vectors
 * scattered into new vectors by a plan (COPY dealing rows to their destination slices), and
 * concatenation of chosen rows (the few columns a sort reads).
 *
 * Each source is read once, its chosen rows in order, and each row is written straight to its place
 * in whichever output it belongs to. Reading the sources once per output instead (an output at a
 * time) touches every page of every source again for each output. One typed loop per value width;
 * floats and 64-bit values move as 32-bit words, so no value is boxed and every bit pattern
 * survives. Outputs are fresh zero-filled shared memory, all outputs of a column in one
 * SharedArrayBuffer; NULL rows are never copied, so their slots stay zero (and their strings empty)
 * whatever the source holds there.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { int32Words } from './wide-ints.js';
import { allocateVectors, bitAt, setBit } from './vector-buffers.js';
import { layoutOf } from '../types/column-vector.js';

/** Rows `rows` of `vector`, in that order. */
export interface RowSource {
  readonly vector: ColumnVector;
  readonly rows: Int32Array;
}

/**
 * Where every input row goes. Input rows are the sources' rows counted through the sources in order;
 * input row i becomes row `at[i]` of output `target[i]`, and together they fill every row of every
 * output once.
 */
export interface ScatterPlan {
  readonly target: Int32Array;
  readonly at: Int32Array;
  /** Rows of each output. */
  readonly lengths: readonly number[];
}

/** The outputs of the plan, of `type`, in shared memory (chunk layout). */
export function scatterVectors(type: SqlType, sources: readonly RowSource[], plan: ScatterPlan): ColumnVector[] {
  const layout = layoutOf(type);
  if (layout === 'utf8') return scatterStringVectors(type, sources, plan).vectors;
  const nulls = new Int32Array(plan.lengths.length);
  if (sources.some((s) => s.vector.validity !== null)) countNulls(sources, plan, nulls, null);
  const outs = allocateVectors(type, plan.lengths.map((length, v) => ({ length, withValidity: nulls[v]! > 0 })));
  const validity = nulls.some((n) => n > 0) ? outs.map((o) => o.validity) : null;
  const values = outs.map((o) => o.values);
  const words = layout === 2 || layout === 'bits' ? [] : values.map(int32Words);
  const { target, at } = plan;
  let first = 0;
  for (const source of sources) {
    const valid = source.vector.validity;
    if (validity !== null) scatterValidity(source, first, target, at, validity);
    switch (layout) {
      case 2: scatter16(source, first, target, at, values as Int16Array[], valid); break;
      case 4: scatterWords1(source, first, target, at, words, valid); break;
      case 8: scatterWords2(source, first, target, at, words, valid); break;
      case 16: scatterWords4(source, first, target, at, words, valid); break;
      case 'bits': scatterBits(source, first, target, at, values as Uint8Array[]); break;
    }
    first += source.rows.length;
  }
  return outs.map((o, v) => ({ type, length: plan.lengths[v]!, values: o.values, offsets: null, validity: o.validity, nullCount: nulls[v]! }));
}

/** scatterVectors for CHAR/VARCHAR, telling also whether each output's bytes are all ASCII (found while copying). */
export function scatterStringVectors(type: SqlType, sources: readonly RowSource[], plan: ScatterPlan): { vectors: ColumnVector[]; ascii: boolean[] } {
  const width = commonWidth(sources);
  if (width >= 0) return scatterFixedWidthStrings(type, sources, plan, width);
  const count = plan.lengths.length;
  const nulls = new Int32Array(count);
  const bytes = new Float64Array(count);
  countNulls(sources, plan, nulls, bytes);
  const outs = allocateVectors(type, plan.lengths.map((length, v) => ({ length, withValidity: nulls[v]! > 0, utf8Bytes: bytes[v]! })));
  const validity = nulls.some((n) => n > 0) ? outs.map((o) => o.validity) : null;
  const offsets = outs.map((o) => o.offsets!);
  let first = 0;
  for (const source of sources) {
    if (validity !== null) scatterValidity(source, first, plan.target, plan.at, validity);
    stringLengths(source, first, plan.target, plan.at, offsets);
    first += source.rows.length;
  }
  offsets.forEach((o, v) => runningSum(o, plan.lengths[v]!));
  const values = outs.map((o) => o.values as Uint8Array);
  const views = values.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
  const bits = new Int32Array(count);
  first = 0;
  for (const source of sources) {
    copyStringBytes(source, first, plan.target, plan.at, offsets, values, views, bits);
    first += source.rows.length;
  }
  return {
    vectors: outs.map((o, v) => ({ type, length: plan.lengths[v]!, values: values[v]!, offsets: offsets[v]!, validity: o.validity, nullCount: nulls[v]! })),
    ascii: Array.from(bits, (b) => (b & 0x80808080) === 0),
  };
}

/**
 * The byte length every row of every source has (and no NULL), or -1. A CHAR(n) column without NULLs
 * always has one — the engine keeps CHAR values as n single-byte characters, blank-padded (types/
 * parse.ts fitString; COPY's converters do the same) — so its offsets are implicit and its rows move
 * like fixed-width values, without the lengths pass and the running sums.
 */
function commonWidth(sources: readonly RowSource[]): number {
  let width = -1;
  for (const { vector } of sources) {
    const n = vector.length;
    if (n === 0) continue;
    if (vector.validity !== null) return -1;
    const offsets = vector.offsets!;
    const base = offsets[0]!;
    const w = offsets[1]! - base;
    if ((width >= 0 && w !== width) || offsets[n]! - base !== n * w) return -1;
    for (let i = 2; i < n; i++) if (offsets[i] !== base + i * w) return -1;
    width = w;
  }
  return width;
}

function scatterFixedWidthStrings(type: SqlType, sources: readonly RowSource[], plan: ScatterPlan, width: number): { vectors: ColumnVector[]; ascii: boolean[] } {
  const outs = allocateVectors(type, plan.lengths.map((length) => ({ length, withValidity: false, utf8Bytes: length * width })));
  for (const o of outs) {
    const offsets = o.offsets!;
    for (let i = 0; i < offsets.length; i++) offsets[i] = i * width;
  }
  const values = outs.map((o) => o.values as Uint8Array);
  const views = values.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
  const bits = new Int32Array(outs.length);
  let first = 0;
  for (const source of sources) {
    copyFixedWidthStrings(source, first, plan.target, plan.at, width, values, views, bits);
    first += source.rows.length;
  }
  return {
    vectors: outs.map((o, v) => ({ type, length: plan.lengths[v]!, values: values[v]!, offsets: o.offsets, validity: null, nullCount: 0 })),
    ascii: Array.from(bits, (b) => (b & 0x80808080) === 0),
  };
}

function copyFixedWidthStrings(
  source: RowSource, first: number, target: Int32Array, at: Int32Array, width: number,
  out: readonly Uint8Array[], views: readonly DataView[], bits: Int32Array,
): void {
  const { vector, rows } = source;
  const srcBytes = vector.values as Uint8Array;
  const base = vector.offsets![0]!;
  if (width === 1) {
    for (let k = 0; k < rows.length; k++) {
      const t = target[first + k]!;
      const byte = srcBytes[base + rows[k]!]!;
      out[t]![at[first + k]!] = byte;
      bits[t]! |= byte;
    }
    return;
  }
  const srcView = new DataView(srcBytes.buffer, srcBytes.byteOffset, srcBytes.byteLength);
  for (let k = 0; k < rows.length; k++) {
    const t = target[first + k]!;
    const b = base + rows[k]! * width;
    bits[t]! |= copyBytes(srcView, srcBytes, b, b + width, views[t]!, out[t]!, at[first + k]! * width);
  }
}

/** The chosen rows of every source, one source after another, as one vector of `type`. */
export function concatRows(type: SqlType, sources: readonly RowSource[]): ColumnVector {
  const n = sources.reduce((total, s) => total + s.rows.length, 0);
  return scatterVectors(type, sources, { target: new Int32Array(n), at: allRows(n), lengths: [n] })[0]!;
}

/** Row indexes 0 .. n - 1: every row of a vector, in order. */
export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** NULL rows per output, and (strings, `bytes` non-null) the string bytes per output. */
function countNulls(sources: readonly RowSource[], plan: ScatterPlan, nulls: Int32Array, bytes: Float64Array | null): void {
  const target = plan.target;
  let first = 0;
  for (const { vector, rows } of sources) {
    const valid = vector.validity;
    const offsets = vector.offsets;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const t = target[first + k]!;
      if (valid !== null && bitAt(valid, r) === 0) nulls[t]!++;
      else if (bytes !== null) bytes[t]! += offsets![r + 1]! - offsets![r]!;
    }
    first += rows.length;
  }
}

function scatterValidity(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly (Uint8Array | null)[]): void {
  const { vector, rows } = source;
  const valid = vector.validity;
  for (let k = 0; k < rows.length; k++) {
    const bits = out[target[first + k]!]!;
    if (bits !== null && (valid === null || bitAt(valid, rows[k]!) !== 0)) setBit(bits, at[first + k]!);
  }
}

function scatter16(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Int16Array[], valid: Uint8Array | null): void {
  const src = source.vector.values as Int16Array;
  const rows = source.rows;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (valid !== null && bitAt(valid, r) === 0) continue;
    out[target[first + k]!]![at[first + k]!] = src[r]!;
  }
}

function scatterWords1(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Int32Array[], valid: Uint8Array | null): void {
  const src = int32Words(source.vector.values);
  const rows = source.rows;
  if (valid === null) {
    for (let k = 0; k < rows.length; k++) out[target[first + k]!]![at[first + k]!] = src[rows[k]!]!;
    return;
  }
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (bitAt(valid, r) !== 0) out[target[first + k]!]![at[first + k]!] = src[r]!;
  }
}

function scatterWords2(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Int32Array[], valid: Uint8Array | null): void {
  const src = int32Words(source.vector.values);
  const rows = source.rows;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (valid !== null && bitAt(valid, row) === 0) continue;
    const dst = out[target[first + k]!]!;
    const r = row << 1;
    const p = at[first + k]! << 1;
    dst[p] = src[r]!;
    dst[p + 1] = src[r + 1]!;
  }
}

function scatterWords4(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Int32Array[], valid: Uint8Array | null): void {
  const src = int32Words(source.vector.values);
  const rows = source.rows;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (valid !== null && bitAt(valid, row) === 0) continue;
    const dst = out[target[first + k]!]!;
    const r = row << 2;
    const p = at[first + k]! << 2;
    dst[p] = src[r]!;
    dst[p + 1] = src[r + 1]!;
    dst[p + 2] = src[r + 2]!;
    dst[p + 3] = src[r + 3]!;
  }
}

/** BOOLEAN values: only true bits are set (a NULL row's value bit is cleared in the source too, but need not be). */
function scatterBits(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Uint8Array[]): void {
  const src = source.vector.values as Uint8Array;
  const valid = source.vector.validity;
  const rows = source.rows;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (bitAt(src, r) !== 0 && (valid === null || bitAt(valid, r) !== 0)) setBit(out[target[first + k]!]!, at[first + k]!);
  }
}

/** Each row's byte length at its output row (a running sum then makes them offsets); NULL rows 0. */
function stringLengths(source: RowSource, first: number, target: Int32Array, at: Int32Array, out: readonly Int32Array[]): void {
  const { vector, rows } = source;
  const src = vector.offsets!;
  const valid = vector.validity;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (valid !== null && bitAt(valid, r) === 0) continue;
    out[target[first + k]!]![at[first + k]!] = src[r + 1]! - src[r]!;
  }
}

/** Lengths at [0, n) become start offsets, and offsets[n] the total. */
function runningSum(offsets: Int32Array, n: number): void {
  let end = 0;
  for (let i = 0; i < n; i++) {
    const length = offsets[i]!;
    offsets[i] = end;
    end += length;
  }
  offsets[n] = end;
}

/**
 * Four bytes at a time through DataViews (offsets are not aligned), the last few one by one. ORs
 * every byte copied into `bits` (per output), so the caller learns whether all were ASCII.
 */
function copyStringBytes(
  source: RowSource, first: number, target: Int32Array, at: Int32Array,
  offsets: readonly Int32Array[], out: readonly Uint8Array[], views: readonly DataView[], bits: Int32Array,
): void {
  const { vector, rows } = source;
  const src = vector.offsets!;
  const srcBytes = vector.values as Uint8Array;
  const srcView = new DataView(srcBytes.buffer, srcBytes.byteOffset, srcBytes.byteLength);
  const valid = vector.validity;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (valid !== null && bitAt(valid, r) === 0) continue;
    const b = src[r]!;
    const end = src[r + 1]!;
    if (b === end) continue;
    const t = target[first + k]!;
    bits[t]! |= copyBytes(srcView, srcBytes, b, end, views[t]!, out[t]!, offsets[t]![at[first + k]!]!);
  }
}

/**
 * Copies src[b, end) to out at `o`, a 32-bit word at a time while it can; returns the OR of every
 * byte copied (its high bit tells whether the bytes were all ASCII).
 */
function copyBytes(srcView: DataView, srcBytes: Uint8Array, b: number, end: number, view: DataView, bytes: Uint8Array, o: number): number {
  let seen = 0;
  for (; b + 4 <= end; b += 4, o += 4) {
    const word = srcView.getInt32(b, true);
    seen |= word;
    view.setInt32(o, word, true);
  }
  for (; b < end; b++, o++) {
    const byte = srcBytes[b]!;
    seen |= byte;
    bytes[o] = byte;
  }
  return seen;
}
