import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { readColumn } from '../../src/storage/block-reader.js';
import { DATE, INTEGER, decimalType, varcharType } from '../../src/types/datatype.js';

const READER_URL = new URL('../../src/storage/block-reader.ts', import.meta.url).href;

/**
 * The worker decodes the block it is sent with the real readColumn (loaded through tsx), reports what
 * it read, then overwrites the first integer in place: if the main thread sees that write, the worker
 * was looking at the same shared memory, not a copy.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', async (block) => {
  const { tsImport } = await import('tsx/esm/api');
  const { readColumn } = await tsImport(${JSON.stringify(READER_URL)}, ${JSON.stringify(READER_URL)});
  const values = block.columns.map((c) => readColumn(c));
  const shared = block.columns.every((c) => c.values.buffer instanceof SharedArrayBuffer);
  block.columns[0].values[0] = -999;
  parentPort.postMessage({ values, shared });
});
`;

describe('blocks in worker threads', () => {
  it('a worker reads a posted block from the same SharedArrayBuffers', async () => {
    const types = [INTEGER, varcharType(20), decimalType(38, 4), DATE];
    const columns = [[1, null, 3], ['é', 'plain', null], [-(10n ** 30n), 5n, null], [-1, 0, 19000]];
    const [block] = buildBlocks(types, columns, 3);
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    try {
      const reply = await new Promise<{ values: unknown[][]; shared: boolean }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(block);
      });
      expect(reply.shared).toBe(true);
      expect(reply.values).toEqual(columns);
      expect(readColumn(block!.columns[0]!)[0]).toBe(-999);
    } finally {
      await worker.terminate();
    }
  });
});
