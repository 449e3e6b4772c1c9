/**
 * Moving rows between column vectors without decoding them: the rows of several source vectors
 * written to given positions of one new column, which is then cut into pieces — COPY's dealing (a
 * piece per destination slice), its blocks (a piece per block) and the concatenation of the few
 * columns a sort reads (one piece).
 *
 * All pieces of the column share one SharedArrayBuffer and each is a view into it: writing row i to
 * `positions[i]` of a single output is one store per value, where an output per piece costs two more
 * lookups (which piece, which row of it) on every row — COPY's build measured about twice as fast this
 * way (TPC-H lineitem, 150k rows per slice). Pieces start on multiples of 8 rows, so every piece's
 * validity bitmap starts on a byte; rows between pieces are unused. A string piece has offsets of its
 * own, starting at 0, over its part of the shared bytes.
 *
 * Sources are read once, in order, and each row is written straight to its place. One typed loop per
 * value width; floats and 64-bit values move as 32-bit words, so no value is boxed and every bit
 * pattern survives. NULL rows are never copied, so their slots stay zero (and their strings empty)
 * whatever the source holds there: pieces come out as chunk-encoder would encode the same values.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { layoutOf } from '../types/column-vector.js';
import { allocateShared } from './shared-buffers.js';
import { allocateVector, bitAt, bitsFrom, setBit, uniformStringWidth } from './vector-buffers.js';
import { int32Words } from './wide-ints.js';

/** Output rows [start, start + length); `start` a multiple of 8. */
export interface Piece {
  readonly start: number;
  readonly length: number;
}

/** A piece of the output column; strings also say whether its bytes are all ASCII. */
export type PieceVector = ColumnVector & { readonly ascii?: boolean };

/**
 * Source rows, counted through the sources in order, go to output row `positions[i]` (each output row
 * at most once); the output has `size` rows, and comes back as the given pieces.
 */
export function permuteVector(type: SqlType, sources: readonly ColumnVector[], positions: Int32Array, size: number, pieces: readonly Piece[]): PieceVector[] {
  for (const p of pieces) if (p.start % 8 !== 0 || p.start + p.length > size) throw new Error(`permuteVector: piece [${p.start}, +${p.length}) in ${size} rows`);
  const withValidity = sources.some((s) => s.nullCount > 0);
  if (layoutOf(type) !== 'utf8') return fixedWidthPieces(type, sources, positions, size, pieces, withValidity);
  const width = commonWidth(sources);
  return width >= 0 ? fixedWidthStrings(type, sources, positions, size, pieces, width) : variableStrings(type, sources, positions, size, pieces, withValidity);
}

/** Consecutive pieces of the given lengths, each starting on the next multiple of 8 rows; and the output size they need. */
export function alignedPieces(lengths: readonly number[]): { pieces: Piece[]; size: number } {
  let size = 0;
  const pieces = lengths.map((length) => {
    const start = Math.ceil(size / 8) * 8;
    size = start + length;
    return { start, length };
  });
  return { pieces, size };
}

/** Row indexes 0 .. n - 1: every row in order (as positions: a concatenation). */
function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** The sources one after another, as one vector of `type`. */
export function concatVectors(type: SqlType, sources: readonly ColumnVector[]): PieceVector {
  const n = sources.reduce((total, s) => total + s.length, 0);
  return permuteVector(type, sources, allRows(n), n, [{ start: 0, length: n }])[0]!;
}

/** Sets the validity bit of every non-null row at its position. */
function placeValidity(sources: readonly ColumnVector[], positions: Int32Array, out: Uint8Array): void {
  let first = 0;
  for (const source of sources) {
    const valid = source.nullCount > 0 ? source.validity : null;
    for (let k = 0; k < source.length; k++) if (valid === null || bitAt(valid, k) !== 0) setBit(out, positions[first + k]!);
    first += source.length;
  }
}

