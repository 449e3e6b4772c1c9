/** COPY's progress lines: a bar per slice, per node when the screen is short, idle slices named. */
import { describe, expect, test } from 'vitest';
import { progressLines } from '../../src/cli/copy-bars.js';
import { NO_PAINT } from '../../src/cli/terminal.js';
import type { CopyProgress } from '../../src/index.js';

function slice(s: number, files: number, bytesRead: number, bytesTotal: number, rows: number, errors = 0) {
  return { slice: s, node: s >> 1, files, filesDone: bytesRead === bytesTotal ? files : 0, bytesRead, bytesTotal, rows, errors };
}

const progress: CopyProgress = {
  table: 'venue',
  query: 7,
  simulated: false,
  elapsedMs: 1234,
  done: false,
  slices: [slice(0, 1, 5_000, 10_000, 101), slice(1, 1, 2_500_000, 2_500_000, 12_345, 2), slice(2, 0, 0, 0, 0), slice(3, 0, 0, 0, 0)],
};

describe('COPY progress lines', () => {
  test('a bar per slice: share read, bytes, rows, errors; slices without files say so', () => {
    expect(progressLines(progress, NO_PAINT, 40)).toEqual([
      'COPY venue: 2 files over 4 slices, 1.2 s',
      '  slice 0 (node 0) [############............]  50%  5.0 kB / 10.0 kB  101 rows',
      '  slice 1 (node 0) [########################] 100%  2.5 MB / 2.5 MB  12,345 rows  2 errors',
      '  slice 2 (node 1)  (no files)',
      '  slice 3 (node 1)  (no files)',
    ]);
  });

  test('per node, then one total, when the slices do not fit on the screen', () => {
    expect(progressLines(progress, NO_PAINT, 4).slice(1)).toEqual([
      '  node 0 [#######################.]  99%  2.5 MB / 2.5 MB  12,446 rows  2 errors',
      '  node 1  (no files)',
    ]);
    expect(progressLines({ ...progress, simulated: true }, NO_PAINT, 2)).toEqual([
      'COPY venue: 2 files over 4 slices, 1.2 s (simulated S3 throughput)',
      '  all slices [#######################.]  99%  2.5 MB / 2.5 MB  12,446 rows  2 errors',
    ]);
  });
});
