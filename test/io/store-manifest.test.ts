/** COPY manifests: parsing and the mandatory / optional / duplicate / none-exist rules (reference §1.2). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest, resolveManifest } from '../../src/io/object-store.js';
import { SqlError } from '../../src/types/errors.js';
import { rejection, tempStore, type TempStore } from './store-helpers.js';

const M = 's3://mybucket/cust.manifest';

function parseError(text: string): SqlError {
  try {
    parseManifest(text, M);
  } catch (err) {
    expect(err).toBeInstanceOf(SqlError);
    return err as SqlError;
  }
  throw new Error('expected an error');
}

describe('parseManifest', () => {
  it('reads the guide\'s manifest: mandatory defaults to false, meta.content_length is kept, other keys ignored', () => {
    const text = JSON.stringify({
      entries: [
        { url: 's3://mybucket-alpha/custdata.1', mandatory: true },
        { url: 's3://mybucket-beta/custdata.2', mandatory: false, meta: { content_length: 5956875, record_count: 3 } },
        { url: 's3://mybucket-beta/custdata.3' },
      ],
      extra: 'ignored',
    });
    expect(parseManifest(text, M)).toEqual([
      { url: 's3://mybucket-alpha/custdata.1', mandatory: true, contentLength: null },
      { url: 's3://mybucket-beta/custdata.2', mandatory: false, contentLength: 5956875 },
      { url: 's3://mybucket-beta/custdata.3', mandatory: false, contentLength: null },
    ]);
  });

  it('malformed JSON', () => {
    // The guide's own date-stamp example uses curly quotes, which is not JSON.
    const err = parseError('{"entries": [{"url":”s3://mybucket/2013-10-04-custdata.txt","mandatory":true}]}');
    expect(err.message).toMatch(/^Manifest file is not in correct json format/);
    expect(err.message).toContain(M);
    expect(err.code).toBe('XX000');
  });

  it('a root that is not an object', () => {
    expect(parseError('[{"url": "s3://b/k"}]').message).toMatch(/^Root must be a json object in the manifest file/);
  });

  it('missing or non-array entries', () => {
    expect(parseError('{"files": []}').message).toMatch(/^Manifest file is not in expected format - 'entries' field missing/);
    expect(parseError('{"entries": {"url": "s3://b/k"}}').message).toMatch(/'entries' field must be an array/);
  });

  it('bad entries: no url, a non-S3 url, a prefix, a non-boolean mandatory, a bad content_length', () => {
    expect(parseError('{"entries": [{"mandatory": true}]}').message).toMatch(/'url' field missing/);
    expect(parseError('{"entries": ["s3://bucket/k"]}').message).toMatch(/entry 1 is not a json object/);
    expect(parseError('{"entries": [{"url": "s3://bucket/a"}, {"url": "https://bucket/b"}]}').message).toMatch(/entry 2: Invalid S3 URL 'https:\/\/bucket\/b'/);
    expect(parseError('{"entries": [{"url": "s3://bucket/../x"}]}').message).toMatch(/Invalid S3 key/);
    expect(parseError('{"entries": [{"url": "s3://bucket/folder/"}]}').message).toMatch(/not the full path of an S3 object/);
    expect(parseError('{"entries": [{"url": "s3://bucket/k", "mandatory": "true"}]}').message).toMatch(/'mandatory' must be true or false/);
    expect(parseError('{"entries": [{"url": "s3://bucket/k", "meta": {"content_length": -1}}]}').message).toMatch(/content_length/);
  });
});

describe('resolveManifest', () => {
  let store: TempStore;
  const put = (name: string, entries: unknown): string => {
    store.put('mybucket', name, JSON.stringify({ entries }));
    return `s3://mybucket/${name}`;
  };
  const url = (key: string): string => `s3://mybucket/${key}`;

  beforeAll(() => {
    store = tempStore();
    for (const k of ['custdata.1', 'custdata.2', 'custdata.3']) store.put('mybucket', k, `${k}\n`);
    store.put('otherbucket', 'custdata.4', 'four\n');
  });
  afterAll(() => store.remove());

  it('lists the files in manifest order with their sizes, across buckets', async () => {
    const m = put('all.manifest', [
      { url: url('custdata.3'), mandatory: true },
      { url: url('custdata.1'), mandatory: true },
      { url: 's3://otherbucket/custdata.4' },
    ]);
    const r = await resolveManifest(store.config(), m);
    expect(r.files.map((f) => f.url)).toEqual([url('custdata.3'), url('custdata.1'), 's3://otherbucket/custdata.4']);
    expect(r.files.map((f) => f.size)).toEqual([11, 11, 5]);
    expect(r.entries.map((e) => e.mandatory)).toEqual([true, true, false]);
    expect(r.skipped).toEqual([]);
  });

  it('a missing mandatory file fails, naming it', async () => {
    const m = put('mandatory.manifest', [{ url: url('custdata.1'), mandatory: true }, { url: url('custdata.9'), mandatory: true }]);
    const err = await rejection(resolveManifest(store.config(), m));
    expect(err).toBeInstanceOf(SqlError);
    expect(err.message).toContain(url('custdata.9'));
    expect(err.message).toMatch(/The specified key does not exist/);
  });

  it('a missing optional file is skipped', async () => {
    const m = put('optional.manifest', [{ url: url('custdata.1'), mandatory: true }, { url: url('custdata.9') }, { url: url('custdata.2'), mandatory: false }]);
    const r = await resolveManifest(store.config(), m);
    expect(r.files.map((f) => f.key)).toEqual(['custdata.1', 'custdata.2']);
    expect(r.skipped.map((e) => e.url)).toEqual([url('custdata.9')]);
  });

  it('a file listed twice is returned twice', async () => {
    const m = put('twice.manifest', [{ url: url('custdata.1') }, { url: url('custdata.2') }, { url: url('custdata.1') }]);
    expect((await resolveManifest(store.config(), m)).files.map((f) => f.key)).toEqual(['custdata.1', 'custdata.2', 'custdata.1']);
  });

  it('fails when no listed file exists, whatever the flags, or when it lists none', async () => {
    const none = put('none.manifest', [{ url: url('nope.1'), mandatory: false }, { url: url('nope.2') }]);
    expect((await rejection(resolveManifest(store.config(), none))).message).toMatch(/None of the 2 file\(s\) listed in the manifest exist/);
    const empty = put('empty.manifest', []);
    expect((await rejection(resolveManifest(store.config(), empty))).message).toMatch(/lists no files/);
  });

  it('a missing manifest, a malformed one, or an entry in a missing bucket', async () => {
    expect((await rejection(resolveManifest(store.config(), url('no.manifest')))).message).toMatch(/^Problem reading manifest file - S3ServiceException:The specified key does not exist/);
    store.put('mybucket', 'bad.manifest', '{"entries": [');
    expect((await rejection(resolveManifest(store.config(), url('bad.manifest')))).message).toMatch(/not in correct json format/);
    const m = put('nobucket.manifest', [{ url: url('custdata.1') }, { url: 's3://no-such-bucket/x', mandatory: false }]);
    expect((await rejection(resolveManifest(store.config(), m))).message).toMatch(/NoSuchBucket/);
  });
});
