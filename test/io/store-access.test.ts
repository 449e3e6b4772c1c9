/** No key ever reaches a file outside the object-store root. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headObject, listObjects, readObject, readObjectText } from '../../src/io/object-store.js';
import { SqlError } from '../../src/types/errors.js';
import { collectBytes, rejection, tempStore, type TempStore } from './store-helpers.js';

let store: TempStore;
let outside: string;
const B = 'bucket';

beforeAll(() => {
  store = tempStore();
  outside = mkdtempSync(join(tmpdir(), 'slicewise-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'top secret\n');
  mkdirSync(join(outside, 'dir'));
  writeFileSync(join(outside, 'dir', 'inner.txt'), 'also secret\n');
  store.put(B, 'ok/plain.txt', 'fine\n');
  store.put('other-bucket', 'shared.txt', 'shared\n');
  const bucketDir = join(store.root, B);
  symlinkSync(join(outside, 'secret.txt'), join(bucketDir, 'ok', 'leak.txt'));
  symlinkSync(join(outside, 'dir'), join(bucketDir, 'escape'));
  symlinkSync('/etc', join(bucketDir, 'etc'));
  symlinkSync(join(store.root, 'other-bucket', 'shared.txt'), join(bucketDir, 'ok', 'inside-link.txt'));
  symlinkSync(join(bucketDir, 'nowhere.txt'), join(bucketDir, 'ok', 'dangling.txt'));
  symlinkSync(outside, join(store.root, 'linked-bucket'));
});
afterAll(() => {
  store.remove();
  rmSync(outside, { recursive: true, force: true });
});

async function refused(promise: Promise<unknown>, mention: string): Promise<void> {
  const err = await rejection(promise);
  expect(err).toBeInstanceOf(SqlError);
  expect(err.message).toContain(mention);
}

describe('escape attempts are refused with an error naming the key', () => {
  const shapes = [
    '../other-bucket/shared.txt',
    'ok/../../other-bucket/shared.txt',
    '../../../../etc/passwd',
    '/etc/passwd',
    'ok\\..\\..\\x',
    '%2e%2e/other-bucket/shared.txt',
    '%2E%2E%2Fother-bucket%2Fshared.txt',
    'ok/%2e%2e/plain.txt',
    'ok/plain.txt\u0000.jpg',
  ];
  for (const key of shapes) {
    it(`key ${JSON.stringify(key)}`, async () => {
      const url = `s3://${B}/${key}`;
      await refused(headObject(store.config(), url), key);
      await refused(listObjects(store.config(), url), key);
      await refused(collectBytes(readObject(store.config(), url)), key);
      await refused(readObjectText(store.config(), url), key);
    });
  }

  it('a symlinked file leading outside the root', async () => {
    const url = `s3://${B}/ok/leak.txt`;
    await refused(headObject(store.config(), url), url);
    await refused(collectBytes(readObject(store.config(), url)), url);
    await refused(listObjects(store.config(), `s3://${B}/ok/`), url);
  });

  it('a symlinked folder leading outside the root (to a temp dir, and to /etc)', async () => {
    await refused(headObject(store.config(), `s3://${B}/escape/inner.txt`), 'escape/inner.txt');
    await refused(collectBytes(readObject(store.config(), `s3://${B}/escape/inner.txt`)), 'escape/inner.txt');
    await refused(listObjects(store.config(), `s3://${B}/escape/`), 'escape/');
    await refused(listObjects(store.config(), `s3://${B}/esc`), 'escape');
    await refused(headObject(store.config(), `s3://${B}/etc/hosts`), 'etc/hosts');
    await refused(listObjects(store.config(), `s3://${B}/etc/host`), 'etc/');
  });

  it('a bucket folder that is a link leading outside the root', async () => {
    await refused(headObject(store.config(), 's3://linked-bucket/secret.txt'), 'linked-bucket');
    await refused(listObjects(store.config(), 's3://linked-bucket/'), 'linked-bucket');
  });

  it('a link cycle back up the tree', async () => {
    const s = tempStore();
    try {
      s.put('cyc', 'a/file.txt', 'x');
      symlinkSync(join(s.root, 'cyc', 'a'), join(s.root, 'cyc', 'a', 'loop'));
      await refused(listObjects(s.config(), 's3://cyc/a'), 'a/loop');
    } finally {
      s.remove();
    }
  });
});

describe('what stays allowed', () => {
  it('links whose target is inside the root are followed', async () => {
    expect(await headObject(store.config(), `s3://${B}/ok/inside-link.txt`)).toMatchObject({ size: 7 });
    expect((await collectBytes(readObject(store.config(), `s3://${B}/ok/inside-link.txt`))).toString()).toBe('shared\n');
  });

  it('a dangling link is no object', async () => {
    expect(await headObject(store.config(), `s3://${B}/ok/dangling.txt`)).toBeNull();
  });

  it('the root may itself be reached through a link', async () => {
    const link = join(outside, 'root-link');
    symlinkSync(store.root, link);
    const config = { root: link, throughput: null };
    expect(await readObjectText(config, `s3://${B}/ok/plain.txt`)).toBe('fine\n');
    expect((await listObjects(config, 's3://other-bucket/')).map((o) => o.key)).toEqual(['shared.txt']);
  });

  it('percent signs that encode nothing dangerous are ordinary key characters', async () => {
    store.put(B, 'pct/100%25 done %d.txt', 'literal\n');
    expect(await readObjectText(store.config(), `s3://${B}/pct/100%25 done %d.txt`)).toBe('literal\n');
  });
});
