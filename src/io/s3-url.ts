/**
 * `s3://bucket/key` URLs as COPY's FROM clause, manifests and JSONPaths options name them.
 *
 * The bucket must follow S3's general-purpose bucket naming rules. The key is kept byte for byte:
 * S3 never URL-decodes keys, and neither do we. Keys are later mapped onto a directory tree
 * (object-store-paths.ts), so the shapes that could make a key mean a different place on disk are
 * refused here, once, for every caller:
 * - `.` and `..` segments and empty segments (`a//b`): a file system would collapse them;
 * - a leading `/` (an absolute path once joined), a backslash (a separator on some systems), NUL
 *   and other ASCII control characters (not representable or truncating in file names);
 * - percent-encoded dot, slash, backslash and NUL (`%2e`, `%2f`, `%5c`, `%00`, any case). We never
 *   decode them, so they could not escape the store anyway; but such a key is either a mistake or an
 *   attack, and refusing it means no later layer that *does* decode (a log viewer, a shell script
 *   over the fixture tree) can be fooled. Other percent sequences (`%20`, `%d`) are ordinary characters.
 */
import { SqlError, SqlState } from '../types/errors.js';

export interface S3Location {
  readonly bucket: string;
  /** The object key (or key prefix) exactly as written after `s3://bucket/`; may be empty. */
  readonly key: string;
}

const SCHEME = 's3://';

/**
 * Splits `s3://bucket/key` into bucket and key. The key may be empty (`s3://bucket` or
 * `s3://bucket/`), which as a prefix means the whole bucket; `headObject` and friends refuse it.
 */
export function parseS3Url(url: string): S3Location {
  if (!url.startsWith(SCHEME)) {
    throw new SqlError(SqlState.invalidParameterValue, `Invalid S3 URL '${url}': it must start with s3:// and name a bucket, as in s3://bucket/key`);
  }
  const rest = url.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  const bucketProblem = bucketNameProblem(bucket);
  if (bucketProblem !== null) {
    throw new SqlError(SqlState.invalidParameterValue, `Invalid S3 URL '${url}': bucket name '${bucket}' ${bucketProblem}`);
  }
  const keyProblem = keyShapeProblem(key, { prefix: true });
  if (keyProblem !== null) {
    throw new SqlError(SqlState.invalidParameterValue, `Invalid S3 key '${key}' in '${url}': ${keyProblem}`);
  }
  return { bucket, key };
}

export function formatS3Url(bucket: string, key: string): string {
  return `${SCHEME}${bucket}/${key}`;
}

/**
 * Why `name` is not a valid S3 general-purpose bucket name, or null when it is. Rules from the S3
 * user guide ("Bucket naming rules"): 3-63 characters of lower-case letters, digits, dots and
 * hyphens; starts and ends with a letter or digit; no two adjacent dots; not shaped like an IPv4
 * address; not starting with `xn--`, `sthree-` or `amzn-s3-demo-`; not ending with `-s3alias`,
 * `--ol-s3`, `.mrap` or `--x-s3` (names reserved by S3 features).
 */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or a digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  for (const reserved of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(reserved)) return `must not start with the reserved prefix '${reserved}'`;
  }
  for (const reserved of ['-s3alias', '--ol-s3', '.mrap', '--x-s3']) {
    if (name.endsWith(reserved)) return `must not end with the reserved suffix '${reserved}'`;
  }
  return null;
}

/** Percent-encodings of `.`, `/`, `\` and NUL, in any case. */
const ENCODED_SEPARATOR = /%(2e|2f|5c|00)/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** In a `u` regex a well-formed surrogate pair is one code point, so only lone surrogates match. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `key` cannot name a place inside the store, or null when it can. With `prefix`, the last
 * segment may be empty (a prefix ending in `/`, or the empty prefix) since it is only the start of
 * keys; an object key must end in a non-empty segment.
 */
export function keyShapeProblem(key: string, options: { readonly prefix: boolean }): string | null {
  if (Buffer.byteLength(key, 'utf8') > 1024) return 'keys are at most 1024 bytes long';
  if (key.startsWith('/')) return 'a key must not start with "/" (it would be an absolute path)';
  if (key.includes('\\')) return 'a key must not contain a backslash';
  if (CONTROL.test(key)) return 'a key must not contain NUL or other control characters';
  if (ENCODED_SEPARATOR.test(key)) return 'a key must not contain a percent-encoded dot, slash, backslash or NUL (%2e, %2f, %5c, %00)';
  if (LONE_SURROGATE.test(key)) return 'a key must be valid Unicode (it has a lone surrogate)';
  const segments = key.split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const last = i === segments.length - 1;
    if (s === '.' || s === '..') return `a key must not contain a "${s}" path segment`;
    if (s === '' && !(last && options.prefix)) {
      return key === '' ? 'the key is empty' : 'a key must not contain an empty path segment ("//" or a trailing "/")';
    }
  }
  return null;
}
