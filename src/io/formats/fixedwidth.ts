/**
 * FIXEDWIDTH 'label:width,...': each line is cut into consecutive fields of `width` characters (not
 * bytes: UTF-8 sequences count as one character, dg:copy-parameters-data-format.md), in table-column
 * order. Fields always index the input directly.
 *
 * - A line shorter than the spec: the field the line ends in is shorter, and the fields after it are
 *   missing (fieldCount < columns: the converter reports 1203, or fills with FILLRECORD).
 * - Bytes past the last column are ignored (so is the CR of a CRLF line that fills every column; a CR
 *   inside the columns is data, as in delimited text).
 * - An empty line is one empty field, like the other line formats (the converter reports 1211).
 */
import type { DataFormat, RecordOptions } from '../load-options.js';
import { LineSplitter, type SplitterOptions } from './line-splitter.js';
import type { RecordSink } from './record.js';

export class FixedWidthSplitter extends LineSplitter {
  private readonly widths: Int32Array;

  constructor(format: Extract<DataFormat, { kind: 'fixedwidth' }>, options: RecordOptions, sink: RecordSink, splitterOptions: SplitterOptions) {
    super(sink, options, false, splitterOptions);
    this.widths = Int32Array.from(format.columns, (c) => c.width);
    this.record.reserve(Math.max(1, this.widths.length));
  }

  protected resetFrame(): void {}

  protected frame(buf: Uint8Array, from: number): number {
    return this.plainLineEnd(buf, from);
  }

  protected parse(buf: Uint8Array, start: number, end: number, lineNumber: number): void {
    const { record, widths } = this;
    const { starts, ends } = record;
    let n = 0;
    let i = start;
    if (start === end) {
      starts[0] = ends[0] = start;
      n = 1;
    }
    for (let f = 0; f < widths.length && i < end; f++) {
      const width = widths[f]!;
      let j = i;
      for (let chars = 0; chars < width && j < end; chars++) {
        const b = buf[j]!;
        // The length of the UTF-8 sequence from its lead byte; a stray continuation byte counts as one.
        j += b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
      }
      if (j > end) j = end;
      starts[n] = i;
      ends[n] = j;
      n++;
      i = j;
    }
    record.complete(buf, n, lineNumber, buf, start, end);
    this.sink.record(record);
  }
}
