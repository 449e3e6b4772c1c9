import { describe, expect, it } from 'vitest';
import { bucketNameProblem, formatS3Url, keyShapeProblem, parseS3Url } from '../../src/io/s3-url.js';
import { SqlError } from '../../src/types/errors.js';

function errorOf(f: () => unknown): SqlError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(SqlError);
    return err as SqlError;
  }
  throw new Error('expected an error');
}

describe('parseS3Url', () => {
  it('splits bucket and key, keeping the key byte for byte', () => {
    expect(parseS3Url('s3://mybucket/data/listing/')).toEqual({ bucket: 'mybucket', key: 'data/listing/' });
    expect(parseS3Url('s3://slicewise-sample/tickit/venue_pipe.txt')).toEqual({ bucket: 'slicewise-sample', key: 'tickit/venue_pipe.txt' });
    expect(parseS3Url('s3://my.bucket-1/a b/ü%20%d%s.txt')).toEqual({ bucket: 'my.bucket-1', key: 'a b/ü%20%d%s.txt' });
    expect(parseS3Url('s3://mybucket')).toEqual({ bucket: 'mybucket', key: '' });
    expect(parseS3Url('s3://mybucket/')).toEqual({ bucket: 'mybucket', key: '' });
    expect(formatS3Url('b-1', 'x/y')).toBe('s3://b-1/x/y');
  });

  it('rejects other schemes and malformed URLs, naming the URL', () => {
    for (const url of ['mybucket/key', 'S3://mybucket/key', 'https://mybucket.s3.amazonaws.com/key', 's3:/mybucket/key', 's3://', '']) {
      const err = errorOf(() => parseS3Url(url));
      expect(err.code).toBe('22023');
      expect(err.message).toContain(`'${url}'`);
    }
  });

  it('applies S3 bucket naming rules', () => {
    for (const bad of ['ab', 'a'.repeat(64), 'MyBucket', 'my_bucket', '-bucket', 'bucket-', 'my..bucket', '192.168.5.4', 'xn--bucket', 'bucket-s3alias', 'bucket--ol-s3', 'sthree-bucket']) {
      expect(bucketNameProblem(bad), bad).not.toBeNull();
      expect(() => parseS3Url(`s3://${bad}/k`)).toThrow(/bucket name/);
    }
    for (const good of ['abc', 'a'.repeat(63), 'my.bucket', 'bucket-1', '1bucket', 'slicewise-sample']) expect(bucketNameProblem(good), good).toBeNull();
  });

  it('refuses key shapes that could leave the bucket directory', () => {
    const bad = [
      '../etc/passwd',
      'a/../../b',
      'a/./b',
      '..',
      '/etc/passwd',
      'a\\..\\b',
      'a\u0000b',
      'a\nb',
      '%2e%2e/%2e%2e/etc/passwd',
      '%2E%2E/x',
      'a%2fb',
      'a%5cb',
      'a%00',
      'a//b',
      'x\ud800y',
    ];
    for (const key of bad) {
      const err = errorOf(() => parseS3Url(`s3://bucket/${key}`));
      expect(err.message, key).toMatch(/Invalid S3 key/);
      expect(err.message).toContain(`s3://bucket/`);
    }
  });

  it('an object key must end in a name; a prefix may end in "/"', () => {
    expect(keyShapeProblem('folder/', { prefix: true })).toBeNull();
    expect(keyShapeProblem('', { prefix: true })).toBeNull();
    expect(keyShapeProblem('folder/', { prefix: false })).not.toBeNull();
    expect(keyShapeProblem('', { prefix: false })).toMatch(/empty/);
    expect(keyShapeProblem('x'.repeat(1025), { prefix: false })).toMatch(/1024/);
    expect(keyShapeProblem('ü'.repeat(513), { prefix: false })).toMatch(/1024 bytes/);
  });
});
