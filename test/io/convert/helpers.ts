/** Shared pieces of the converter tests: load text through a real splitter and RowConverter, decode the vectors. */
import { RowConverter } from '../../../src/io/convert/index.js';
import type { LoadColumn, LoadErrorRow } from '../../../src/io/convert/contract.js';
import { createSplitter } from '../../../src/io/formats/index.js';
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

/** Splits and converts `input`; returns the loaded rows, the load errors and the vectors. */
export function load(columns: readonly LoadColumn[], input: string | Uint8Array, options: Options = {}): Loaded {
  const format = options.format ?? TEXT;
  const conversion = { ...DEFAULT_CONVERSION, ...options.conversion };
  const records = { ...DEFAULT_RECORDS, ...options.records };
  const errors: LoadErrorRow[] = [];
  const converter = new RowConverter(columns, conversion, records, format.kind, (e) => errors.push(e));
  const fieldNames = columns.filter((c) => c.source.kind === 'field').map((c) => c.name);
  const splitter = createSplitter(format, records, fieldNames, converter, { nulIsData: conversion.nullAs === '\0' });
  splitter.push(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  splitter.end();
  const vectors = converter.takeVectors(options.shared ?? false);
  return { rows: rowsOf(vectors), errors, vectors };
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
