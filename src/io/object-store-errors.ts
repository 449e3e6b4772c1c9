/**
 * The errors the object store raises, worded as Redshift reports S3 failures. Redshift surfaces
 * S3 errors as `S3ServiceException:<S3 message>,Status <http>,Error <S3 code>` with the key in the
 * DETAIL's "context: S3 key being read : s3://..." line (texts seen in client reports, e.g.
 * awslabs/aws-lambda-redshift-loader#73); all are SQLSTATE XX000. We also put the URL in the
 * message itself so it is visible without the DETAIL.
 */
import { SqlError, SqlState } from '../types/errors.js';

export function noSuchKeyError(url: string): SqlError {
  return new SqlError(SqlState.internalError, `S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey (S3 key being read : ${url})`, {
    detail: `context: S3 key being read : ${url}`,
  });
}

export function noSuchBucketError(bucket: string, url: string): SqlError {
  return new SqlError(SqlState.internalError, `S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket (bucket '${bucket}' in ${url})`, {
    detail: `context: S3 key being read : ${url}`,
  });
}

/** A key the store refuses to map onto its directory tree (escape attempts, symlinks leaving the root). */
export function keyOutsideStoreError(url: string, why: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `Access to S3 key '${url}' denied: ${why}`);
}

/** S3's answer to a byte range starting past the end of the object. */
export function invalidRangeError(url: string, start: number, size: number): SqlError {
  return new SqlError(SqlState.internalError, `S3ServiceException:The requested range is not satisfiable,Status 416,Error InvalidRange (bytes=${start}- of ${size}-byte object ${url})`);
}

