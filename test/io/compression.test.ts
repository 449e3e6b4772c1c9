/** GZIP / BZIP2 / ZSTD decompression against real tools' output; corrupt and truncated input. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecompressError, decompress } from '../../src/io/compression.js';
import type { Compression } from '../../src/io/load-options.js';
import { collectBytes, rejection } from './store-helpers.js';

/** ~600 KB of TICKIT-like lines: several bzip2 blocks at level 1, several zstd blocks. */
const text = Buffer.from(
  Array.from({ length: 12000 }, (_, i) => `${i}|${(i * 7919) % 1000}|event number ${i}|2008-${String((i % 12) + 1).padStart(2, '0')}-15 20:00:00`).join('\n') + '\n',
);

/** The bytes as a stream of `size`-byte chunks (so decoders see every kind of boundary). */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function inflate(kind: Compression, bytes: Uint8Array, chunkSize = 65536): Promise<Buffer> {
  return collectBytes(decompress(kind, chunked(bytes, chunkSize)));
}

async function decompressError(kind: Compression, bytes: Uint8Array): Promise<DecompressError> {
  const err = await rejection(inflate(kind, bytes));
  expect(err).toBeInstanceOf(DecompressError);
  expect((err as DecompressError).code).toBe('XX000');
  return err as DecompressError;
}

const tool = (path: string, args: string[], input: Uint8Array): Buffer => execFileSync(path, args, { input, maxBuffer: 64 << 20 });
const hasBzip2 = existsSync('/usr/bin/bzip2');
const hasZstd = existsSync('/usr/bin/zstd');

describe('none', () => {
  it('passes the stream through untouched', async () => {
    const source = chunked(text, 1000);
    expect(decompress('none', source)).toBe(source);
  });
});

describe('gzip', () => {
  it('round trip, in chunks of any size', async () => {
    const gz = gzipSync(text);
    for (const size of [100, 4096, gz.length]) expect((await inflate('gzip', gz, size)).equals(text)).toBe(true);
    const small = text.subarray(0, 3000);
    expect((await inflate('gzip', gzipSync(small), 1)).equals(small)).toBe(true);
  });

  it('multi-member files (concatenated gzip streams, as `cat a.gz b.gz`)', async () => {
    const parts = [text.subarray(0, 1000), text.subarray(1000, 250_000), text.subarray(250_000)];
    const gz = Buffer.concat(parts.map((p) => gzipSync(p)));
    expect((await inflate('gzip', gz, 3000)).equals(text)).toBe(true);
  });

  it('the gzip CLI\'s output', async () => {
    expect((await inflate('gzip', tool('/usr/bin/gzip', ['-c', '-n'], text))).equals(text)).toBe(true);
  });

  it('truncated input', async () => {
    const gz = gzipSync(text);
    for (const cut of [5, 100, Math.floor(gz.length / 2), gz.length - 1]) {
      expect((await decompressError('gzip', gz.subarray(0, cut))).message).toMatch(/^gzip: unexpected end of stream/);
    }
    // A truncated second member.
    const two = Buffer.concat([gzipSync('a\n'), gzipSync(text).subarray(0, 500)]);
    expect((await decompressError('gzip', two)).message).toMatch(/unexpected end/);
  });

  it('corrupt input: not gzip, a bad CRC', async () => {
    expect((await decompressError('gzip', text.subarray(0, 5000))).message).toMatch(/not in gzip format/);
    const gz = gzipSync(text);
    gz[gz.length - 6] ^= 0xff; // inside the CRC32 trailer
    expect((await decompressError('gzip', gz)).message).toMatch(/crc error/);
  });

  it('errors of the source stream pass through as they are', async () => {
    const boom = new Error('source failed');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield gzipSync(text).subarray(0, 1000);
      throw boom;
    }
    expect(await rejection(collectBytes(decompress('gzip', failing())))).toBe(boom);
  });

  it('a consumer may stop early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield* chunked(gzipSync(text), 1000);
      } finally {
        closed = true;
      }
    }
    for await (const chunk of decompress('gzip', source())) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });
});

describe.skipIf(!hasBzip2)('bzip2', () => {
  const bz = hasBzip2 ? tool('/usr/bin/bzip2', ['-1', '-c'], text) : Buffer.alloc(0);

  it('the bzip2 CLI\'s output (several blocks)', async () => {
    expect((await inflate('bzip2', bz, 777)).equals(text)).toBe(true);
  });

  it('multi-stream files (concatenated .bz2, as pbzip2 writes)', async () => {
    const two = Buffer.concat([tool('/usr/bin/bzip2', ['-c'], text.subarray(0, 1234)), tool('/usr/bin/bzip2', ['-c'], text.subarray(1234))]);
    expect((await inflate('bzip2', two)).equals(text)).toBe(true);
  });

  it('an empty file compressed', async () => {
    expect(await inflate('bzip2', tool('/usr/bin/bzip2', ['-c'], Buffer.alloc(0)))).toHaveLength(0);
  });

  it('truncated input, wherever it is cut', async () => {
    for (const cut of [3, 20, 1000, Math.floor(bz.length / 2), bz.length - 5, bz.length - 1]) {
      expect((await decompressError('bzip2', bz.subarray(0, cut))).message, `cut at ${cut}`).toMatch(/^bzip2: /);
    }
  });

  it('corrupt input', async () => {
    expect((await decompressError('bzip2', text.subarray(0, 100))).message).toMatch(/not in bzip2 format/);
    const bad = Buffer.from(bz);
    bad[Math.floor(bad.length / 3)] ^= 0x55;
    expect((await decompressError('bzip2', bad)).message).toMatch(/^bzip2: /);
  });
});

describe.skipIf(!hasZstd)('zstd', () => {
  const zst = hasZstd ? tool('/usr/bin/zstd', ['-3', '-q', '-c', '--no-progress'], text) : Buffer.alloc(0);

  it('the zstd CLI\'s output, streamed in chunks of any size', async () => {
    for (const size of [1000, 65536, zst.length]) expect((await inflate('zstd', zst, size)).equals(text)).toBe(true);
  });

  it('output chunks are not reused by the decoder', async () => {
    const chunks: Uint8Array[] = [];
    for await (const c of decompress('zstd', chunked(zst, 5000))) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(text)).toBe(true);
  });

  it('multi-frame files and the CLI\'s long-window and checksum-less modes', async () => {
    const frames = Buffer.concat([tool('/usr/bin/zstd', ['-q', '-c'], text.subarray(0, 99)), tool('/usr/bin/zstd', ['-9', '-q', '-c', '--no-check'], text.subarray(99))]);
    expect((await inflate('zstd', frames, 4096)).equals(text)).toBe(true);
    expect((await inflate('zstd', tool('/usr/bin/zstd', ['--long=24', '-q', '-c'], text))).equals(text)).toBe(true);
  });

  it('truncated input', async () => {
    for (const cut of [3, 10, Math.floor(zst.length / 2), zst.length - 1]) {
      expect((await decompressError('zstd', zst.subarray(0, cut))).message, `cut at ${cut}`).toMatch(/^zstd: /);
    }
  });

  it('corrupt input', async () => {
    expect((await decompressError('zstd', text.subarray(0, 100))).message).toMatch(/^zstd: /);
  });
});
