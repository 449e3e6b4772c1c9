/**
 * LIST and HEAD under the throughput model: a listing pays one request latency per page of 1000 keys
 * (pages are sequential), a HEAD pays one, found or not. Only lower bounds are asserted — the model
 * guarantees them (its waits loop until the deadline); upper bounds would depend on the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headObject, listObjects, resolveManifest } from '../../src/io/object-store.js';
import { rejection, tempStore } from './store-helpers.js';

const store = tempStore();
const B = 'req-bucket';
const LATENCY = 60;
const model = { mbPerSecond: 1000, latencyMs: LATENCY };

beforeAll(() => {
  for (let i = 0; i < 1001; i++) store.put(B, `many/k${String(i).padStart(4, '0')}`, 'x');
  for (let i = 0; i < 1000; i++) store.put(B, `full/k${String(i).padStart(4, '0')}`, 'x');
  store.put(B, 'one/only.txt', 'x');
  store.put(B, 'm/a.txt', 'a');
  store.put(B, 'm/b.txt', 'b');
  store.put(B, 'm/manifest', JSON.stringify({ entries: [{ url: `s3://${B}/m/a.txt` }, { url: `s3://${B}/m/b.txt` }] }));
});
afterAll(() => store.remove());

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

describe('LIST under the throughput model', () => {
  it('one page (up to 1000 keys, or none) costs one latency', async () => {
    const one = await timed(() => listObjects(store.config(model), `s3://${B}/one/`));
    expect(one.value).toHaveLength(1);
    expect(one.ms).toBeGreaterThanOrEqual(LATENCY);
    const none = await timed(() => listObjects(store.config(model), `s3://${B}/nothing/`));
    expect(none.value).toEqual([]);
    expect(none.ms).toBeGreaterThanOrEqual(LATENCY);
    const full = await timed(() => listObjects(store.config(model), `s3://${B}/full/`));
    expect(full.value).toHaveLength(1000);
    expect(full.ms).toBeGreaterThanOrEqual(LATENCY);
  });

  it('1001 keys are two pages, fetched one after the other: two latencies', async () => {
    const many = await timed(() => listObjects(store.config(model), `s3://${B}/many/`));
    expect(many.value).toHaveLength(1001);
    expect(many.ms).toBeGreaterThanOrEqual(2 * LATENCY);
  });

  it('rejects a nonsensical model', async () => {
    expect((await rejection(listObjects(store.config({ mbPerSecond: 10, latencyMs: -1 }), `s3://${B}/one/`))).message).toMatch(/latency/);
  });
});

describe('HEAD and manifests under the throughput model', () => {
  it('a HEAD costs one latency, whether or not the object exists', async () => {
    const found = await timed(() => headObject(store.config(model), `s3://${B}/one/only.txt`));
    expect(found.value).toMatchObject({ size: 1 });
    expect(found.ms).toBeGreaterThanOrEqual(LATENCY);
    const missing = await timed(() => headObject(store.config(model), `s3://${B}/one/missing.txt`));
    expect(missing.value).toBeNull();
    expect(missing.ms).toBeGreaterThanOrEqual(LATENCY);
  });

  it('resolving a manifest: HEAD it, GET it, then HEAD its entries (concurrently) — three latencies in sequence', async () => {
    const resolved = await timed(() => resolveManifest(store.config(model), `s3://${B}/m/manifest`));
    expect(resolved.value.files.map((f) => f.key)).toEqual(['m/a.txt', 'm/b.txt']);
    expect(resolved.ms).toBeGreaterThanOrEqual(3 * LATENCY);
  });
});
