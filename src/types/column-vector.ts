/**
 * A column vector: one column's values for a run of rows, in Apache Arrow's buffer layout — the same
 * layout a stored ColumnChunk uses (storage/block.ts), but without zone maps and not yet cut into
 * blocks. COPY's parsers build vectors straight from file bytes (no per-value JS objects), and
 * storage/ turns them into blocks; buffers may be ArrayBuffer- or SharedArrayBuffer-backed.
 *
 * Layout per type (little-endian, as Arrow):
 * | SQL type                   | values                                   | offsets |
 * |----------------------------|------------------------------------------|---------|
 * | SMALLINT                   | Int16Array                               | null    |
 * | INTEGER, DATE (days)       | Int32Array                               | null    |
 * | BIGINT                     | BigInt64Array                            | null    |
 * | TIMESTAMP(TZ), TIME (µs)   | BigInt64Array                            | null    |
 * | DECIMAL(p,s) (scaled)      | Uint32Array, 4 words per value (int128)  | null    |
 * | REAL / DOUBLE              | Float32Array / Float64Array              | null    |
 * | BOOLEAN                    | Uint8Array, bit-packed (LSB first)       | null    |
 * | CHAR / VARCHAR             | Uint8Array of UTF-8 bytes                | Int32Array, length + 1 |
 *
 * A NULL row's slot in `values` is zero (strings: an empty range).
 */
import { assertNever, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';

export type VectorValues = Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | Uint8Array | Uint32Array;

export interface ColumnVector {
  readonly type: SqlType;
  readonly length: number;
  readonly values: VectorValues;
  readonly offsets: Int32Array | null;
  /** Arrow validity bitmap (bit set = not null), or null when no value is null. */
  readonly validity: Uint8Array | null;
  readonly nullCount: number;
}

/** How a type's values sit in `values`: bytes per value for fixed widths, bit-packed, or UTF-8 bytes with offsets. */
export type ValueLayout = 2 | 4 | 8 | 16 | 'bits' | 'utf8';

export function layoutOf(type: SqlType): ValueLayout {
  switch (type.kind) {
    case 'smallint': return 2;
    case 'integer':
    case 'date':
    case 'real': return 4;
    case 'bigint':
    case 'double':
    case 'timestamp':
    case 'timestamptz':
    case 'time': return 8;
    case 'decimal': return 16;
    case 'boolean': return 'bits';
    case 'char':
    case 'varchar': return 'utf8';
    case 'interval':
    case 'unknown':
      throw new SqlError(SqlState.featureNotSupported, `column of type ${type.kind} cannot be stored in a table`);
    default:
      return assertNever(type);
  }
}
