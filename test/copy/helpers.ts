/** Shared pieces of the COPY tests: a throwaway bucket on disk, the shipped sample bucket, table comparison. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { Cluster, type ClusterOptions, type QueryResult } from '../../src/index.js';

/** The S3 root shipped in fixtures/: bucket `slicewise-sample`. */
export const SAMPLE_S3_ROOT = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));
export const SAMPLE_BUCKET = 'slicewise-sample';

/** An IAM role clause of the right shape (COPY validates it; nothing is authorized). */
export const IAM = "iam_role 'arn:aws:iam::123456789012:role/SlicewiseTest'";

/** A temporary S3 root holding `files` (key -> content) in bucket `test-bucket`; remove() deletes it. */
export function tempBucket(files: Readonly<Record<string, string | Uint8Array>> = {}): { root: string; put(key: string, content: string | Uint8Array): void; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'slicewise-s3-'));
  const put = (key: string, content: string | Uint8Array): void => {
    const path = join(root, 'test-bucket', key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  for (const [key, content] of Object.entries(files)) put(key, content);
  mkdirSync(join(root, 'test-bucket'), { recursive: true });
  return { root, put, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The test file's cluster over `bucket`: started before the file's tests (hooks registered earlier,
 * say putting shared files, run first), handed to `started`; closed after them, and the bucket removed.
 */
export function clusterOverBucket(bucket: ReturnType<typeof tempBucket>, options: ClusterOptions, started: (db: Cluster) => void): void {
  let db: Cluster | null = null;
  beforeAll(async () => {
    db = await Cluster.start({ ...options, s3Root: bucket.root });
    started(db);
  });
  afterAll(async () => {
    await db?.close();
    bucket.remove();
  });
}

/** The rows of a result as arrays. */
export function rowsOf(r: QueryResult): unknown[][] {
  return r.toArrays();
}

/** Both tables hold exactly the same multiset of rows (compared value by value, not just counted). */
export async function expectSameRows(db: Cluster, a: string, b: string): Promise<void> {
  const sorted = async (t: string): Promise<string[]> =>
    (await db.query(`select * from ${t}`)).toArrays().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
  const [left, right] = [await sorted(a), await sorted(b)];
  expect(left.length).toBeGreaterThan(0);
  expect(left).toEqual(right);
}

/** STL_LOAD_ERRORS rows of the session's last COPY. */
export async function lastLoadErrors(db: Cluster): Promise<readonly Record<string, unknown>[]> {
  const r = await db.query(
    'select slice, trim(filename) as filename, line_number, trim(colname) as colname, trim(type) as type, trim(col_length) as col_length, position, trim(raw_line) as raw_line, trim(raw_field_value) as raw_field_value, err_code, trim(err_reason) as err_reason from stl_load_errors where query = pg_last_copy_id() order by filename, line_number',
  );
  return r.rows;
}
