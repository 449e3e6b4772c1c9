/** Shared pieces of the converter tests: load text through a real splitter and RowConverter, decode the vectors. */
import { expect } from 'vitest';
import { RowConverter } from '../../../src/io/convert/index.js';
import type { LoadColumn, LoadErrorRow } from '../../../src/io/convert/contract.js';
import { createSplitter } from '../../../src/io/formats/index.js';
import type { RecordError, TextRecord } from '../../../src/io/formats/record.js';
import type { ConversionOptions, DataFormat, RecordOptions } from '../../../src/io/load-options.js';
import { valuesOfVector } from '../../../src/storage/index.js';
import type { ColumnVector } from '../../../src/types/column-vector.js';
import type { SqlType } from '../../../src/types/datatype.js';

export const TEXT: DataFormat = { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: false };
export const CSV: DataFormat = { kind: 'csv', delimiter: 0x2c, quote: 0x22 };
export const JSON_AUTO: DataFormat = { kind: 'json', mode: 'auto' };

export const DEFAULT_CONVERSION: ConversionOptions = {
  nullAs: '\\N', emptyAsNull: false, blanksAsNull: false, truncateColumns: false, trimBlanks: false, acceptInvChars: null,
  acceptAnyDate: false, dateFormat: 'YYYY-MM-DD', timeFormat: null, roundDec: false,
};
export const DEFAULT_RECORDS: RecordOptions = { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false };

export interface Options {
  readonly conversion?: Partial<ConversionOptions>;
  readonly records?: Partial<RecordOptions>;
  readonly format?: DataFormat;
  /** Take the vectors as SharedArrayBuffer-backed. */
  readonly shared?: boolean;
}

export interface Loaded {
  /** Rows of engine values (NULL is null), in table-column order. */
  readonly rows: unknown[][];
  readonly errors: LoadErrorRow[];
  readonly vectors: ColumnVector[];
}

/** Columns fed from fields 0..n-1 in order (nullable unless marked). */
export function fields(...specs: (SqlType | [SqlType, { notNull?: boolean; name?: string }])[]): LoadColumn[] {
  return specs.map((spec, i) => {
    const [type, extra] = Array.isArray(spec) ? spec : [spec, {}];
    return { name: extra.name ?? `c${i}`, type, notNull: extra.notNull ?? false, source: { kind: 'field', field: i } };
  });
}

export function rowsOf(vectors: readonly ColumnVector[]): unknown[][] {
  const columns = vectors.map((v) => valuesOfVector(v));
  const n = vectors[0]?.length ?? 0;
  return Array.from({ length: n }, (_, r) => columns.map((c) => c[r]));
}

/**
 * Splits and converts `input`; returns the loaded rows, the load errors and the vectors. Where the fast
 * path of delimited text applies (io/convert/fast-text.ts), the input is loaded both ways and the two
 * must agree on every value and every error — so each converter test also checks the fast path.
 */
export function load(columns: readonly LoadColumn[], input: string | Uint8Array, options: Options = {}): Loaded {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const slow = loadOnce(columns, bytes, options, false);
  const fast = loadOnce(columns, bytes, options, true);
  if (fast !== null) expect(comparable(fast), 'the fast path of delimited text loads as the slow path does').toEqual(comparable(slow!));
  return slow!;
}

/** One load, with or without the fast path; null when the fast path was asked for and does not apply. */
export function loadOnce(columns: readonly LoadColumn[], bytes: Uint8Array, options: Options, fastPath: boolean, chunkBytes = bytes.length, onFastRecord?: () => void): Loaded | null {
  const format = options.format ?? TEXT;
  const conversion = { ...DEFAULT_CONVERSION, ...options.conversion };
  const records = { ...DEFAULT_RECORDS, ...options.records };
  const errors: LoadErrorRow[] = [];
  const converter = new RowConverter(columns, conversion, records, format.kind, (e) => errors.push(e));
  if (fastPath && !converter.useFastText(format)) return null;
  const fieldNames = columns.filter((c) => c.source.kind === 'field').map((c) => c.name);
  const sink = {
    record: (r: TextRecord) => converter.record(r),
    error: (e: RecordError) => converter.error(e),
    ...(fastPath
      ? {
          fastRecord: (buf: Uint8Array, start: number) => {
            const next = converter.fastRecord(buf, start);
            if (next >= 0) onFastRecord?.();
            return next;
          },
        }
      : {}),
  };
  const splitter = createSplitter(format, records, fieldNames, sink, { nulIsData: conversion.nullAs === '\0' });
  for (let at = 0; at < bytes.length; at += Math.max(1, chunkBytes)) splitter.push(bytes.slice(at, Math.min(bytes.length, at + Math.max(1, chunkBytes))));
  splitter.end();
  const vectors = converter.takeVectors(options.shared ?? false);
  return { rows: rowsOf(vectors), errors, vectors };
}

/** What two loads of the same input must share: the values (bigints as text) and the errors. */
export function comparable(loaded: Loaded): unknown {
  return JSON.parse(JSON.stringify({ rows: loaded.rows, errors: loaded.errors }, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
}

/** One column, one value per line: the loaded values (null for a rejected line) and the errors. */
export function loadValues(type: SqlType, lines: readonly string[], options: Options = {}): { values: unknown[]; errors: LoadErrorRow[] } {
  const values: unknown[] = [];
  const errors: LoadErrorRow[] = [];
  for (const line of lines) {
    const out = load(fields(type), `${line}\n`, options);
    values.push(out.rows.length === 1 ? out.rows[0]![0] : undefined);
    errors.push(...out.errors);
  }
  return { values, errors };
}

/** The single error of loading one value (throws if it loaded). */
export function errorOf(type: SqlType, line: string, options: Options = {}): LoadErrorRow {
  const out = load(fields(type), `${line}\n`, options);
  if (out.errors.length !== 1) throw new Error(`expected one error for '${line}', got ${JSON.stringify(out.errors)} and rows ${JSON.stringify(out.rows, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return out.errors[0]!;
}
