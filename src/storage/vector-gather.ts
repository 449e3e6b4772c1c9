/**
 * Moving rows between column vectors without decoding them: a new vector gathered from chosen rows
 * of one or more source vectors (so row groups need not be concatenated first: on this kind of
 * workload allocating and first touching memory costs about as much as the copying itself), and
 * plain concatenation for the few columns a sort reads. One typed loop per value width; floats and
 * 64-bit values move as 32-bit words, so no value is boxed and every bit pattern survives.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { int32Words } from './wide-ints.js';
import { allocateVector, bitAt, layoutOf, setBit } from './vector-buffers.js';

/**
 * Rows to take from one source vector: source rows `rows[from, to)` go to output positions
 * `at[from, to)`, or, with `at` null, to positions 0, 1, ... in order.
 */
export interface Take {
  readonly source: ColumnVector;
  readonly rows: Int32Array;
  readonly at: Int32Array | null;
  readonly from: number;
  readonly to: number;
}

/**
 * A new vector of `length` rows of `type` in shared memory (chunk layout), filled by the takes,
 * which together cover every position once. NULL rows get zeroed slots and empty strings whatever
 * the source holds there.
 */
export function gatherVector(type: SqlType, takes: readonly Take[], length: number): ColumnVector {
  const layout = layoutOf(type);
  let nullCount = 0;
  let utf8Bytes = 0;
  for (const t of takes) {
    nullCount += countNulls(t);
    if (layout === 'utf8') utf8Bytes += stringBytes(t);
  }
  const out = allocateVector(type, length, nullCount > 0, utf8Bytes);
  const validity = out.validity;
  if (validity !== null) for (const t of takes) gatherValidity(t, validity);
  if (layout === 'utf8') {
    gatherStrings(takes, out.offsets!, out.values as Uint8Array, length);
    return { type, length, values: out.values, offsets: out.offsets, validity, nullCount };
  }
  const words = layout === 2 || layout === 'bits' ? null : int32Words(out.values);
  for (const t of takes) {
    switch (layout) {
      case 2: gather16(t, out.values as Int16Array); break;
      case 4: gatherWords1(t, int32Words(t.source.values), words!); break;
      case 8: gatherWords2(t, int32Words(t.source.values), words!); break;
      case 16: gatherWords4(t, int32Words(t.source.values), words!); break;
      case 'bits': gatherBits(t, t.source.values as Uint8Array, out.values as Uint8Array); break;
    }
  }
  if (validity !== null) zeroNullSlots(out.values, validity, layout, length);
  return { type, length, values: out.values, offsets: null, validity, nullCount };
}

function countNulls(t: Take): number {
  const validity = t.source.validity;
  if (validity === null) return 0;
  let nulls = 0;
  for (let j = t.from; j < t.to; j++) nulls += 1 - bitAt(validity, t.rows[j]!);
  return nulls;
}

function stringBytes(t: Take): number {
  const offsets = t.source.offsets!;
  const validity = t.source.validity;
  let total = 0;
  for (let j = t.from; j < t.to; j++) {
    const r = t.rows[j]!;
    if (validity === null || bitAt(validity, r) !== 0) total += offsets[r + 1]! - offsets[r]!;
  }
  return total;
}

function gatherValidity(t: Take, dst: Uint8Array): void {
  const src = t.source.validity;
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) if (src === null || bitAt(src, rows[j]!) !== 0) setBit(dst, at === null ? j - from : at[j]!);
}

function gather16(t: Take, dst: Int16Array): void {
  const src = t.source.values as Int16Array;
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) dst[at === null ? j - from : at[j]!] = src[rows[j]!]!;
}

function gatherWords1(t: Take, src: Int32Array, dst: Int32Array): void {
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) dst[at === null ? j - from : at[j]!] = src[rows[j]!]!;
}

function gatherWords2(t: Take, src: Int32Array, dst: Int32Array): void {
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) {
    const r = rows[j]! << 1;
    const p = (at === null ? j - from : at[j]!) << 1;
    dst[p] = src[r]!;
    dst[p + 1] = src[r + 1]!;
  }
}

function gatherWords4(t: Take, src: Int32Array, dst: Int32Array): void {
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) {
    const r = rows[j]! << 2;
    const p = (at === null ? j - from : at[j]!) << 2;
    dst[p] = src[r]!;
    dst[p + 1] = src[r + 1]!;
    dst[p + 2] = src[r + 2]!;
    dst[p + 3] = src[r + 3]!;
  }
}

function gatherBits(t: Take, src: Uint8Array, dst: Uint8Array): void {
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) if (bitAt(src, rows[j]!) !== 0) setBit(dst, at === null ? j - from : at[j]!);
}

/** Clears the value slots of NULL rows, as chunk-encoder leaves them. */
function zeroNullSlots(values: ColumnVector['values'], validity: Uint8Array, layout: 2 | 4 | 8 | 16 | 'bits', n: number): void {
  if (layout === 'bits') {
    const bits = values as Uint8Array;
    for (let b = 0; b < bits.length; b++) bits[b]! &= validity[b]!;
    return;
  }
  const words = layout === 2 ? (values as Int16Array) : int32Words(values);
  const width = layout === 2 ? 1 : layout >> 2;
  for (let i = 0; i < n; i++) if (bitAt(validity, i) === 0) words.fill(0, i * width, (i + 1) * width);
}

/** Offsets first (each row's length at its position, then a running sum), then the bytes. */
function gatherStrings(takes: readonly Take[], offsets: Int32Array, bytes: Uint8Array, length: number): void {
  for (const t of takes) {
    const src = t.source.offsets!;
    const validity = t.source.validity;
    const { rows, at, from, to } = t;
    for (let j = from; j < to; j++) {
      const r = rows[j]!;
      offsets[at === null ? j - from : at[j]!] = validity === null || bitAt(validity, r) !== 0 ? src[r + 1]! - src[r]! : 0;
    }
  }
  let end = 0;
  for (let i = 0; i < length; i++) {
    const n = offsets[i]!;
    offsets[i] = end;
    end += n;
  }
  offsets[length] = end;
  for (const t of takes) copyStringBytes(t, t.source.values as Uint8Array, offsets, bytes);
}

/** Four bytes at a time through DataViews (offsets are not aligned), the last few one by one. */
function copyStringBytes(t: Take, srcBytes: Uint8Array, offsets: Int32Array, bytes: Uint8Array): void {
  const src = t.source.offsets!;
  const srcView = new DataView(srcBytes.buffer, srcBytes.byteOffset, srcBytes.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { rows, at, from, to } = t;
  for (let j = from; j < to; j++) {
    const p = at === null ? j - from : at[j]!;
    let o = offsets[p]!;
    let b = src[rows[j]!]!;
    const end = b + offsets[p + 1]! - o;
    for (; b + 4 <= end; b += 4, o += 4) view.setInt32(o, srcView.getInt32(b));
    for (; b < end; b++) bytes[o++] = srcBytes[b]!;
  }
}

/** The vectors one after another, as one vector of `type` (the single part itself when there is one). */
export function concatVectors(type: SqlType, parts: readonly ColumnVector[]): ColumnVector {
  if (parts.length === 1) return parts[0]!;
  const takes: Take[] = [];
  let length = 0;
  for (const p of parts) {
    takes.push({ source: p, rows: identity(p.length), at: positions(length, p.length), from: 0, to: p.length });
    length += p.length;
  }
  return gatherVector(type, takes, length);
}

function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

function positions(start: number, n: number): Int32Array {
  const at = new Int32Array(n);
  for (let i = 0; i < n; i++) at[i] = start + i;
  return at;
}
