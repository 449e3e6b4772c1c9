/**
 * Scan ranges: a large uncompressed text file split across slices (reference §1.13, newer Redshift).
 * A record belongs to the range holding its first byte, so a range [start, end) skips the partial
 * record it starts inside (unless it starts the file) and reads past `end` to finish its last record.
 */
import type { CopyFile } from '../exec/copy-task.js';
import { readObject, type ObjectStoreConfig } from '../io/object-store.js';

const LF = 0x0a;

export async function* readRange(store: ObjectStoreConfig, file: CopyFile): AsyncIterable<Uint8Array> {
  // Reading from start - 1 tells whether `start` is itself a record start (the byte before is LF).
  const from = file.start === 0 ? 0 : file.start - 1;
  const end = file.end ?? file.size;
  let position = from;
  let skipping = file.start > 0;
  for await (const chunk of readObject(store, file.url, { start: from })) {
    let begin = 0;
    if (skipping) {
      const lf = chunk.indexOf(LF);
      if (lf < 0) {
        position += chunk.length;
        continue;
      }
      begin = lf + 1;
      skipping = false;
      // The first record starts at or after `end`: no record starts inside the range.
      if (position + begin >= end) return;
    }
    // Records starting before `end` are ours: stop at the first LF at or after end - 1.
    const lastOwnByte = end - 1 - position;
    if (lastOwnByte < chunk.length) {
      const lf = chunk.indexOf(LF, Math.max(begin, lastOwnByte));
      if (lf >= 0) {
        if (lf + 1 > begin) yield chunk.subarray(begin, lf + 1);
        return;
      }
    }
    if (begin < chunk.length) yield chunk.subarray(begin);
    position += chunk.length;
  }
}
