/**
 * COPY manifests (reference §1.2): `{"entries": [{"url": "s3://b/k", "mandatory": true,
 * "meta": {"content_length": 123}}, ...]}`. `mandatory` defaults to false; a missing mandatory file
 * fails the COPY, a missing optional one is skipped, and if no listed file exists COPY fails
 * whatever the flags. A file listed twice is loaded twice. Other keys (UNLOAD's `record_count`,
 * unknown top-level keys) are ignored.
 *
 * Error texts: "Manifest file is not in correct json format", "Root must be a json object in the
 * manifest file", "Manifest file is not in expected format - 'url' field missing. ..." and
 * "Problem reading manifest file - S3ServiceException:The specified key does not exist..." are
 * Redshift's own (seen in Redshift's test suite and client reports); the 'entries' variant follows
 * the 'url' one. The texts for a missing mandatory file and for "no listed file exists" are not
 * documented: ours name the file and the manifest. Each message ends with the manifest's URL.
 */
import { SqlError, SqlState } from '../types/errors.js';
import { headObject } from './object-store-list.js';
import { readObjectText } from './object-store-read.js';
import type { ObjectStoreConfig, StoredObject } from './object-store.js';
import { keyShapeProblem, parseS3Url } from './s3-url.js';

export interface ManifestEntry {
  /** `s3://bucket/key` as written in the manifest. */
  readonly url: string;
  readonly mandatory: boolean;
  /** meta.content_length (bytes), required by Redshift for Parquet/ORC loads; null when absent. */
  readonly contentLength: number | null;
}

export interface ResolvedManifest {
  /** The existing files, in manifest order, duplicates kept. */
  readonly files: StoredObject[];
  /** entries[i] is the manifest entry files[i] came from. */
  readonly entries: ManifestEntry[];
  /** Optional entries whose file does not exist. */
  readonly skipped: ManifestEntry[];
}

const FORMAT_HELP = 'Please check the user documentation for the correct format of manifest file during copy command.';

function manifestError(message: string, manifestUrl: string, detail?: string): SqlError {
  return new SqlError(SqlState.internalError, `${message} (manifest ${manifestUrl})`, detail === undefined ? {} : { detail });
}

/** The entries of a manifest's text; `manifestUrl` is only for error messages. */
export function parseManifest(text: string, manifestUrl: string): ManifestEntry[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw manifestError('Manifest file is not in correct json format', manifestUrl, (err as Error).message);
  }
  if (!isObject(root)) throw manifestError('Root must be a json object in the manifest file', manifestUrl);
  const entries = root['entries'];
  if (entries === undefined) throw manifestError(`Manifest file is not in expected format - 'entries' field missing. ${FORMAT_HELP}`, manifestUrl);
  if (!Array.isArray(entries)) throw manifestError(`Manifest file is not in expected format - 'entries' field must be an array. ${FORMAT_HELP}`, manifestUrl);
  return entries.map((entry, i) => parseEntry(entry, i, manifestUrl));
}

function parseEntry(entry: unknown, index: number, manifestUrl: string): ManifestEntry {
  const where = `entry ${index + 1}`;
  if (!isObject(entry)) throw manifestError(`Manifest file is not in expected format - ${where} is not a json object. ${FORMAT_HELP}`, manifestUrl);
  const url = entry['url'];
  if (typeof url !== 'string') throw manifestError(`Manifest file is not in expected format - 'url' field missing. ${FORMAT_HELP}`, manifestUrl, `${where} has no string 'url'`);
  let key: string;
  try {
    key = parseS3Url(url).key;
  } catch (err) {
    throw manifestError(`Manifest ${where}: ${(err as Error).message}`, manifestUrl);
  }
  if (keyShapeProblem(key, { prefix: false }) !== null) {
    throw manifestError(`Manifest ${where}: url '${url}' is not the full path of an S3 object (a manifest lists objects, not prefixes)`, manifestUrl);
  }
  const mandatory = entry['mandatory'] ?? false;
  if (typeof mandatory !== 'boolean') {
    throw manifestError(`Manifest file is not in expected format - 'mandatory' must be true or false in ${where}. ${FORMAT_HELP}`, manifestUrl);
  }
  return { url, mandatory, contentLength: contentLength(entry['meta'], where, manifestUrl) };
}

function contentLength(meta: unknown, where: string, manifestUrl: string): number | null {
  if (meta === undefined) return null;
  if (!isObject(meta)) throw manifestError(`Manifest file is not in expected format - 'meta' must be a json object in ${where}. ${FORMAT_HELP}`, manifestUrl);
  const length = meta['content_length'];
  if (length === undefined) return null;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw manifestError(`Manifest file is not in expected format - 'content_length' must be a whole number of bytes in ${where}. ${FORMAT_HELP}`, manifestUrl);
  }
  return length;
}

/** Reads the manifest at `url` and checks its files exist (see the module comment for the rules). */
export async function resolveManifest(config: ObjectStoreConfig, url: string): Promise<ResolvedManifest> {
  if ((await headObject(config, url)) === null) {
    throw manifestError('Problem reading manifest file - S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey', url);
  }
  const listed = parseManifest(await readObjectText(config, url), url);
  // A missing bucket is an error whatever the flag (S3 answers NoSuchBucket, not NoSuchKey).
  const found = await Promise.all(listed.map((e) => headObject(config, e.url)));
  const files: StoredObject[] = [];
  const entries: ManifestEntry[] = [];
  const skipped: ManifestEntry[] = [];
  listed.forEach((entry, i) => {
    const object = found[i]!;
    if (object !== null) {
      files.push(object);
      entries.push(entry);
    } else if (entry.mandatory) {
      throw manifestError(
        `Mandatory file '${entry.url}' listed in the manifest does not exist: S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey`,
        url,
        `context: S3 key being read : ${entry.url}`,
      );
    } else {
      skipped.push(entry);
    }
  });
  if (files.length === 0) {
    throw manifestError(
      listed.length === 0 ? 'The manifest lists no files' : `None of the ${listed.length} file(s) listed in the manifest exist`,
      url,
    );
  }
  return { files, entries, skipped };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
