/**
 * COPY under the object store's throughput model pays S3's request latencies in sequence: the
 * LIST of the prefix (or the manifest's HEAD and GET, then its entries' HEADs), or the JSONPaths
 * file's GET, before any data file's GET. With a latency far above the machine's own work, each
 * COPY's time is bounded below by its chain of requests — a bound the model guarantees, so only
 * lower bounds are asserted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { IAM, clusterOverBucket, tempBucket } from './helpers.js';

const LATENCY = 200;
const bucket = tempBucket();
let db: Cluster;

beforeAll(async () => {
  bucket.put('prefix/data.txt', '1|a\n2|b\n');
  bucket.put('json/data.json', '{"id": 1, "name": "a"}\n{"id": 2, "name": "b"}\n');
  bucket.put('json/paths.json', JSON.stringify({ jsonpaths: ['$.id', '$.name'] }));
  bucket.put('manifest/data.txt', '1|a\n2|b\n');
  bucket.put('manifest/missing.manifest', JSON.stringify({ entries: [{ url: 's3://test-bucket/manifest/gone.txt' }] }));
  bucket.put('manifest/load.manifest', JSON.stringify({ entries: [{ url: 's3://test-bucket/manifest/data.txt', mandatory: true }] }));
});
clusterOverBucket(bucket, { s3Throughput: { mbPerSecond: 1000, latencyMs: LATENCY } }, (started) => (db = started));
beforeAll(async () => {
  await db.query('create table t (id integer, name varchar(10))');
});

/** Runs a COPY into t (emptied first); its wall time in ms. */
async function timedCopy(from: string, options: string): Promise<number> {
  await db.query('truncate t');
  const t0 = performance.now();
  const result = await db.query(`copy t from '${from}' ${IAM} ${options}`);
  const ms = performance.now() - t0;
  expect(result.rowCount).toBe(2);
  return ms;
}

/** Runs a COPY that fails before any data file is read; its wall time in ms. */
async function timedFailure(from: string, options: string, message: RegExp): Promise<number> {
  const t0 = performance.now();
  await expect(db.query(`copy t from '${from}' ${IAM} ${options}`)).rejects.toThrow(message);
  return performance.now() - t0;
}

describe('request latency in COPY', () => {
  // These COPYs fail right after their listing requests, so their time is (almost) only those
  // requests: without LIST and HEAD latencies they took a few milliseconds.
  it('a prefix that matches nothing still costs its LIST request', async () => {
    expect(await timedFailure('s3://test-bucket/no-such-prefix', '', /does not exist/)).toBeGreaterThanOrEqual(LATENCY);
  });

  it("a manifest none of whose files exist: its HEAD, its GET, its entries' HEADs", async () => {
    expect(await timedFailure('s3://test-bucket/manifest/missing.manifest', 'manifest', /None of the 1 file/)).toBeGreaterThanOrEqual(3 * LATENCY);
  });

  it('a prefix: LIST, then the GET of its one file — two latencies', async () => {
    expect(await timedCopy('s3://test-bucket/prefix/', '')).toBeGreaterThanOrEqual(2 * LATENCY);
  });

  it("JSONPaths: the paths file's GET comes first — three latencies", async () => {
    expect(await timedCopy('s3://test-bucket/json/data', "json 's3://test-bucket/json/paths.json'")).toBeGreaterThanOrEqual(3 * LATENCY);
  });

  it("a manifest: its HEAD and GET, its entries' HEADs, then the file's GET — four latencies", async () => {
    expect(await timedCopy('s3://test-bucket/manifest/load.manifest', 'manifest')).toBeGreaterThanOrEqual(4 * LATENCY);
  });

  it('progress reports say the times are simulated', async () => {
    await db.query('truncate t');
    let simulated: boolean | undefined;
    await db.query(`copy t from 's3://test-bucket/prefix/' ${IAM}`, [], { onCopyProgress: (p) => (simulated = p.simulated) });
    expect(simulated).toBe(true);
  });
});
