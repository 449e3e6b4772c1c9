/**
 * GET: an object's bytes as a stream of chunks, optionally a byte range of it (COPY's scan ranges),
 * paced by the throughput model when there is one.
 */
import { closeSync, constants, fstatSync, openSync, read } from 'node:fs';
import { promisify } from 'node:util';
import { SqlError, SqlState } from '../types/errors.js';
import { invalidRangeError, noSuchKeyError } from './object-store-errors.js';
import { objectFile, realRoot } from './object-store-paths.js';
import type { ObjectStoreConfig, StoredObject } from './object-store.js';
import { parseS3Url } from './s3-url.js';
import { StreamPacer } from './throughput.js';

export interface ReadOptions {
  /** Bytes per chunk (the last may be shorter). Default 1 MiB, 64 KiB under a throughput model. */
  readonly chunkBytes?: number;
  /** First byte to read (inclusive). Default 0. */
  readonly start?: number;
  /** End of the range (exclusive, like Array.slice); clamped to the object's size. Default: the end. */
  readonly end?: number;
}

const DEFAULT_CHUNK_BYTES = 1 << 20;
/**
 * Chunks under a throughput model. A modelled stream hands a chunk over only once all its bytes
 * could have arrived; S3's bytes arrive continuously and a reader parses them as they come. At 25 MB/s
 * a 1 MB chunk is 40 ms of arrival, so the parsing of the last one would trail the stream's end by
 * that much; 64 KiB chunks keep the reader within a few milliseconds of the stream.
 */
const PACED_CHUNK_BYTES = 1 << 16;

const readAt = promisify(read);

/**
 * The object's bytes, `start` to `end`, in chunks. Each chunk is a fresh buffer the caller may keep
 * (or transfer). With a throughput model the first chunk comes after one request latency and the
 * stream never runs ahead of the modelled bandwidth.
 */
export async function* readObject(config: ObjectStoreConfig, source: StoredObject | string, options: ReadOptions = {}): AsyncGenerator<Uint8Array> {
  const url = typeof source === 'string' ? source : source.url;
  const { bucket, key } = typeof source === 'string' ? parseS3Url(source) : source;
  const chunkBytes = options.chunkBytes ?? (config.throughput === null ? DEFAULT_CHUNK_BYTES : PACED_CHUNK_BYTES);
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes <= 0) {
    throw new SqlError(SqlState.invalidParameterValue, `read chunk size must be a positive integer, got ${chunkBytes}`);
  }
  const file = await objectFile(await realRoot(config.root), bucket, key);
  if (file === null) throw noSuchKeyError(url);
  const pacer = config.throughput === null ? null : new StreamPacer(config.throughput);

  // O_NOFOLLOW: the path is already resolved; refuse it if it was swapped for a link since. Opened
  // synchronously, as its path was resolved (object-store-paths.ts): a local open takes microseconds,
  // a round trip through libuv's thread pool from a busy compute node up to 20 ms.
  const fd = openSync(file.path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const size = fstatSync(fd).size;
    const { start, end } = byteRange(url, options, size);
    if (pacer !== null) await pacer.firstByte();
    let position = start;
    while (position < end) {
      const want = Math.min(chunkBytes, end - position);
      // allocUnsafeSlow: an ArrayBuffer of its own (not Node's shared pool), so a consumer may
      // keep or transfer the chunk; every byte handed out is overwritten by the read.
      const buffer = Buffer.allocUnsafeSlow(want);
      const { bytesRead } = await readAt(fd, buffer, 0, want, position);
      if (bytesRead === 0) break; // the file shrank while being read
      position += bytesRead;
      if (pacer !== null) await pacer.delivered(position - start);
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

/** The whole object as text: manifests and JSONPaths files (plain UTF-8, never compressed). One GET, so one request latency under a throughput model. */
export async function readObjectText(config: ObjectStoreConfig, url: string): Promise<string> {
  const decoder = new TextDecoder('utf-8'); // drops a leading BOM, as JSON.parse would choke on it
  let text = '';
  for await (const chunk of readObject(config, url)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function byteRange(url: string, options: ReadOptions, size: number): { start: number; end: number } {
  const start = options.start ?? 0;
  const askedEnd = options.end ?? null;
  const wellFormed = Number.isSafeInteger(start) && start >= 0 && (askedEnd === null || (Number.isSafeInteger(askedEnd) && askedEnd >= start));
  if (!wellFormed) throw new SqlError(SqlState.invalidParameterValue, `invalid byte range [${start}, ${askedEnd ?? 'end'}) for ${url}`);
  if (start > size) throw invalidRangeError(url, start, size);
  return { start, end: Math.min(askedEnd ?? size, size) };
}
