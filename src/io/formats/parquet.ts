/**
 * COPY ... FORMAT AS PARQUET (reference §1.4.2): a Parquet file's columns as column vectors of the
 * table's types. parquet-wasm decodes the file into Arrow record batches (IPC), apache-arrow reads
 * them without copying, and each column is converted by typed loops straight into a vector in
 * shared memory — no per-value JS object except for the rare conversions that need a bigint.
 *
 * Columns are mapped by position and the counts must match. A column whose Arrow type cannot hold
 * the target type fails the load with Redshift Spectrum's "incompatible Parquet schema" error
 * (code 15007); values that do not fit (integer overflow, DECIMAL precision, CHAR/VARCHAR length,
 * NULL into NOT NULL) fail it too: columnar loads have no MAXERROR.
 */
import type * as arrow from 'apache-arrow';
import { createRequire } from 'node:module';
import type * as parquetWasm from 'parquet-wasm';
import { layoutOf, type ColumnVector, type VectorValues } from '../../types/column-vector.js';
import { assertNever, type SqlType } from '../../types/datatype.js';
import { SqlError, SqlState } from '../../types/errors.js';

export interface ParquetTargetColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
}

/** An error that fails the load, with the STL_LOAD_ERRORS code the COPY driver records. */
export class ParquetLoadError extends SqlError {
  constructor(message: string, readonly loadErrorCode: number) {
    super(SqlState.internalError, message);
  }
}

const INCOMPATIBLE_SCHEMA = 15007;
const DAY_MS = 86_400_000;
const DAY_US = 86_400_000_000;
const TWO_POW_32 = 4294967296;

/**
 * Both libraries load on first use: most COPYs read text, and compiling parquet-wasm's module and
 * importing apache-arrow would otherwise slow every compute node's start.
 */
let libs: { readonly arrow: typeof arrow; readonly parquet: typeof parquetWasm } | undefined;
function load(): NonNullable<typeof libs> {
  if (libs === undefined) {
    const require = createRequire(import.meta.url);
    libs = { arrow: require('apache-arrow') as typeof arrow, parquet: require('parquet-wasm') as typeof parquetWasm };
  }
  return libs;
}

/** The file's columns, in order, as vectors of `columns`' types. `url` names the file in errors. */
export function readParquetColumns(bytes: Uint8Array, columns: readonly ParquetTargetColumn[], url = ''): ColumnVector[] {
  const { arrow: a, parquet } = load();
  let table: arrow.Table;
  try {
    table = a.tableFromIPC(parquet.readParquet(bytes, { batchSize: 65536 }).intoIPCStream());
  } catch (err) {
    throw new ParquetLoadError(`File '${url}' is not a readable Parquet file: ${err instanceof Error ? err.message : String(err)}`, INCOMPATIBLE_SCHEMA);
  }
  const fields = table.schema.fields;
  if (fields.length !== columns.length) {
    throw new ParquetLoadError(
      `File '${url}' has an incompatible Parquet schema: ${fields.length} columns in the file, ${columns.length} in the table (columns are mapped by position and their counts must match)`,
      INCOMPATIBLE_SCHEMA,
    );
  }
  return columns.map((column, i) => {
    const chunks = table.getChildAt(i)!.data as arrow.Data[];
    const convert = converterFor(a, fields[i]!.type, column.type);
    if (convert === null) {
      throw new ParquetLoadError(
        `File '${url}' has an incompatible Parquet schema for column '${column.name}'. Column type: ${displayType(column.type)}, Parquet schema: ${fields[i]!.nullable ? 'optional' : 'required'} ${parquetTypeOf(a, fields[i]!.type)} ${fields[i]!.name}`,
        INCOMPATIBLE_SCHEMA,
      );
    }
    return convertColumn(column, chunks, table.numRows, convert);
  });
}

/** Fills row `row` (0-based in the file) of the output from row `i` of chunk `d`; never called for NULL rows. */
type Write = (d: arrow.Data, i: number, out: Output, row: number) => void;

/** Fixed-width targets: bytes per value (0: bit-packed BOOLEAN) and the per-row write. Strings are sized separately. */
type Converter = { readonly kind: 'fixed'; readonly bytes: number; readonly write: Write } | { readonly kind: 'strings' };

interface Output {
  readonly view: VectorValues;
  /** The same bytes as 32-bit words (int64 and int128 values are written word by word). */
  readonly words: Int32Array;
  readonly column: ParquetTargetColumn;
}

