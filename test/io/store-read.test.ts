/** GET: chunked reads, byte ranges, whole-text reads and the throughput model. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headObject, readObject, readObjectText } from '../../src/io/object-store.js';
import { SqlError } from '../../src/types/errors.js';
import { collectBytes, rejection, tempStore, type TempStore } from './store-helpers.js';

let store: TempStore;
const B = 'readbucket';
const data = randomBytes(3 * 1024 * 1024 + 123);
const twoMb = randomBytes(2_000_000);

beforeAll(() => {
  store = tempStore();
  store.put(B, 'big.bin', data);
  store.put(B, 'two.bin', twoMb);
  store.put(B, 'empty.txt', '');
  store.put(B, 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": "é"}')]));
});
afterAll(() => store.remove());

describe('readObject', () => {
  it('streams the whole object in 1 MiB chunks by default, by URL or by listed object', async () => {
    const chunks: Uint8Array[] = [];
    for await (const c of readObject(store.config(), `s3://${B}/big.bin`)) chunks.push(c);
    expect(chunks.map((c) => c.length)).toEqual([1 << 20, 1 << 20, 1 << 20, 123]);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    const listed = (await headObject(store.config(), `s3://${B}/big.bin`))!;
    expect((await collectBytes(readObject(store.config(), listed, { chunkBytes: 1000 }))).equals(data)).toBe(true);
  });

  it('hands out fresh buffers, each with its own memory', async () => {
    const chunks: Uint8Array[] = [];
    for await (const c of readObject(store.config(), `s3://${B}/big.bin`, { chunkBytes: 4096, end: 40960 })) chunks.push(c);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    for (const c of chunks) expect(c.byteOffset).toBe(0);
  });

  it('reads byte ranges [start, end)', async () => {
    const range = async (start?: number, end?: number, chunkBytes?: number): Promise<Buffer> =>
      collectBytes(readObject(store.config(), `s3://${B}/big.bin`, { start, end, chunkBytes }));
    expect((await range(10, 20)).equals(data.subarray(10, 20))).toBe(true);
    expect((await range(1_000_000, 2_500_000, 65536)).equals(data.subarray(1_000_000, 2_500_000))).toBe(true);
    expect((await range(data.length - 5)).equals(data.subarray(data.length - 5))).toBe(true);
    expect((await range(undefined, 7)).equals(data.subarray(0, 7))).toBe(true);
    expect((await range(100, data.length + 1000)).equals(data.subarray(100))).toBe(true); // clamped, as S3 does
    expect(await range(data.length)).toHaveLength(0);
    expect(await range(5, 5)).toHaveLength(0);
  });

  it('refuses bad ranges; a start past the end is S3\'s InvalidRange', async () => {
    const url = `s3://${B}/big.bin`;
    expect((await rejection(collectBytes(readObject(store.config(), url, { start: data.length + 1 })))).message).toMatch(/InvalidRange/);
    for (const opts of [{ start: -1 }, { start: 10, end: 5 }, { start: 1.5 }, { chunkBytes: 0 }]) {
      const err = await rejection(collectBytes(readObject(store.config(), url, opts)));
      expect(err, JSON.stringify(opts)).toBeInstanceOf(SqlError);
    }
  });

  it('an empty object is an empty stream; a missing one is NoSuchKey naming the URL', async () => {
    expect(await collectBytes(readObject(store.config(), `s3://${B}/empty.txt`))).toHaveLength(0);
    const err = await rejection(collectBytes(readObject(store.config(), `s3://${B}/missing.txt`)));
    expect(err.message).toMatch(/The specified key does not exist/);
    expect(err.message).toContain(`s3://${B}/missing.txt`);
  });
});

describe('readObjectText', () => {
  it('decodes UTF-8 and drops a byte order mark', async () => {
    expect(JSON.parse(await readObjectText(store.config(), `s3://${B}/bom.json`))).toEqual({ a: 'é' });
  });
});

describe('the throughput model', () => {
  // Timing tests: generous bounds. They check the model's shape, not the machine's speed.
  const model = { mbPerSecond: 20, latencyMs: 30 };

  async function timedRead(url: string, onFirst?: (ms: number, bytes: number) => void): Promise<number> {
    const t0 = performance.now();
    let first = true;
    let bytes = 0;
    for await (const c of readObject(store.config(model), url)) {
      if (first) onFirst?.(performance.now() - t0, c.length);
      first = false;
      bytes += c.length;
    }
    expect(bytes).toBe(twoMb.length);
    return performance.now() - t0;
  }

  it('2 MB at 20 MB/s takes about 100 ms plus one latency, in small chunks as they arrive', async () => {
    let firstByte = 0;
    let firstChunk = 0;
    const ms = await timedRead(`s3://${B}/two.bin`, (t, bytes) => ((firstByte = t), (firstChunk = bytes)));
    // 64 KiB chunks: a reader parses bytes as they come, not a megabyte at a time after it all arrived.
    expect(firstChunk).toBe(64 * 1024);
    expect(firstByte).toBeGreaterThanOrEqual(model.latencyMs + 3); // latency + pacing of the first chunk (3.3 ms)
    expect(ms).toBeGreaterThanOrEqual(125);
    expect(ms).toBeLessThan(600);
  });

  it('two concurrent streams each still get the full bandwidth', async () => {
    const t0 = performance.now();
    const [a, b] = await Promise.all([timedRead(`s3://${B}/two.bin`), timedRead(`s3://${B}/two.bin`)]);
    const total = performance.now() - t0;
    for (const ms of [a, b]) expect(ms).toBeGreaterThanOrEqual(125);
    // Shared bandwidth would need >= 230 ms.
    expect(total).toBeLessThan(225);
  });

  it('applies to whole-text reads too (one latency)', async () => {
    const t0 = performance.now();
    await readObjectText(store.config({ mbPerSecond: 1000, latencyMs: 60 }), `s3://${B}/bom.json`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(59);
  });

  it('without a model reads do not wait', async () => {
    const t0 = performance.now();
    await collectBytes(readObject(store.config(), `s3://${B}/two.bin`));
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('rejects a nonsensical model', async () => {
    await expect(collectBytes(readObject(store.config({ mbPerSecond: 0, latencyMs: 0 }), `s3://${B}/two.bin`))).rejects.toThrow(/MB\/s/);
    await expect(collectBytes(readObject(store.config({ mbPerSecond: 10, latencyMs: -1 }), `s3://${B}/two.bin`))).rejects.toThrow(/latency/);
  });
});
