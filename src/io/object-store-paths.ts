/**
 * Where an object lives on disk: `s3://bucket/key` is `<root>/bucket/key`, with `/` in the key as
 * the path separator. The one rule: no key ever reaches a file outside the root. Key shapes that
 * could (`..`, absolute, backslash, NUL, encoded separators) are refused by s3-url.ts; what is left
 * is symlinks, so every file and directory used is checked by its *real* path against the root's
 * real path (the root itself may be a symlink, e.g. /tmp on macOS). A file is then opened by its
 * real path with O_NOFOLLOW, so its last component cannot be swapped for a link after the check.
 *
 * The checks call the file system synchronously (the functions stay async for their callers): each is
 * a metadata lookup of microseconds, and as promises they were five round trips through libuv's
 * thread pool, which a compute node busy parsing other streams answered late — 10-26 ms from a GET to
 * its open file under a throughput model, measured on every file of a load.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { SqlError, SqlState } from '../types/errors.js';
import { keyOutsideStoreError, noSuchBucketError } from './object-store-errors.js';
import { formatS3Url, keyShapeProblem } from './s3-url.js';

/** The root's real path; an error if the root itself is missing. */
export async function realRoot(root: string): Promise<string> {
  try {
    return realpathSync.native(root);
  } catch (err) {
    if (isMissing(err)) throw new SqlError(SqlState.internalError, `object store root '${root}' does not exist`);
    throw err;
  }
}

/** The bucket's directory (real path); NoSuchBucket when it is not a directory under the root. */
export async function bucketDirectory(rootReal: string, bucket: string, url: string): Promise<string> {
  const real = realOrNull(join(rootReal, bucket));
  if (real === null || !isDirectory(real)) throw noSuchBucketError(bucket, url);
  if (!within(rootReal, real, { allowEqual: false })) throw keyOutsideStoreError(url, `bucket '${bucket}' is a link leading outside the object store root`);
  return real;
}

/** A key's path under the bucket directory (not yet resolved through links). */
export function keyPath(bucketDir: string, key: string): string {
  return join(bucketDir, ...key.split('/'));
}

/**
 * The real path of `path` if it exists, checked to be inside the root; null when it does not exist.
 * `url` names the key in the error.
 */
export async function realInsideRoot(rootReal: string, path: string, url: string): Promise<string | null> {
  const real = realOrNull(path);
  if (real === null) return null;
  if (!within(rootReal, real, { allowEqual: false })) throw keyOutsideStoreError(url, 'it resolves (through a symbolic link) to a path outside the object store root');
  return real;
}

/** The object file of bucket/key: its real path and size, or null when there is no such object. */
export async function objectFile(rootReal: string, bucket: string, key: string): Promise<{ path: string; size: number } | null> {
  const url = formatS3Url(bucket, key);
  // A prefix-shaped key (empty, or ending in '/') can name a "folder" but never an object.
  if (keyShapeProblem(key, { prefix: false }) !== null) return null;
  const dir = await bucketDirectory(rootReal, bucket, url);
  const real = await realInsideRoot(rootReal, keyPath(dir, key), url);
  if (real === null) return null;
  const info = statSync(real);
  return info.isFile() ? { path: real, size: info.size } : null;
}

function within(rootReal: string, real: string, options: { allowEqual: boolean }): boolean {
  const rel = relative(rootReal, real);
  if (rel === '') return options.allowEqual;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch (err) {
    if (isMissing(err)) return null;
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new SqlError(SqlState.internalError, `object store path '${path}' is a loop of symbolic links`);
    throw err;
  }
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

/** ENOENT, or ENOTDIR (a path component is a file: `a.txt/b` when a.txt is a file). */
function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
