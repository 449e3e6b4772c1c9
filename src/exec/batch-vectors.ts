/**
 * A query's result columns as storage column vectors of their SQL types — how bulk inserts (INSERT ...
 * SELECT, CREATE TABLE AS) hand a query's rows to storage. Numbers are written straight into the
 * vectors' typed buffers, never boxed; an ASCII text column that arrives from a fragment as one string
 * with the strings' lengths is written in one go, never split into a JS string per row. Either way the
 * bytes are those vectorFromValues writes for the same values.
 *
 * Measured on TPC-H lineitem's l_comment (150k rows): vectorFromValues over the split strings took
 * ~15 ms, most of it joining them again to write them.
 */
import { allocateShared, vectorFromNumbers, vectorFromValues } from '../storage/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import { MAX_VARCHAR_LENGTH, varcharType, type SqlType } from '../types/index.js';
import { decodeColumn, type WireColumn } from './batch-wire.js';
import { NumColumn, boxColumn, numericBoxing, type Column } from './vector.js';

/**
 * The vector type for result values of SQL type `type`: the type itself, except that an untyped
 * literal's values (strings) travel as VARCHAR — the insert then assigns them as untyped literals.
 */
export function vectorTypeOf(type: SqlType): SqlType {
  return type.kind === 'unknown' ? varcharType(MAX_VARCHAR_LENGTH) : type;
}

/** A column (engine values or a NumColumn) of SQL type `type` as a vector in shared memory. */
export function columnVector(column: Column, type: SqlType): ColumnVector {
  if (column instanceof NumColumn && column.boxing === numericBoxing(type)) return vectorFromNumbers(type, column.values, column.nulls);
  return vectorFromValues(type, boxColumn(column), true);
}

/** A fragment's column of `n` rows as it crossed the wire, of SQL type `type`, as a vector in shared memory. */
export function wireColumnVector(column: WireColumn, n: number, type: SqlType): ColumnVector {
  if (column.kind === 'text') {
    const ascii = asciiTextVector(column, n, type);
    if (ascii !== null) return ascii;
  }
  return columnVector(decodeColumn(column, n), type);
}

/**
 * Wire text whose characters are all ASCII as a UTF-8 vector: its bytes are its characters, so the
 * string is written once (Latin-1) and the offsets are the running sums of the lengths. Else null
 * (other strings are encoded one by one: see chunk-encoder.ts).
 */
function asciiTextVector(column: Extract<WireColumn, { kind: 'text' }>, n: number, type: SqlType): ColumnVector | null {
  const { joined, lengths, nulls } = column;
  if (Buffer.byteLength(joined, 'utf8') !== joined.length) return null;
  let nullCount = 0;
  if (nulls !== null) for (let i = 0; i < n; i++) nullCount += nulls[i] === 1 ? 1 : 0;
  const validityBytes = nullCount > 0 ? Math.ceil(n / 8) : 0;
  const { buffer, starts } = allocateShared([validityBytes, (n + 1) * 4, joined.length]);
  const offsets = new Int32Array(buffer, starts[1], n + 1);
  let end = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = end;
    end += lengths[i]!;
  }
  offsets[n] = end;
  Buffer.from(buffer, starts[2], joined.length).write(joined, 0, 'latin1');
  let validity: Uint8Array | null = null;
  if (nullCount > 0) {
    validity = new Uint8Array(buffer, starts[0], validityBytes);
    for (let i = 0; i < n; i++) if (nulls![i] !== 1) validity[i >> 3]! |= 1 << (i & 7);
  }
  return { type, length: n, values: new Uint8Array(buffer, starts[2], joined.length), offsets, validity, nullCount };
}
