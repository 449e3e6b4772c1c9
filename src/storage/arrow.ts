/**
 * Zero-copy Apache Arrow views of stored blocks: the Arrow `Data` of a chunk wraps the very same
 * SharedArrayBuffer-backed buffers. Used to hand results and tables to Arrow consumers (Result.toArrow,
 * UNLOAD to Parquet).
 */
import type * as arrow from 'apache-arrow';
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';

/**
 * apache-arrow takes ~130 ms to import, most of a cold start, so it is not imported up front. On
 * the leader it is loaded in the background right after start-up (the ES module, the same instance
 * users import, so `instanceof` checks hold); a call that comes before that finishes falls back to
 * the CommonJS build synchronously. Compute nodes never need it.
 */
let arrowModule: typeof arrow | undefined;

/** Resolves once the ES module build of apache-arrow is loaded. */
export const arrowReady: Promise<void> = isMainThread
  ? new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => import('apache-arrow'))
      .then((m) => {
        arrowModule ??= m;
      })
  : Promise.resolve();

function lib(): typeof arrow {
  arrowModule ??= createRequire(import.meta.url)('apache-arrow') as typeof arrow;
  return arrowModule;
}
import { assertNever, type SqlType } from '../types/datatype.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { Block, ColumnChunk } from './block.js';

/** The Arrow type a column of `type` is stored as. */
export function arrowTypeFor(type: SqlType): arrow.DataType {
  const a = lib();
  switch (type.kind) {
    case 'smallint': return new a.Int16();
    case 'integer': return new a.Int32();
    case 'bigint': return new a.Int64();
    case 'decimal': return new a.Decimal(type.scale, type.precision, 128);
    case 'real': return new a.Float32();
    case 'double': return new a.Float64();
    case 'boolean': return new a.Bool();
    case 'char':
    case 'varchar': return new a.Utf8();
    case 'date': return new a.DateDay();
    case 'timestamp': return new a.TimestampMicrosecond();
    case 'timestamptz': return new a.TimestampMicrosecond('UTC');
    case 'time': return new a.TimeMicrosecond();
    case 'interval':
    case 'unknown':
      throw new SqlError(SqlState.featureNotSupported, `type ${type.kind} has no Arrow storage type`);
    default:
      return assertNever(type);
  }
}

/** An Arrow `Data` over the chunk's own buffers (no copy). */
export function chunkToArrowData(chunk: ColumnChunk): arrow.Data {
  const a = lib();
  const type = arrowTypeFor(chunk.type);
  const common = { type, length: chunk.length, nullCount: chunk.nullCount, nullBitmap: chunk.validity ?? undefined };
  if (chunk.offsets !== null) {
    return a.makeData({ ...common, type: type as arrow.Utf8, valueOffsets: chunk.offsets, data: chunk.values as Uint8Array });
  }
  // makeData's overloads are per type class; every non-string storage type takes `data` alone.
  return a.makeData({ ...common, type: type as arrow.Int32, data: chunk.values as Int32Array }) as arrow.Data;
}

/** An Arrow table over the blocks' buffers: one record batch per block, columns named `names`. */
export function blocksToArrowTable(names: readonly string[], types: readonly SqlType[], blocks: readonly Block[]): arrow.Table {
  const a = lib();
  const schema = new a.Schema(names.map((name, i) => new a.Field(name, arrowTypeFor(types[i]!), true)));
  const batches = blocks.map((block) => {
    const children = block.columns.map(chunkToArrowData);
    const struct = a.makeData({ type: new a.Struct(schema.fields), length: block.rowCount, nullCount: 0, children });
    return new a.RecordBatch(schema, struct);
  });
  return new a.Table(schema, batches);
}
