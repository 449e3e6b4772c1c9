/**
 * createVectorBuilder: a growable column vector of one SQL type, filled with engine values or NULLs
 * (Parquet reading, constant columns) or, inside io/convert, straight from file bytes.
 */
import { assertNever, type SqlType } from '../../types/datatype.js';
import { SqlError, SqlState } from '../../types/errors.js';
import { FIRST_SEGMENT_ROWS, type VectorBuilder } from './builder-base.js';
import { Utf8Builder } from './builder-utf8.js';
import { BoolBuilder, Decimal128Builder, Float32Builder, Float64Builder, Int16Builder, Int32Builder, Int64Builder } from './builders-fixed.js';

export type { VectorBuilder } from './builder-base.js';

/** Every concrete builder, for the converters that need the typed append methods. */
export type AnyBuilder = Int16Builder | Int32Builder | Int64Builder | Decimal128Builder | Float32Builder | Float64Builder | BoolBuilder | Utf8Builder;

/** `capacity`: the rows expected (it sizes the first segment; the builder grows past it as needed). */
export function createVectorBuilder(type: SqlType, capacity = FIRST_SEGMENT_ROWS): VectorBuilder {
  return createBuilder(type, capacity);
}

export function createBuilder(type: SqlType, capacity = FIRST_SEGMENT_ROWS): AnyBuilder {
  switch (type.kind) {
    case 'smallint': return new Int16Builder(type, capacity);
    case 'integer':
    case 'date': return new Int32Builder(type, capacity);
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time': return new Int64Builder(type, capacity);
    case 'decimal': return new Decimal128Builder(type, capacity);
    case 'real': return new Float32Builder(type, capacity);
    case 'double': return new Float64Builder(type, capacity);
    case 'boolean': return new BoolBuilder(type, capacity);
    case 'char': return new Utf8Builder(type, capacity, type.length);
    case 'varchar': return new Utf8Builder(type, capacity, Math.min(type.length, 32));
    case 'interval':
    case 'unknown':
      throw new SqlError(SqlState.featureNotSupported, `column of type ${type.kind} cannot be stored in a table`);
    default:
      return assertNever(type);
  }
}