/** Set bits among [start, start + length) of a bitmap, `start` a multiple of 8. */
function countBits(bits: Uint8Array, start: number, length: number): number {
  let count = 0;
  const from = start >> 3;
  const whole = length >> 3;
  for (let i = 0; i < whole; i++) {
    let b = bits[from + i]!;
    b = b - ((b >> 1) & 0x55);
    b = (b & 0x33) + ((b >> 2) & 0x33);
    count += (b + (b >> 4)) & 0x0f;
  }
  for (let i = whole * 8; i < length; i++) count += bitAt(bits, start + i);
  return count;
}

/** A piece's validity view and NULL count (no view when the piece has no NULL). */
function pieceValidity(validity: Uint8Array | null, piece: Piece): { validity: Uint8Array | null; nullCount: number } {
  if (validity === null) return { validity: null, nullCount: 0 };
  const nullCount = piece.length - countBits(validity, piece.start, piece.length);
  return { validity: nullCount > 0 ? bitsFrom(validity, piece.start, piece.length) : null, nullCount };
}

function fixedWidthPieces(type: SqlType, sources: readonly ColumnVector[], positions: Int32Array, size: number, pieces: readonly Piece[], withValidity: boolean): PieceVector[] {
  const layout = layoutOf(type);
  if (layout === 'utf8') throw new Error('fixedWidthPieces: strings have their own layout');
  const out = allocateVector(type, size, withValidity);
  if (out.validity !== null) placeValidity(sources, positions, out.validity);
  let first = 0;
  for (const source of sources) {
    const valid = source.nullCount > 0 ? source.validity : null;
    switch (layout) {
      case 2: place16(source.values as Int16Array, source.length, valid, positions, first, out.values as Int16Array); break;
      case 4: placeWords(1, int32Words(source.values), source.length, valid, positions, first, int32Words(out.values)); break;
      case 8: placeWords(2, int32Words(source.values), source.length, valid, positions, first, int32Words(out.values)); break;
      case 16: placeWords(4, int32Words(source.values), source.length, valid, positions, first, int32Words(out.values)); break;
      case 'bits': placeBits(source.values as Uint8Array, source.length, valid, positions, first, out.values as Uint8Array); break;
    }
    first += source.length;
  }
  return pieces.map((piece) => ({
    type,
    length: piece.length,
    values: pieceValues(out.values, layout, piece),
    offsets: null,
    ...pieceValidity(out.validity, piece),
  }));
}

/** A piece of a fixed-width values buffer, as a view of the same class. */
function pieceValues(values: ColumnVector['values'], layout: 2 | 4 | 8 | 16 | 'bits', { start, length }: Piece): ColumnVector['values'] {
  if (layout === 'bits') return (values as Uint8Array).subarray(start >> 3, (start >> 3) + Math.ceil(length / 8));
  // DECIMAL's Uint32Array holds four words per value; every other class one element per value.
  const perValue = layout === 16 ? 4 : 1;
  return values.subarray(start * perValue, (start + length) * perValue) as ColumnVector['values'];
}

function place16(src: Int16Array, n: number, valid: Uint8Array | null, positions: Int32Array, first: number, out: Int16Array): void {
  for (let k = 0; k < n; k++) {
    if (valid !== null && bitAt(valid, k) === 0) continue;
    out[positions[first + k]!] = src[k]!;
  }
}

