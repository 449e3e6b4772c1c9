/**
 * The S3-shaped object store COPY reads from: `s3://bucket/key` is the file `<root>/bucket/key`.
 * This module is the front door (types + re-exports); the work is in:
 * - s3-url.ts             URL parsing, bucket-name and key-shape rules
 * - object-store-paths.ts key -> file, never outside the root (symlinks checked by real path)
 * - object-store-list.ts  prefix listing (Redshift's "key starts with the string") and HEAD
 * - object-store-read.ts  GET as a chunk stream, byte ranges, whole-text reads
 * - throughput.ts         the optional latency + per-stream bandwidth model
 * - manifest.ts           COPY manifests
 *
 * Everything here is plain data so a config crosses to worker threads unchanged.
 */
import type { ThroughputModel } from './throughput.js';

export interface ObjectStoreConfig {
  /** Directory holding one sub-directory per bucket. */
  readonly root: string;
  /** null: read as fast as the disk allows. */
  readonly throughput: ThroughputModel | null;
}

/** One object, as a listing or HEAD reports it. */
export interface StoredObject {
  /** `s3://bucket/key`. */
  readonly url: string;
  readonly bucket: string;
  readonly key: string;
  /** Size in bytes when listed. */
  readonly size: number;
}

export type { ThroughputModel } from './throughput.js';
export type { ReadOptions } from './object-store-read.js';
export type { ManifestEntry, ResolvedManifest } from './manifest.js';
export { parseS3Url, formatS3Url } from './s3-url.js';
export { listObjects, headObject } from './object-store-list.js';
export { readObject, readObjectText } from './object-store-read.js';
export { parseManifest, resolveManifest } from './manifest.js';
