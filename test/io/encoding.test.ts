/** ENCODING: UTF-8 pass-through, UTF-16 (BOM rules, both byte orders) transcoded as a stream. */
import { describe, expect, it } from 'vitest';
import { EncodingError, toUtf8 } from '../../src/io/encoding.js';
import type { SourceEncoding } from '../../src/io/load-options.js';
import { collectBytes, rejection } from './store-helpers.js';

/** Text with ASCII, 2- and 3-byte characters and astral ones (surrogate pairs in UTF-16). */
const sample = '1|Café Müller|東京|🎭 Opera 🎻|\\N\n2|plain ascii|x|y|z\n3|€uro 𝄞 clef|ü|😀😀|\n';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* pieces(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

async function convert(encoding: SourceEncoding, bytes: Uint8Array, chunkSize: number): Promise<string> {
  return (await collectBytes(toUtf8(encoding, chunked(bytes, chunkSize)))).toString('utf8');
}

describe('utf8', () => {
  it('passes bytes through, chunk for chunk', async () => {
    const bytes = Buffer.from(sample);
    const source = chunked(bytes, 10);
    const out: Uint8Array[] = [];
    for await (const c of toUtf8('utf8', source)) out.push(c);
    expect(Buffer.concat(out).equals(bytes)).toBe(true);
  });

  it('drops a byte order mark at the start of the file, even split across chunks', async () => {
    const bytes = Buffer.from('\ufeff' + sample);
    for (const size of [1, 2, 3, 5, 1000]) expect(await convert('utf8', bytes, size), `chunks of ${size}`).toBe(sample);
  });

  it('keeps U+FEFF anywhere else, and short files intact', async () => {
    expect(await convert('utf8', Buffer.from('a\ufeffb'), 1)).toBe('a\ufeffb');
    expect(await convert('utf8', Buffer.from('ab'), 1)).toBe('ab');
    expect(await convert('utf8', Buffer.from('\ufeff'), 1)).toBe('');
    expect(await convert('utf8', Buffer.alloc(0), 1)).toBe('');
  });
});

describe('utf16 (byte order from the BOM)', () => {
  for (const bigEndian of [false, true]) {
    it(`converts a ${bigEndian ? 'big' : 'little'}-endian file, whatever the chunk boundaries`, async () => {
      const bytes = utf16(sample, bigEndian, true);
      for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) expect(await convert('utf16', bytes, size), `chunks of ${size}`).toBe(sample);
    });
  }

  it('requires a byte order mark (Redshift error 1221)', async () => {
    const err = await rejection(convert('utf16', utf16(sample, false, false), 100));
    expect(err).toBeInstanceOf(EncodingError);
    expect((err as EncodingError).loadErrorCode).toBe(1221);
    expect(err.message).toMatch(/File encoding differs/);
    // UTF-8 text named UTF16 has no BOM either.
    expect(await rejection(convert('utf16', Buffer.from(sample), 100))).toBeInstanceOf(EncodingError);
  });

  it('an empty file is empty', async () => {
    expect(await convert('utf16', Buffer.alloc(0), 10)).toBe('');
  });
});

describe('utf16le / utf16be', () => {
  it('convert without a BOM, and drop a BOM of their own byte order', async () => {
    for (const size of [1, 3, 4, 1000]) {
      expect(await convert('utf16le', utf16(sample, false, false), size)).toBe(sample);
      expect(await convert('utf16be', utf16(sample, true, false), size)).toBe(sample);
      expect(await convert('utf16le', utf16(sample, false, true), size)).toBe(sample);
      expect(await convert('utf16be', utf16(sample, true, true), size)).toBe(sample);
    }
  });

  it('a BOM of the other byte order means the file is not what ENCODING says', async () => {
    expect(await rejection(convert('utf16le', utf16(sample, true, true), 8))).toBeInstanceOf(EncodingError);
    expect(await rejection(convert('utf16be', utf16(sample, false, true), 8))).toBeInstanceOf(EncodingError);
  });

  it('surrogate pairs split between chunks, at every position', async () => {
    const text = '😀𝄞a🎻';
    const bytes = utf16(text, false, false);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const out = await collectBytes(toUtf8('utf16le', pieces(bytes.subarray(0, cut), bytes.subarray(cut))));
      expect(out.toString('utf8'), `cut at ${cut}`).toBe(text);
    }
    const one = await collectBytes(toUtf8('utf16be', pieces(...[...utf16(text, true, false)].map((b) => Uint8Array.of(b)))));
    expect(one.toString('utf8')).toBe(text);
  });

  it('a lone surrogate becomes an invalid 3-byte UTF-8 sequence (so the row, not the file, fails)', async () => {
    const units = (...u: number[]): Buffer => Buffer.from(Uint16Array.from(u).buffer);
    // 'a', lone high, 'b', lone low, high at the very end.
    const out = await collectBytes(toUtf8('utf16le', pieces(units(0x61, 0xd800, 0x62, 0xdc01), units(0xd83d))));
    expect([...out]).toEqual([0x61, 0xed, 0xa0, 0x80, 0x62, 0xed, 0xb0, 0x81, 0xed, 0xa0, 0xbd]);
    // A high surrogate followed by another high surrogate, then its low half.
    const pair = await collectBytes(toUtf8('utf16le', pieces(units(0xd800, 0xd83d), units(0xde00))));
    expect([...pair]).toEqual([0xed, 0xa0, 0x80, ...Buffer.from('😀')]);
  });

  it('an odd number of bytes is an error', async () => {
    expect(await rejection(convert('utf16le', Buffer.from([0x61, 0x00, 0x62]), 2))).toBeInstanceOf(EncodingError);
  });

  it('matches Node\'s own UTF-16 decoder on a large text', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => `${i}|${sample}`).join('');
    const bytes = utf16(big, true, true);
    expect(await convert('utf16', bytes, 65537)).toBe(big);
  });
});
