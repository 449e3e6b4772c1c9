/**
 * Writing one statement's outcome: its notices, RowDescription, DataRows and CommandComplete.
 * Shared by the simple and the extended query protocol.
 */
import type { Field, Notice } from '../index.js';
import { commandComplete, dataRowHeader, noticeResponse, rowDescription } from './backend-messages.js';
import { noticeFields } from './error-fields.js';
import type { FormatCode } from './frontend-messages.js';
import type { Output } from './output.js';
import { valueEncoder, type ValueEncoder } from './values.js';

/** Per-column format codes from Bind's list: none means all text, one applies to every column. */
export function columnFormats(codes: readonly FormatCode[], columns: number): FormatCode[] | null {
  if (codes.length === 0) return new Array<FormatCode>(columns).fill(0);
  if (codes.length === 1) return new Array<FormatCode>(columns).fill(codes[0]!);
  return codes.length === columns ? [...codes] : null;
}

export function encodersFor(fields: readonly Field[], formats: readonly FormatCode[]): ValueEncoder[] {
  return fields.map((f, i) => valueEncoder(f.typeOid, formats[i] ?? 0));
}

export function writeNotices(output: Output, notices: readonly Notice[]): void {
  for (const n of notices) noticeResponse(output.buffer, noticeFields(n));
}

export function writeRowDescription(output: Output, fields: readonly Field[], formats: readonly FormatCode[]): void {
  rowDescription(output.buffer, fields, formats);
}

/** DataRows for rows[from, to). */
export async function writeDataRows(
  output: Output,
  rows: readonly (readonly (string | null)[])[],
  encoders: readonly ValueEncoder[],
  from: number,
  to: number,
): Promise<void> {
  const out = output.buffer;
  for (let r = from; r < to; r++) {
    const row = rows[r]!;
    dataRowHeader(out, row.length);
    try {
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === undefined) out.int32(-1);
        else encoders[c]!(out, v);
      }
    } catch (err) {
      out.abandon();
      throw err;
    }
    out.finish();
    if (output.full) {
      await output.streamed();
      if (output.closed) return;
    }
  }
}

export function writeCommandComplete(output: Output, tag: string): void {
  commandComplete(output.buffer, tag);
}
