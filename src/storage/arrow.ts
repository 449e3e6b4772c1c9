/**
 * Zero-copy Apache Arrow views of stored blocks: the Arrow `Data` of a chunk wraps the very same
 * SharedArrayBuffer-backed buffers. Used to hand results and tables to Arrow consumers (Result.toArrow,
 * UNLOAD to Parquet).
 */
import * as arrow from 'apache-arrow';
import { assertNever, type SqlType } from '../types/datatype.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { Block, ColumnChunk } from './block.js';

/** The Arrow type a column of `type` is stored as. */
export function arrowTypeFor(type: SqlType): arrow.DataType {
  switch (type.kind) {
    case 'smallint': return new arrow.Int16();
    case 'integer': return new arrow.Int32();
    case 'bigint': return new arrow.Int64();
    case 'decimal': return new arrow.Decimal(type.scale, type.precision, 128);
    case 'real': return new arrow.Float32();
    case 'double': return new arrow.Float64();
    case 'boolean': return new arrow.Bool();
    case 'char':
    case 'varchar': return new arrow.Utf8();
    case 'date': return new arrow.DateDay();
    case 'timestamp': return new arrow.TimestampMicrosecond();
    case 'timestamptz': return new arrow.TimestampMicrosecond('UTC');
    case 'time': return new arrow.TimeMicrosecond();
    case 'interval':
    case 'unknown':
      throw new SqlError(SqlState.featureNotSupported, `type ${type.kind} has no Arrow storage type`);
    default:
      return assertNever(type);
  }
}

/** An Arrow `Data` over the chunk's own buffers (no copy). */
export function chunkToArrowData(chunk: ColumnChunk): arrow.Data {
  const type = arrowTypeFor(chunk.type);
  const common = { type, length: chunk.length, nullCount: chunk.nullCount, nullBitmap: chunk.validity ?? undefined };
  if (chunk.offsets !== null) {
    return arrow.makeData({ ...common, type: type as arrow.Utf8, valueOffsets: chunk.offsets, data: chunk.values as Uint8Array });
  }
  // makeData's overloads are per type class; every non-string storage type takes `data` alone.
  return arrow.makeData({ ...common, type: type as arrow.Int32, data: chunk.values as Int32Array }) as arrow.Data;
}

/** An Arrow table over the blocks' buffers: one record batch per block, columns named `names`. */
export function blocksToArrowTable(names: readonly string[], types: readonly SqlType[], blocks: readonly Block[]): arrow.Table {
  const schema = new arrow.Schema(names.map((name, i) => new arrow.Field(name, arrowTypeFor(types[i]!), true)));
  const batches = blocks.map((block) => {
    const children = block.columns.map(chunkToArrowData);
    const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: block.rowCount, nullCount: 0, children });
    return new arrow.RecordBatch(schema, struct);
  });
  return new arrow.Table(schema, batches);
}
