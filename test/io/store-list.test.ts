/** Prefix listing and HEAD: Redshift's "every key that starts with the string" (reference §1.2). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headObject, listObjects } from '../../src/io/object-store.js';
import { SqlError } from '../../src/types/errors.js';
import { rejection, tempStore, type TempStore } from './store-helpers.js';

let store: TempStore;
const B = 'mybucket';
const keys = (objects: { key: string }[]): string[] => objects.map((o) => o.key);

beforeAll(() => {
  store = tempStore();
  for (const key of [
    'custdata.txt',
    'custdata.txt.1',
    'custdata.txt.bak',
    'custdata.backup',
    'custfolder/a.txt',
    'custfolder/sub/b.txt',
    'custfolder_1/x.txt',
    'custfolder_2/y.txt',
    'custfolder.log',
    'other/custfolder.txt',
  ]) {
    store.put(B, key, `contents of ${key}\n`);
  }
  mkdirSync(join(store.root, B, 'emptydir', 'deeper'), { recursive: true });
});
afterAll(() => store.remove());

describe('listObjects', () => {
  it('custdata.txt matches custdata.txt, custdata.txt.1 and custdata.txt.bak (the guide\'s example)', async () => {
    expect(keys(await listObjects(store.config(), `s3://${B}/custdata.txt`))).toEqual(['custdata.txt', 'custdata.txt.1', 'custdata.txt.bak']);
  });

  it('a prefix need not end at a folder: custdata matches custdata.backup too', async () => {
    expect(keys(await listObjects(store.config(), `s3://${B}/custdata`))).toEqual(['custdata.backup', 'custdata.txt', 'custdata.txt.1', 'custdata.txt.bak']);
  });

  it('custfolder matches custfolder/, custfolder_1/, custfolder_2/ and custfolder.log, in UTF-8 key order', async () => {
    expect(keys(await listObjects(store.config(), `s3://${B}/custfolder`))).toEqual([
      'custfolder.log',
      'custfolder/a.txt',
      'custfolder/sub/b.txt',
      'custfolder_1/x.txt',
      'custfolder_2/y.txt',
    ]);
  });

  it('custfolder/ matches only what is under the folder', async () => {
    expect(keys(await listObjects(store.config(), `s3://${B}/custfolder/`))).toEqual(['custfolder/a.txt', 'custfolder/sub/b.txt']);
    expect(keys(await listObjects(store.config(), `s3://${B}/custfolder/s`))).toEqual(['custfolder/sub/b.txt']);
  });

  it('the empty prefix lists the whole bucket; directories are never objects', async () => {
    const all = await listObjects(store.config(), `s3://${B}/`);
    expect(all).toHaveLength(10);
    expect(keys(all)).not.toContain('emptydir');
    expect(await listObjects(store.config(), `s3://${B}`)).toEqual(all);
    expect(await listObjects(store.config(), `s3://${B}/emptydir`)).toEqual([]);
  });

  it('reports url, bucket, key and size', async () => {
    const [o] = await listObjects(store.config(), `s3://${B}/custfolder/a`);
    expect(o).toEqual({ url: `s3://${B}/custfolder/a.txt`, bucket: B, key: 'custfolder/a.txt', size: Buffer.byteLength('contents of custfolder/a.txt\n') });
  });

  it('no match is an empty list (COPY raises its own error); a missing folder too', async () => {
    expect(await listObjects(store.config(), `s3://${B}/nothing-here`)).toEqual([]);
    expect(await listObjects(store.config(), `s3://${B}/no/such/folder/`)).toEqual([]);
    // A path component that is a file, not a folder.
    expect(await listObjects(store.config(), `s3://${B}/custdata.txt/x`)).toEqual([]);
  });

  it('a missing bucket is an error naming it', async () => {
    const err = await rejection(listObjects(store.config(), 's3://no-such-bucket/x'));
    expect(err).toBeInstanceOf(SqlError);
    expect(err.message).toMatch(/NoSuchBucket/);
    expect(err.message).toContain('no-such-bucket');
  });

  it('a missing root is an error', async () => {
    const err = await rejection(listObjects({ root: join(store.root, 'nope'), throughput: null }, `s3://${B}/x`));
    expect(err.message).toMatch(/root .* does not exist/);
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units or locale', async () => {
    const s = tempStore();
    try {
      for (const key of ['z', 'B', 'a', 'É', '\uff21', '😀']) s.put('sortbucket', `k/${key}`, 'x');
      // UTF-16 order would put 😀 (D83D..) before Ａ (FF21); UTF-8 puts EF BC A1 before F0 9F 98 80.
      expect(keys(await listObjects(s.config(), 's3://sortbucket/k/'))).toEqual(['k/B', 'k/a', 'k/z', 'k/É', 'k/\uff21', 'k/😀']);
    } finally {
      s.remove();
    }
  });
});

describe('headObject', () => {
  it('finds objects, and nothing for missing keys, folders or prefix-shaped keys', async () => {
    expect(await headObject(store.config(), `s3://${B}/custdata.txt.1`)).toMatchObject({ key: 'custdata.txt.1', size: 27 });
    expect(await headObject(store.config(), `s3://${B}/custdata.txt.2`)).toBeNull();
    expect(await headObject(store.config(), `s3://${B}/custfolder`)).toBeNull();
    expect(await headObject(store.config(), `s3://${B}/custfolder/`)).toBeNull();
    expect(await headObject(store.config(), `s3://${B}/`)).toBeNull();
    expect(await headObject(store.config(), `s3://${B}/custdata.txt/child`)).toBeNull();
  });

  it('a missing bucket is an error', async () => {
    expect((await rejection(headObject(store.config(), 's3://no-such-bucket/x'))).message).toMatch(/NoSuchBucket/);
  });
});
