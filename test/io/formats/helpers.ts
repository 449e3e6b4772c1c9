/** Shared pieces of the splitter tests: run a splitter over an input pushed in given pieces, as plain data. */
import { expect } from 'vitest';
import { createSplitter, type SplitterOptions } from '../../../src/io/formats/index.js';
import type { RecordError, TextRecord } from '../../../src/io/formats/record.js';
import type { DataFormat, RecordOptions } from '../../../src/io/load-options.js';

export type Out =
  | { readonly line: number; readonly fields: readonly (string | null)[]; readonly raw: string }
  | { readonly error: number; readonly line: number; readonly reason: string; readonly position: number; readonly raw: string };

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const TEXT: Extract<DataFormat, { kind: 'text' }> = { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: false };
export const CSV: Extract<DataFormat, { kind: 'csv' }> = { kind: 'csv', delimiter: 0x2c, quote: 0x22 };

export interface Run {
  readonly records?: Partial<RecordOptions>;
  readonly fieldNames?: readonly string[];
  readonly options?: SplitterOptions;
}

/** Splits `input` pushed as the given pieces (cut at `cuts`, byte offsets); returns records and errors in order. */
export function split(format: DataFormat, input: string | Uint8Array, run: Run = {}, cuts: readonly number[] = []): Out[] {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const out: Out[] = [];
  const sink = {
    record(r: TextRecord) {
      const fields: (string | null)[] = [];
      for (let i = 0; i < r.fieldCount; i++) fields.push(r.nulls[i] === 1 ? null : decoder.decode(r.bytes.subarray(r.starts[i], r.ends[i])));
      out.push({ line: r.lineNumber, fields, raw: decoder.decode(r.raw) });
    },
    error(e: RecordError) {
      out.push({ error: e.code, line: e.lineNumber, reason: e.reason, position: e.position, raw: decoder.decode(e.raw) });
    },
  };
  const records: RecordOptions = { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false, ...run.records };
  const splitter = createSplitter(format, records, run.fieldNames ?? [], sink, run.options);
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    // Each piece is a copy, as a stream would deliver it: nothing may point into an earlier piece.
    splitter.push(bytes.slice(at, cut));
    at = cut;
  }
  splitter.end();
  return out;
}

/** The fields of the records only (errors fail the test). */
export function fieldsOf(out: readonly Out[]): (readonly (string | null)[])[] {
  return out.map((o) => {
    if ('error' in o) throw new Error(`unexpected error: ${JSON.stringify(o)}`);
    return o.fields;
  });
}

/**
 * The result of splitting `input` in one piece, after checking that every other way of cutting it gives
 * the same: at every single offset, at every pair of offsets (small inputs), and one byte at a time.
 */
export function splitEverywhere(format: DataFormat, input: string, run: Run = {}): Out[] {
  const length = encoder.encode(input).length;
  const whole = split(format, input, run);
  for (let a = 0; a <= length; a++) expect(split(format, input, run, [a]), `cut at ${a}`).toEqual(whole);
  if (length <= 80) {
    for (let a = 1; a < length; a++) for (let b = a + 1; b < length; b++) expect(split(format, input, run, [a, b]), `cuts at ${a}, ${b}`).toEqual(whole);
  }
  expect(split(format, input, run, Array.from({ length }, (_, i) => i)), 'one byte at a time').toEqual(whole);
  return whole;
}
