/**
 * STV_BLOCKLIST and SVV_DISKUSAGE: one row per block of each column of each table on each slice —
 * the user columns and Redshift's three hidden ones (INSERT_XID, DELETE_XID, ROW_ID, numbered after
 * them), so that the rows of a table and slice count what STV_TBL_PERM.block_count says. A Slicewise
 * block holds up to BLOCK_ROWS rows (storage/block.ts) where Redshift's holds 1 MB.
 *
 * minvalue / maxvalue are the block's zone map as BIGINT, as Redshift keeps it (reference §5.2):
 * integers and DECIMAL's unscaled digits as they are (beyond 64 bits, clamped), DATE as days and
 * TIMESTAMP as microseconds since 2000-01-01 (PostgreSQL's epoch), TIME as microseconds since
 * midnight, BOOLEAN as 0/1, REAL and DOUBLE truncated to an integer, and CHAR/VARCHAR as their first
 * 8 bytes read as a big-endian integer. A block of only NULLs has NULL bounds. The hidden columns'
 * bounds: ROW_ID the block's row numbers within its slice; the two XID columns 0, as Slicewise keeps
 * no transaction id per row.
 */
import type { TableMeta } from '../../catalog/relation.js';
import { DATABASE_OID } from '../../catalog/system/listing.js';
import { HIDDEN_COLUMNS, sliceBlockList, type SliceData } from '../../storage/index.js';
import type { SqlType } from '../../types/index.js';
import type { StatementEnv } from '../query.js';
import { pad, type Row, type RowsContext } from './context.js';

export const BLOCK_ROWS_PRODUCERS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  stv_blocklist: ({ env }) => blockRows(env).map((b) => [b.slice, b.col, b.table.id, b.blocknum, b.numValues, 0, ...blockState(b), 0, 0]),
  svv_diskusage: ({ env }) => blockRows(env).map((b) => [DATABASE_OID, pad(b.table.name, 72), b.slice, b.col, b.table.id, b.blocknum, b.numValues, ...blockState(b)]),
};

/** minvalue, maxvalue, then the state flags: every block is on disk, unpinned, unmodified, not a tombstone. */
function blockState(b: BlockRow): Row {
  return [b.min, b.max, 0, 0, 1, 0, 0, b.unsorted, 0, 0, 0, 0];
}

interface BlockRow {
  readonly table: TableMeta;
  readonly slice: number;
  readonly col: number;
  readonly blocknum: number;
  readonly numValues: number;
  readonly min: bigint | null;
  readonly max: bigint | null;
  /** 1 when some of the block's rows lie in the slice's unsorted region. */
  readonly unsorted: number;
}

/** Every table's blocks, like STV_TBL_PERM's rows for a superuser (other sessions' temp tables included). */
function blockRows(env: StatementEnv): BlockRow[] {
  const out: BlockRow[] = [];
  for (const table of env.state.catalog.tables()) {
    const slices = env.state.tables.get(table.id)?.slices ?? [];
    slices.forEach((data, slice) => out.push(...sliceBlocks(table, slice, data)));
  }
  return out;
}

function sliceBlocks(table: TableMeta, slice: number, data: SliceData): BlockRow[] {
  const out: BlockRow[] = sliceBlockList(data).map((e) => ({
    table,
    slice,
    col: e.col,
    blocknum: e.blocknum,
    numValues: e.numValues,
    min: zoneBound(table.columns[e.col]!.type, e.min),
    max: zoneBound(table.columns[e.col]!.type, e.max),
    unsorted: e.unsorted ? 1 : 0,
  }));
  const width = table.columns.length;
  let firstRow = 0;
  data.blocks.forEach((ref, blocknum) => {
    const rows = ref.block.rowCount;
    const unsorted = firstRow + rows > data.sortedRows ? 1 : 0;
    for (let hidden = 0; hidden < HIDDEN_COLUMNS; hidden++) {
      const isRowId = hidden === HIDDEN_COLUMNS - 1;
      const min = isRowId ? BigInt(firstRow) : 0n;
      const max = isRowId ? BigInt(firstRow + rows - 1) : 0n;
      out.push({ table, slice, col: width + hidden, blocknum, numValues: rows, min, max, unsorted });
    }
    firstRow += rows;
  });
  return out;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** 2000-01-01, PostgreSQL's epoch, in the engine's days and microseconds since 1970-01-01. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MICROS = 946_684_800_000_000;

function clampInt64(v: bigint): bigint {
  return v < INT64_MIN ? INT64_MIN : v > INT64_MAX ? INT64_MAX : v;
}

/** A zone map bound (an engine value of `type`) as STV_BLOCKLIST's BIGINT. */
export function zoneBound(type: SqlType, value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'time':
      return BigInt(value as number);
    case 'bigint':
    case 'decimal':
      return clampInt64(value as bigint);
    case 'date':
      return BigInt((value as number) - PG_EPOCH_DAYS);
    case 'timestamp':
    case 'timestamptz':
      return BigInt((value as number) - PG_EPOCH_MICROS);
    case 'boolean':
      return value === true ? 1n : 0n;
    case 'real':
    case 'double': {
      const x = value as number;
      if (Number.isNaN(x)) return null;
      if (!Number.isFinite(x)) return x > 0 ? INT64_MAX : INT64_MIN;
      return clampInt64(BigInt(Math.trunc(x)));
    }
    case 'char':
    case 'varchar': {
      const bytes = new Uint8Array(8);
      bytes.set(Buffer.from(value as string, 'utf8').subarray(0, 8));
      return new DataView(bytes.buffer).getBigInt64(0, false);
    }
    case 'interval':
    case 'unknown':
      return null;
  }
}