function converterFor(a: typeof arrow, source: arrow.DataType, target: SqlType): Converter | null {
  const T = a.Type;
  const id = source.typeId;
  if (id === T.Null) return target.kind === 'char' || target.kind === 'varchar' ? { kind: 'strings' } : { kind: 'fixed', bytes: fixedWidth(target), write: () => {} };
  switch (target.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return id === T.Int ? { kind: 'fixed', bytes: fixedWidth(target), write: writeInteger(source as arrow.Int, target) } : null;
    case 'decimal':
      return id === T.Decimal ? { kind: 'fixed', bytes: 16, write: writeDecimal(source as arrow.Decimal, target) } : null;
    case 'real':
    case 'double':
      return id === T.Float && (source as arrow.Float).precision !== a.Precision.HALF
        ? { kind: 'fixed', bytes: target.kind === 'real' ? 4 : 8, write: (d, i, out, row) => ((out.view as Float32Array | Float64Array)[row] = (d.values as Float32Array | Float64Array)[d.offset + i]!) }
        : null;
    case 'boolean':
      return id === T.Bool ? { kind: 'fixed', bytes: 0, write: writeBoolean } : null;
    case 'char':
    case 'varchar':
      return id === T.Utf8 || id === T.LargeUtf8 || (id === T.Dictionary && (source as arrow.Dictionary).dictionary.typeId === T.Utf8) ? { kind: 'strings' } : null;
    case 'date':
      if (id !== T.Date) return null;
      return (source as arrow.Date_).unit === a.DateUnit.DAY
        ? { kind: 'fixed', bytes: 4, write: (d, i, out, row) => (out.words[row] = (d.values as Int32Array)[d.offset + i]!) }
        : { kind: 'fixed', bytes: 4, write: (d, i, out, row) => (out.words[row] = Math.floor(int64At(d, i) / DAY_MS)) };
    case 'timestamp':
    case 'timestamptz':
      return id === T.Timestamp ? { kind: 'fixed', bytes: 8, write: writeMicros(a, (source as arrow.Timestamp).unit, false) } : null;
    case 'time':
      return id === T.Time ? { kind: 'fixed', bytes: 8, write: writeMicros(a, (source as arrow.Time).unit, (source as arrow.Time).bitWidth === 32) } : null;
    case 'interval':
    case 'unknown':
      return null;
    default:
      return assertNever(target);
  }
}

/** Bytes per value in the vector (0: bit-packed BOOLEAN; strings are sized separately). */
function fixedWidth(t: SqlType): number {
  const layout = layoutOf(t);
  return typeof layout === 'number' ? layout : 0;
}

function writeBoolean(d: arrow.Data, i: number, out: Output, row: number): void {
  if (bitAt(d.values as Uint8Array, d.offset + i)) setBit(out.view as Uint8Array, row);
}

/** Integers of any width and signedness, range-checked against the target; 64-bit ones read as words (no bigint). */
function writeInteger(source: arrow.Int, target: SqlType): Write {
  const [min, max] = target.kind === 'smallint' ? [-32768, 32767] : [-2147483648, 2147483647];
  const overflow = (out: Output, row: number, value: string): never => {
    throw new ParquetLoadError(`Integer value overflow: ${value} does not fit ${displayType(target)} (column '${out.column.name}', row ${row + 1})`, 1222);
  };
  if (source.bitWidth < 64) {
    return (d, i, out, row) => {
      const x = (d.values as Int32Array)[d.offset + i]!;
      if (target.kind === 'bigint') {
        out.words[2 * row] = x;
        out.words[2 * row + 1] = x < 0 ? -1 : 0;
      } else if (x < min || x > max) overflow(out, row, String(x));
      else writeNarrow(out, row, x);
    };
  }
  return (d, i, out, row) => {
    const w = 2 * (d.offset + i);
    const words = int32Words(d.values as BigInt64Array);
    const lo = words[w]!;
    const hi = words[w + 1]!;
    if (!source.isSigned && hi < 0) overflow(out, row, String((d.values as BigUint64Array)[d.offset + i]));
    if (target.kind === 'bigint') {
      out.words[2 * row] = lo;
      out.words[2 * row + 1] = hi;
    } else if (hi !== lo >> 31 || lo < min || lo > max) overflow(out, row, String((d.values as BigInt64Array)[d.offset + i]));
    else writeNarrow(out, row, lo);
  };
}

function writeNarrow(out: Output, row: number, x: number): void {
  if (out.column.type.kind === 'smallint') (out.view as Int16Array)[row] = x;
  else out.words[row] = x;
}

/**
 * DECIMAL: the same scale with no more precision is a copy of the four words; otherwise the value
 * is rescaled exactly (digits would be lost: an error) and checked against the target precision.
 */
