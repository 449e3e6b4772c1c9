/**
 * COPY's record splitters: decompressed UTF-8 bytes in, TextRecords (field byte ranges) out, fed chunk
 * by chunk. One module per format; PARQUET is columnar and never split into records (formats/parquet.ts).
 */
import { assertNever } from '../../types/datatype.js';
import type { DataFormat, RecordOptions } from '../load-options.js';
import { CsvSplitter } from './csv.js';
import { DelimitedSplitter } from './delimited.js';
import { FixedWidthSplitter } from './fixedwidth.js';
import { JsonSplitter } from './json.js';
import type { SplitterOptions } from './line-splitter.js';
import type { RecordSink, RecordSplitter } from './record.js';

export type { SplitterOptions } from './line-splitter.js';
export { parseJsonPath, type JsonPathStep } from './json-path.js';

/**
 * A splitter for one file. `fieldNames` are the target columns in field order: JSON records have exactly
 * these fields; the other formats report the fields they find.
 */
export function createSplitter(
  format: DataFormat,
  records: RecordOptions,
  fieldNames: readonly string[],
  sink: RecordSink,
  options: SplitterOptions = {},
): RecordSplitter {
  switch (format.kind) {
    case 'text':
      return new DelimitedSplitter(format, records, sink, options);
    case 'csv':
      return new CsvSplitter(format, records, sink, options);
    case 'fixedwidth':
      return new FixedWidthSplitter(format, records, sink, options);
    case 'json':
      return new JsonSplitter(format, records, fieldNames, sink);
    case 'parquet':
      throw new Error('PARQUET files are read by column, not split into records');
    default:
      return assertNever(format);
  }
}
