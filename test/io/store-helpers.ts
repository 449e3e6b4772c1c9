/** A throwaway object-store root on disk for the object-store tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ObjectStoreConfig } from '../../src/io/object-store.js';
import type { ThroughputModel } from '../../src/io/throughput.js';

export interface TempStore {
  /** The root directory (holding one folder per bucket). */
  readonly root: string;
  config(throughput?: ThroughputModel | null): ObjectStoreConfig;
  /** Writes `s3://bucket/key`. */
  put(bucket: string, key: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempStore(): TempStore {
  const root = mkdtempSync(join(tmpdir(), 'slicewise-store-'));
  return {
    root,
    config: (throughput = null) => ({ root, throughput }),
    put(bucket, key, content) {
      const path = join(root, bucket, ...key.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function collectBytes(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}