function writeDecimal(source: arrow.Decimal, target: Extract<SqlType, { kind: 'decimal' }>): Write {
  const stride = source.bitWidth / 32;
  if (stride === 4 && source.scale === target.scale && source.precision <= target.precision) {
    return (d, i, out, row) => {
      const src = d.values as Uint32Array;
      const s = 4 * (d.offset + i);
      out.words[4 * row] = src[s]!;
      out.words[4 * row + 1] = src[s + 1]!;
      out.words[4 * row + 2] = src[s + 2]!;
      out.words[4 * row + 3] = src[s + 3]!;
    };
  }
  const limit = 10n ** BigInt(target.precision);
  const shift = 10n ** BigInt(Math.abs(target.scale - source.scale));
  return (d, i, out, row) => {
    let v = readTwosComplement(d.values as Uint32Array, stride * (d.offset + i), stride);
    if (target.scale >= source.scale) v *= shift;
    else if (v % shift === 0n) v /= shift;
    else throw new ParquetLoadError(`Numeric value has more than ${target.scale} fractional digits for ${displayType(target)} (column '${out.column.name}', row ${row + 1})`, 1204);
    if (v >= limit || v <= -limit) throw new ParquetLoadError(`Numeric data overflow: value does not fit ${displayType(target)} (column '${out.column.name}', row ${row + 1})`, 1204);
    const low = BigInt.asUintN(64, v);
    const high = BigInt.asUintN(64, v >> 64n);
    out.words[4 * row] = Number(low & 0xffffffffn);
    out.words[4 * row + 1] = Number(low >> 32n);
    out.words[4 * row + 2] = Number(high & 0xffffffffn);
    out.words[4 * row + 3] = Number(high >> 32n);
  };
}

function readTwosComplement(words: Uint32Array, at: number, count: number): bigint {
  let v = 0n;
  for (let k = count - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[at + k]!);
  return BigInt.asIntN(32 * count, v);
}

/** TIMESTAMP (any unit) or TIME (32- or 64-bit, any unit) as microseconds, written as int64 words. */
function writeMicros(a: typeof arrow, unit: arrow.TimeUnit, narrow: boolean): Write {
  const U = a.TimeUnit;
  if (unit === U.NANOSECOND) {
    return (d, i, out, row) => {
      const ns = (d.values as BigInt64Array)[d.offset + i]!;
      const us = ns / 1000n - (ns % 1000n < 0n ? 1n : 0n); // floor, as for any time before 1970
      writeInt64(out.words, row, Number(us));
    };
  }
  const scale = unit === U.SECOND ? 1_000_000 : unit === U.MILLISECOND ? 1_000 : 1;
  return (d, i, out, row) => {
    const value = narrow ? (d.values as Int32Array)[d.offset + i]! : int64At(d, i);
    writeInt64(out.words, row, value * scale);
    if (out.column.type.kind === 'time' && (value * scale < 0 || value * scale >= DAY_US)) {
      throw new ParquetLoadError(`Time value out of range (column '${out.column.name}', row ${row + 1})`, 1206);
    }
  };
}

/** Row `i` of a chunk of 64-bit integers as a number (exact within ±2^53). */
function int64At(d: arrow.Data, i: number): number {
  const words = int32Words(d.values as BigInt64Array);
  const w = 2 * (d.offset + i);
  return words[w + 1]! * TWO_POW_32 + (words[w]! >>> 0);
}

function writeInt64(words: Int32Array, index: number, value: number): void {
  const hi = Math.floor(value / TWO_POW_32);
  words[2 * index] = value - hi * TWO_POW_32;
  words[2 * index + 1] = hi;
}

function int32Words(view: ArrayBufferView): Int32Array {
  return new Int32Array(view.buffer, view.byteOffset, view.byteLength >> 2);
}

function bitAt(bits: Uint8Array, i: number): boolean {
  return (bits[i >> 3]! & (1 << (i & 7))) !== 0;
}

function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3]! |= 1 << (i & 7);
}

/** A test for "row i of the chunk is not NULL", decided once per chunk (a column of Arrow type Null is all NULLs). */
function validRows(d: arrow.Data): (i: number) => boolean {
  if (isNullType(d)) return () => false;
  if (d.nullCount === 0) return () => true;
  const bits = d.nullBitmap!;
  return (i) => bitAt(bits, d.offset + i);
}

function isNullType(d: arrow.Data): boolean {
  return d.typeId === load().arrow.Type.Null;
}

function nullsIn(d: arrow.Data): number {
  return isNullType(d) ? d.length : d.nullCount;
}

