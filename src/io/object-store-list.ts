/**
 * Listing and HEAD. S3 has no folders: `FROM 's3://bucket/prefix'` means every object whose key
 * *starts with the string* (reference §1.2) — `custdata.txt` matches `custdata.txt.1`, and
 * `custfolder` matches `custfolder/a`, `custfolder_1/b` and `custfolder.log`. On disk that is: the
 * directory holding the prefix's last segment, its entries whose names start with that segment,
 * and everything below the matching directories. Keys come back in S3's order, UTF-8 byte order.
 *
 * Under a throughput model a listing costs one request latency per page of 1000 keys (ListObjectsV2's
 * page size; the pages are fetched one after another, each needing the previous one's continuation
 * token), and a HEAD costs one latency, found or not.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { keyOutsideStoreError } from './object-store-errors.js';
import { bucketDirectory, keyPath, objectFile, realInsideRoot, realRoot } from './object-store-paths.js';
import type { ObjectStoreConfig, StoredObject } from './object-store.js';
import { formatS3Url, keyShapeProblem, parseS3Url } from './s3-url.js';
import { requestRoundTrips } from './throughput.js';

/** Keys per ListObjectsV2 response. */
const LIST_PAGE_KEYS = 1000;

/**
 * Every object whose key starts with the prefix of `prefixUrl`, sorted by key. A missing bucket is
 * an error; no match is `[]` (COPY turns that into its own error).
 */
export async function listObjects(config: ObjectStoreConfig, prefixUrl: string): Promise<StoredObject[]> {
  const started = performance.now();
  const { bucket, key: prefix } = parseS3Url(prefixUrl);
  const rootReal = await realRoot(config.root);
  const bucketDir = await bucketDirectory(rootReal, bucket, prefixUrl);
  const slash = prefix.lastIndexOf('/');
  const folder = prefix.slice(0, slash + 1);
  const namePrefix = prefix.slice(slash + 1);

  const found: { key: string; size: number }[] = [];
  const walker = new Walker(rootReal, bucket, found);
  const startDir = await realInsideRoot(rootReal, keyPath(bucketDir, folder), formatS3Url(bucket, folder));
  if (startDir !== null && (await stat(startDir)).isDirectory()) {
    await walker.visitChildren(startDir, folder, namePrefix, new Set([startDir]));
  }
  found.sort((a, b) => Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8')));
  // An empty listing is still one request.
  await requestRoundTrips(config.throughput, Math.max(1, Math.ceil(found.length / LIST_PAGE_KEYS)), started);
  return found.map((f) => ({ url: formatS3Url(bucket, f.key), bucket, key: f.key, size: f.size }));
}

/** The object at `url`, or null when there is none (directories are not objects). */
export async function headObject(config: ObjectStoreConfig, url: string): Promise<StoredObject | null> {
  const started = performance.now();
  const { bucket, key } = parseS3Url(url);
  const file = await objectFile(await realRoot(config.root), bucket, key);
  await requestRoundTrips(config.throughput, 1, started);
  return file === null ? null : { url: formatS3Url(bucket, key), bucket, key, size: file.size };
}

class Walker {
  constructor(
    private readonly rootReal: string,
    private readonly bucket: string,
    private readonly found: { key: string; size: number }[],
  ) {}

  /**
   * The entries of `dir` (the folder `folderKey`, '' or ending in '/') whose names start with
   * `namePrefix`. `ancestors` holds the real paths of the directories being walked, so a link back
   * up the tree is not followed forever.
   */
  async visitChildren(dir: string, folderKey: string, namePrefix: string, ancestors: ReadonlySet<string>): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (!entry.name.startsWith(namePrefix)) continue;
      const key = folderKey + entry.name;
      // A file name that is no valid key (a backslash or control character in it) is not an object.
      if (keyShapeProblem(key, { prefix: false }) !== null) continue;
      await this.visit(join(dir, entry.name), entry, key, ancestors);
    }
  }

  private async visit(path: string, entry: Dirent, key: string, ancestors: ReadonlySet<string>): Promise<void> {
    const url = formatS3Url(this.bucket, key);
    // Plain files and directories need no realpath: their parent already passed the check.
    if (entry.isFile()) {
      this.found.push({ key, size: (await stat(path)).size });
      return;
    }
    if (entry.isDirectory()) return this.descend(path, key, ancestors);
    if (!entry.isSymbolicLink()) return; // sockets, FIFOs, devices: not objects
    const real = await realInsideRoot(this.rootReal, path, url);
    if (real === null) return; // a dangling link is no object
    const info = await stat(real);
    if (info.isFile()) this.found.push({ key, size: info.size });
    else if (info.isDirectory()) {
      if (ancestors.has(real)) throw keyOutsideStoreError(url, 'it is a symbolic link to one of its own parent folders (a cycle)');
      await this.descend(real, key, ancestors);
    }
  }

  private async descend(dir: string, key: string, ancestors: ReadonlySet<string>): Promise<void> {
    await this.visitChildren(dir, `${key}/`, '', new Set([...ancestors, dir]));
  }
}