/** Values of `words` 32-bit words each. */
function placeWords(words: 1 | 2 | 4, src: Int32Array, n: number, valid: Uint8Array | null, positions: Int32Array, first: number, out: Int32Array): void {
  if (words === 1) {
    if (valid === null) {
      for (let k = 0; k < n; k++) out[positions[first + k]!] = src[k]!;
      return;
    }
    for (let k = 0; k < n; k++) if (bitAt(valid, k) !== 0) out[positions[first + k]!] = src[k]!;
    return;
  }
  if (words === 2) {
    for (let k = 0; k < n; k++) {
      if (valid !== null && bitAt(valid, k) === 0) continue;
      const p = positions[first + k]! << 1;
      const r = k << 1;
      out[p] = src[r]!;
      out[p + 1] = src[r + 1]!;
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    if (valid !== null && bitAt(valid, k) === 0) continue;
    const p = positions[first + k]! << 2;
    const r = k << 2;
    out[p] = src[r]!;
    out[p + 1] = src[r + 1]!;
    out[p + 2] = src[r + 2]!;
    out[p + 3] = src[r + 3]!;
  }
}

/** BOOLEAN values: only true bits are set (a NULL row's value bit is cleared in the source too, but need not be). */
function placeBits(src: Uint8Array, n: number, valid: Uint8Array | null, positions: Int32Array, first: number, out: Uint8Array): void {
  for (let k = 0; k < n; k++) {
    if (bitAt(src, k) !== 0 && (valid === null || bitAt(valid, k) !== 0)) setBit(out, positions[first + k]!);
  }
}

/**
 * The byte length every row of every source has (and no NULL), or -1. A CHAR(n) column without NULLs
 * always has one — the engine keeps CHAR values as n single-byte characters, blank-padded (types/
 * parse.ts fitString; COPY's converters do the same) — so its offsets are implicit and its rows move
 * like fixed-width values, without the lengths pass and the running sums.
 */
function commonWidth(sources: readonly ColumnVector[]): number {
  let width = -1;
  for (const vector of sources) {
    const n = vector.length;
    if (n === 0) continue;
    if (vector.nullCount > 0) return -1;
    const w = uniformStringWidth(vector.offsets!, n);
    if (w < 0 || (width >= 0 && w !== width)) return -1;
    width = w;
  }
  return width;
}

/** Each piece's offsets, in the `at` region of `buffer`: (length + 1) entries per piece, one piece after another. */
function pieceOffsets(buffer: SharedArrayBuffer, at: number, pieces: readonly Piece[], fill: (offsets: Int32Array, piece: Piece) => void): Int32Array[] {
  let entry = 0;
  return pieces.map((piece) => {
    const offsets = new Int32Array(buffer, at + entry * 4, piece.length + 1);
    entry += piece.length + 1;
    fill(offsets, piece);
    return offsets;
  });
}

function offsetEntries(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + p.length + 1, 0);
}

function fixedWidthStrings(type: SqlType, sources: readonly ColumnVector[], positions: Int32Array, size: number, pieces: readonly Piece[], width: number): PieceVector[] {
  const layout = allocateShared([offsetEntries(pieces) * 4, size * width]);
  const bytes = new Uint8Array(layout.buffer, layout.starts[1], size * width);
  const view = new DataView(layout.buffer, layout.starts[1], size * width);
  let seen = 0;
  let first = 0;
  for (const source of sources) {
    seen |= placeFixedWidth(source, positions, first, width, bytes, view);
    first += source.length;
  }
  const offsets = pieceOffsets(layout.buffer, layout.starts[0]!, pieces, (o) => {
    for (let i = 0; i < o.length; i++) o[i] = i * width;
  });
  const values = pieces.map((p) => bytes.subarray(p.start * width, (p.start + p.length) * width));
  const ascii = asciiPerPiece(seen, values);
  return pieces.map((piece, k) => ({ type, length: piece.length, values: values[k]!, offsets: offsets[k]!, validity: null, nullCount: 0, ascii: ascii[k]! }));
}

/** Copies each row's `width` bytes to its position; returns the OR of every byte copied. */
function placeFixedWidth(source: ColumnVector, positions: Int32Array, first: number, width: number, out: Uint8Array, outView: DataView): number {
  const src = source.values as Uint8Array;
  const base = source.offsets![0]!;
  const n = source.length;
  let seen = 0;
  if (width === 1) {
    for (let k = 0; k < n; k++) {
      const byte = src[base + k]!;
      out[positions[first + k]!] = byte;
      seen |= byte;
    }
    return seen;
  }
  const srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  for (let k = 0; k < n; k++) {
    const b = base + k * width;
    seen |= copyBytes(srcView, src, b, b + width, outView, out, positions[first + k]! * width);
  }
  return seen;
}