function convertColumn(column: ParquetTargetColumn, chunks: readonly arrow.Data[], rowCount: number, convert: Converter): ColumnVector {
  let nullCount = 0;
  for (const d of chunks) nullCount += nullsIn(d);
  if (column.notNull && nullCount > 0) {
    throw new ParquetLoadError(`Missing data for not-null field (column '${column.name}', row ${firstNullRow(chunks) + 1})`, 1213);
  }
  if (convert.kind === 'strings') return convertStrings(column, chunks, rowCount, nullCount);
  const valueBytes = convert.bytes === 0 ? Math.ceil(rowCount / 8) : rowCount * convert.bytes;
  const { validity, values } = allocate(rowCount, nullCount, 0, valueBytes);
  const view = typedView(column.type, values, rowCount);
  const out: Output = { view, words: int32Words(view), column };
  let row = 0;
  for (const d of chunks) {
    const valid = validRows(d);
    for (let i = 0; i < d.length; i++, row++) {
      if (!valid(i)) continue;
      if (validity !== null) setBit(validity, row);
      convert.write(d, i, out, row);
    }
  }
  return { type: column.type, length: rowCount, values: view, offsets: null, validity, nullCount };
}

function firstNullRow(chunks: readonly arrow.Data[]): number {
  let row = 0;
  for (const d of chunks) {
    const valid = validRows(d);
    for (let i = 0; i < d.length; i++, row++) if (!valid(i)) return row;
  }
  return -1;
}

/** Where a chunk's strings are: row i's bytes are `bytes[offsets[index(i)], offsets[index(i) + 1])`. */
interface StringSource {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  readonly index: (i: number) => number;
  readonly valid: (i: number) => boolean;
}

function stringSource(d: arrow.Data): StringSource {
  const T = load().arrow.Type;
  const valid = validRows(d);
  if (isNullType(d)) return { bytes: new Uint8Array(0), offsets: new Int32Array(1), index: () => 0, valid };
  if (d.typeId === T.Dictionary) {
    const dictionary = d.dictionary!.data;
    if (dictionary.length !== 1) throw new ParquetLoadError('Parquet dictionary split into several chunks is not supported', INCOMPATIBLE_SCHEMA);
    const dict = dictionary[0]!;
    const keys = d.values as Int32Array;
    const dictValid = dict.nullCount > 0;
    return {
      bytes: dict.values as Uint8Array,
      offsets: dict.valueOffsets as Int32Array,
      index: (i) => dict.offset + Number(keys[d.offset + i]!),
      valid: (i) => valid(i) && (!dictValid || bitAt(dict.nullBitmap!, dict.offset + Number(keys[d.offset + i]!))),
    };
  }
  // LargeUtf8 has 64-bit offsets: one file's string bytes stay far below 2^31, so the low words do.
  const offsets = d.typeId === T.LargeUtf8 ? Int32Array.from({ length: d.offset + d.length + 1 }, (_, k) => int32Words(d.valueOffsets as unknown as BigInt64Array)[2 * k]!) : (d.valueOffsets as Int32Array);
  return { bytes: d.values as Uint8Array, offsets, index: (i) => d.offset + i, valid };
}

/**
 * CHAR/VARCHAR: lengths are checked in bytes (trailing blanks past the limit are dropped, as SQL
 * assignment does), CHAR takes single-byte characters only and is blank-padded to its length.
 */
