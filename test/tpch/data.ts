/**
 * The dbgen data files: where they are (../shared/data/tpch beside the repository, in CI and here)
 * and how to read one into rows of fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { TPCH_TABLES, type TpchTable } from './schema.js';

export type ScaleFactor = '0.01' | '0.1';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Root of the shared TPC-H data: `<repo>/../shared/data/tpch`. */
export const TPCH_DATA_ROOT = path.resolve(REPO_ROOT, '../shared/data/tpch');

/** Directory of one scale factor's `.tbl.gz` files; throws a clear error if it is not there. */
export function tpchDataDir(sf: ScaleFactor): string {
  const dir = path.join(TPCH_DATA_ROOT, `sf${sf}`);
  if (!existsSync(dir)) {
    throw new Error(
      `TPC-H data for SF${sf} not found at ${dir} (expected gzipped dbgen .tbl files in ../shared/data/tpch/sf${sf} ` +
        'relative to the repository root)',
    );
  }
  return dir;
}

/** Path of a table's gzipped `.tbl` file. */
export function tpchFile(sf: ScaleFactor, table: TpchTable): string {
  const file = path.join(tpchDataDir(sf), `${table}.tbl.gz`);
  if (!existsSync(file)) throw new Error(`TPC-H data file missing: ${file}`);
  return file;
}

/** Rows of a table: each line split on `|`, minus the empty field after dbgen's trailing `|`. */
export function readTpchRows(sf: ScaleFactor, table: TpchTable): string[][] {
  const text = gunzipSync(readFileSync(tpchFile(sf, table))).toString('latin1');
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    const fields = line.split('|');
    if (fields.pop() !== '') throw new Error(`${table}: line without the trailing '|': ${line.slice(0, 80)}`);
    rows.push(fields);
  }
  return rows;
}

/** Row count of every table at `sf`, from the `checksums-uncompressed.txt` published beside the data. */
export function expectedRowCounts(sf: ScaleFactor): Record<TpchTable, number> {
  const text = readFileSync(path.join(TPCH_DATA_ROOT, 'checksums-uncompressed.txt'), 'utf8');
  const counts: Partial<Record<TpchTable, number>> = {};
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^== SF(\S+)/.exec(line);
    if (header !== null) section = header[1] ?? '';
    else if (section === sf && line.trim() !== '') {
      const [table, rows] = line.trim().split(/\s+/);
      counts[table as TpchTable] = Number(rows);
    }
  }
  for (const table of TPCH_TABLES) {
    if (counts[table] === undefined) throw new Error(`checksums-uncompressed.txt has no SF${sf} row count for ${table}`);
  }
  return counts as Record<TpchTable, number>;
}