function variableStrings(type: SqlType, sources: readonly ColumnVector[], positions: Int32Array, size: number, pieces: readonly Piece[], withValidity: boolean): PieceVector[] {
  // Each row's byte length at its position, then (running sum) where its bytes start in the column:
  // doubles, as a whole slice's column may pass 2 GiB where each block's own offsets do not.
  const starts = new Float64Array(size + 1);
  let first = 0;
  for (const source of sources) {
    placeLengths(source, positions, first, starts);
    first += source.length;
  }
  let total = 0;
  for (let p = 0; p < size; p++) {
    const length = starts[p]!;
    starts[p] = total;
    total += length;
  }
  starts[size] = total;
  const validityBytes = withValidity ? Math.ceil(size / 8) : 0;
  const layout = allocateShared([validityBytes, offsetEntries(pieces) * 4, total]);
  const bytes = new Uint8Array(layout.buffer, layout.starts[2], total);
  const view = new DataView(layout.buffer, layout.starts[2], total);
  const validity = withValidity ? new Uint8Array(layout.buffer, layout.starts[0], validityBytes) : null;
  if (validity !== null) placeValidity(sources, positions, validity);
  let seen = 0;
  first = 0;
  for (const source of sources) {
    seen |= placeStringBytes(source, positions, first, starts, bytes, view);
    first += source.length;
  }
  const offsets = pieceOffsets(layout.buffer, layout.starts[1]!, pieces, (o, { start }) => {
    const base = starts[start]!;
    for (let i = 0; i < o.length; i++) o[i] = starts[start + i]! - base;
  });
  const values = pieces.map((p) => bytes.subarray(starts[p.start]!, starts[p.start + p.length]!));
  const ascii = asciiPerPiece(seen, values);
  return pieces.map((piece, k) => ({ type, length: piece.length, values: values[k]!, offsets: offsets[k]!, ...pieceValidity(validity, piece), ascii: ascii[k]! }));
}

/** Each non-null row's byte length at its position (NULL rows stay 0). */
function placeLengths(source: ColumnVector, positions: Int32Array, first: number, out: Float64Array): void {
  const offsets = source.offsets!;
  const valid = source.nullCount > 0 ? source.validity : null;
  for (let k = 0; k < source.length; k++) {
    if (valid !== null && bitAt(valid, k) === 0) continue;
    out[positions[first + k]!] = offsets[k + 1]! - offsets[k]!;
  }
}

/** Copies each non-null row's bytes to where its position's bytes start; returns the OR of every byte copied. */
function placeStringBytes(source: ColumnVector, positions: Int32Array, first: number, starts: Float64Array, out: Uint8Array, outView: DataView): number {
  const offsets = source.offsets!;
  const src = source.values as Uint8Array;
  const srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const valid = source.nullCount > 0 ? source.validity : null;
  let seen = 0;
  for (let k = 0; k < source.length; k++) {
    if (valid !== null && bitAt(valid, k) === 0) continue;
    const b = offsets[k]!;
    const end = offsets[k + 1]!;
    if (b !== end) seen |= copyBytes(srcView, src, b, end, outView, out, starts[positions[first + k]!]!);
  }
  return seen;
}

/**
 * Copies src[b, end) to out at `o`, a 32-bit word at a time while it can (offsets are not aligned,
 * hence the DataViews); returns the OR of every byte copied (its high bits tell whether all were ASCII).
 */
function copyBytes(srcView: DataView, src: Uint8Array, b: number, end: number, outView: DataView, out: Uint8Array, o: number): number {
  let seen = 0;
  for (; b + 4 <= end; b += 4, o += 4) {
    const word = srcView.getInt32(b, true);
    seen |= word;
    outView.setInt32(o, word, true);
  }
  for (; b < end; b++, o++) {
    const byte = src[b]!;
    seen |= byte;
    out[o] = byte;
  }
  return seen;
}

/** Whether each piece's bytes are all ASCII: all are when no byte copied had its high bit set, else each piece is checked. */
function asciiPerPiece(seen: number, values: readonly Uint8Array[]): boolean[] {
  if ((seen & 0x80808080) === 0) return values.map(() => true);
  return values.map((bytes) => bytes.every((byte) => byte < 0x80));
}