function convertStrings(column: ParquetTargetColumn, chunks: readonly arrow.Data[], rowCount: number, nullCount: number): ColumnVector {
  const type = column.type as Extract<SqlType, { kind: 'char' | 'varchar' }>;
  const sources = chunks.map(stringSource);
  const lengths = new Int32Array(rowCount);
  let total = 0;
  let row = 0;
  sources.forEach((src, c) => {
    for (let i = 0; i < chunks[c]!.length; i++, row++) {
      if (!src.valid(i)) continue;
      const k = src.index(i);
      const start = src.offsets[k]!;
      let end = src.offsets[k + 1]!;
      if (end - start > type.length) {
        const keep = start + type.length;
        while (end > keep && src.bytes[end - 1] === 0x20) end--;
        if (end > keep) {
          const message = type.kind === 'char' ? 'Char length exceeds DDL length' : 'String length exceeds DDL length';
          throw new ParquetLoadError(`${message} (column '${column.name}', row ${row + 1}: ${end - start} bytes, ${displayType(type)})`, 1204);
        }
      }
      if (type.kind === 'char') {
        for (let b = start; b < end; b++) {
          if (src.bytes[b]! > 0x7f) throw new ParquetLoadError(`Multibyte character not supported for CHAR (Hint: try using VARCHAR) (column '${column.name}', row ${row + 1})`, 1220);
        }
      }
      lengths[row] = type.kind === 'char' ? type.length : end - start;
      total += lengths[row]!;
    }
  });
  const { validity, offsets, values } = allocate(rowCount, nullCount, rowCount + 1, total);
  const bytes = new Uint8Array(values.buffer, values.byteOffset, total);
  const ends = offsets!;
  let at = 0;
  row = 0;
  sources.forEach((src, c) => {
    for (let i = 0; i < chunks[c]!.length; i++, row++) {
      ends[row] = at;
      if (!src.valid(i)) continue;
      if (validity !== null) setBit(validity, row);
      const k = src.index(i);
      const start = src.offsets[k]!;
      const end = Math.min(src.offsets[k + 1]!, start + lengths[row]!);
      // A byte loop beats a native copy (and the view it needs) for short strings.
      if (end - start > 32) bytes.set(src.bytes.subarray(start, end), at);
      else for (let b = start; b < end; b++) bytes[at + b - start] = src.bytes[b]!;
      for (let b = at + end - start; b < at + lengths[row]!; b++) bytes[b] = 0x20; // CHAR padding
      at += lengths[row]!;
    }
  });
  ends[rowCount] = at;
  return { type, length: rowCount, values: bytes, offsets: ends, validity, nullCount };
}

/** One SharedArrayBuffer per vector: validity (when a value is NULL), offsets, values, each 8-byte aligned. */
function allocate(rowCount: number, nullCount: number, offsetCount: number, valueBytes: number): { validity: Uint8Array | null; offsets: Int32Array | null; values: Uint8Array } {
  const validityBytes = nullCount > 0 ? Math.ceil(rowCount / 8) : 0;
  const offsetsAt = align8(validityBytes);
  const valuesAt = align8(offsetsAt + offsetCount * 4);
  const buffer = new SharedArrayBuffer(valuesAt + valueBytes);
  return {
    validity: validityBytes > 0 ? new Uint8Array(buffer, 0, validityBytes) : null,
    offsets: offsetCount > 0 ? new Int32Array(buffer, offsetsAt, offsetCount) : null,
    values: new Uint8Array(buffer, valuesAt, valueBytes),
  };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** The vector's typed view of its values (types/column-vector.ts's table). */
function typedView(t: SqlType, bytes: Uint8Array, n: number): VectorValues {
  const { buffer, byteOffset } = bytes;
  switch (t.kind) {
    case 'smallint': return new Int16Array(buffer, byteOffset, n);
    case 'integer':
    case 'date': return new Int32Array(buffer, byteOffset, n);
    case 'real': return new Float32Array(buffer, byteOffset, n);
    case 'double': return new Float64Array(buffer, byteOffset, n);
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time': return new BigInt64Array(buffer, byteOffset, n);
    case 'decimal': return new Uint32Array(buffer, byteOffset, 4 * n);
    case 'boolean': return bytes;
    default: throw new Error(`typedView: ${t.kind} is not fixed-width`);
  }
}

/** The column type as Redshift names it in the schema error. */
function displayType(t: SqlType): string {
  switch (t.kind) {
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`;
    case 'char': return `CHAR(${t.length})`;
    case 'varchar': return `VARCHAR(${t.length})`;
    case 'integer': return 'INT';
    case 'double': return 'DOUBLE PRECISION';
    default: return t.kind.toUpperCase();
  }
}

/** The Parquet physical type the Arrow type was most likely read from (for the schema error). */
function parquetTypeOf(a: typeof arrow, t: arrow.DataType): string {
  const T = a.Type;
  switch (t.typeId) {
    case T.Int: return (t as arrow.Int).bitWidth === 64 ? 'int64' : 'int32';
    case T.Float: return (t as arrow.Float).precision === a.Precision.DOUBLE ? 'double' : 'float';
    case T.Bool: return 'boolean';
    case T.Utf8:
    case T.LargeUtf8:
    case T.Binary:
    case T.LargeBinary:
    case T.Dictionary: return 'byte_array';
    case T.Decimal:
    case T.FixedSizeBinary: return 'fixed_len_byte_array';
    case T.Date: return (t as arrow.Date_).unit === a.DateUnit.DAY ? 'int32' : 'int64';
    case T.Timestamp: return 'int64';
    case T.Time: return (t as arrow.Time).bitWidth === 32 ? 'int32' : 'int64';
    default: return `group (${String(t)})`;
  }
}
