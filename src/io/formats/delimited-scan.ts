/**
 * The fast path shared by delimited text and CSV: one tight loop over the chunk that splits records on
 * LF and fields on the delimiter, indexing the chunk directly (no copies, no strings). A byte that needs
 * more care — NUL, a quote, a backslash with ESCAPE — sends just that record to the format's own
 * framer and parser (the slow path), and the loop goes on after it.
 */
import { LineSplitter } from './line-splitter.js';

/**
 * Byte classes of the fast loop. A const enum: its members compile to literals, where module-level
 * constants would cost a context load and a hole check per use (measurable in the loop below).
 */
const enum ByteClass {
  Ordinary = 0,
  Delimiter = 1,
  LineFeed = 2,
  Slow = 3,
}

export abstract class DelimitedScanSplitter extends LineSplitter {
  /** The ByteClass of every byte value (see byteClasses). */
  protected abstract readonly classes: Uint8Array;
  /** Records may be offered to the sink's fastRecord first (plain delimited text only). */
  protected abstract readonly offersFastRecords: boolean;

  protected override scan(buf: Uint8Array, from: number): void {
    let pos = from;
    // Each pass of splitRun stops at a byte that needs the slow path, which handles that one record.
    while (pos < buf.length) {
      const stop = this.splitRun(buf, pos);
      if (stop < 0) return;
      pos = this.nextRecord(buf, stop);
    }
  }

  /**
   * Splits the records of buf[from, ...) until one holds a Slow byte; returns that record's start, or
   * -1 when the chunk is done (an unfinished last record is then in the carry).
   */
  private splitRun(buf: Uint8Array, from: number): number {
    const classes = this.classes;
    const record = this.record;
    const sink = this.sink;
    const stripCr = this.stripCr;
    const skipBlank = this.ignoreBlankLines;
    const fast = this.offersFastRecords && sink.fastRecord !== undefined;
    const len = buf.length;
    let starts = record.starts;
    let ends = record.ends;
    let capacity = starts.length;
    let pos = from;
    let fieldStart = from;
    let n = 0;
    let line = this.line;
    let i = from;
    for (;;) {
      if (fast && i === pos) {
        // A record starts here: the sink may take it whole, straight from the bytes.
        const next = sink.fastRecord!(buf, pos);
        if (next >= 0) {
          line++;
          pos = fieldStart = i = next;
          continue;
        }
      }
      // Ordinary bytes in a call-free inner loop: V8 then keeps the class table's bounds in registers.
      let k: number = ByteClass.Ordinary;
      while (i < len && (k = classes[buf[i]!]!) === ByteClass.Ordinary) i++;
      if (i >= len || k === ByteClass.Slow) break;
      if (k === ByteClass.Delimiter) {
        starts[n] = fieldStart;
        ends[n] = i;
        fieldStart = i + 1;
        // Keep room for the record's last field, written at the LF.
        if (++n === capacity) {
          record.grow();
          starts = record.starts;
          ends = record.ends;
          capacity = starts.length;
        }
      } else {
        let end = i;
        if (stripCr && end > fieldStart && buf[end - 1] === 0x0d /* CR */) end--;
        starts[n] = fieldStart;
        ends[n] = end;
        if (!skipBlank || end > pos) {
          record.complete(buf, n + 1, line, buf, pos, end);
          sink.record(record);
        }
        line++;
        pos = fieldStart = i + 1;
        n = 0;
      }
      i++;
    }
    this.line = line;
    if (i < len) return pos;
    // The last record goes on in the next chunk: the framer scans its tail to know its state there.
    if (pos < len) this.nextRecord(buf, pos);
    return -1;
  }
}

/** A byte class table: Slow for the bytes in `slow`, then Delimiter, then LineFeed for LF. */
export function byteClasses(delimiter: number, slow: readonly number[]): Uint8Array {
  const classes = new Uint8Array(256);
  for (const b of slow) classes[b] = ByteClass.Slow;
  classes[delimiter] = ByteClass.Delimiter;
  classes[0x0a] = ByteClass.LineFeed;
  return classes;
}
