/**
 * STL_LOAD_ERRORS rows for rejected records. The log's text columns are CHAR (single-byte), so text
 * taken from the data keeps ASCII as is and shows each multibyte character (or invalid byte) as '.'.
 *
 * As Redshift's own rows show: `position` is the byte offset of the failing field within the line
 * (a field at offset 45 that fails at its 9th byte logs position 45 and `Pos 8` in the reason), and
 * `col_length` is the declared length ('25' for char(25), '15, 2' for numeric(15,2), '0' otherwise).
 */
import { shortTypeName, type SqlType } from '../../types/datatype.js';
import type { RecordError, TextRecord } from '../formats/record.js';
import type { LoadErrorField, LoadErrorRow, LoadReplacementRow } from './contract.js';

const MAX_RAW = 1024;
const MAX_REASON = 100;

/**
 * bytes[start, end) as ASCII, multibyte characters as '.', at most `max` characters. A NUL byte (data
 * only under NULL AS '\0') is '.' too: a CHAR column cannot hold it, and the text also goes into the
 * client's error DETAIL, whose wire fields are NUL-terminated.
 */
export function asciiText(bytes: Uint8Array, start: number, end: number, max = MAX_RAW): string {
  const codes: number[] = [];
  let i = start;
  while (i < end && codes.length < max) {
    const b = bytes[i]!;
    if (b < 0x80) {
      codes.push(b === 0 ? 0x2e : b);
      i++;
      continue;
    }
    codes.push(0x2e);
    i++;
    // A lead byte's continuation bytes belong to the same character.
    if (b >= 0xc0) while (i < end && (bytes[i]! & 0xc0) === 0x80) i++;
  }
  let s = '';
  for (let k = 0; k < codes.length; k += 4096) s += String.fromCharCode(...codes.slice(k, k + 4096));
  return s;
}

/** The type name STL_LOAD_ERRORS.type shows: the short internal name, except `char` for CHAR (not `bpchar`). */
export function loadTypeName(t: SqlType): string {
  return t.kind === 'char' ? 'char' : shortTypeName(t);
}

export function loadColLength(t: SqlType): string {
  if (t.kind === 'char' || t.kind === 'varchar') return String(t.length);
  if (t.kind === 'decimal') return `${t.precision}, ${t.scale}`;
  return '0';
}

/** Where field f starts in the record's raw line (exact when the fields index the raw bytes). */
export function fieldOffset(r: TextRecord, f: number): number {
  const raw = r.raw;
  if (raw.buffer === r.bytes.buffer) {
    const offset = r.bytes.byteOffset + r.starts[f]! - raw.byteOffset;
    if (offset >= 0 && offset <= raw.length) return offset;
  }
  // Fields rewritten into a scratch buffer (quotes, escapes): count the fields before it and their delimiters.
  let offset = 0;
  for (let k = 0; k < f; k++) offset += r.ends[k]! - r.starts[k]! + 1;
  return offset;
}

export interface ColumnLabel {
  readonly name: string;
  readonly type: SqlType;
}

/** A rejected record: about column `column` (field f of the record), or the whole record when column is null. */
export function recordErrorRow(r: TextRecord, column: ColumnLabel | null, f: number, code: number, reason: string, fields: readonly LoadErrorField[] = []): LoadErrorRow {
  const hasField = f >= 0 && f < r.fieldCount;
  const raw = r.raw;
  return {
    lineNumber: r.lineNumber,
    colname: column?.name ?? '',
    type: column === null ? '' : loadTypeName(column.type),
    colLength: column === null ? '' : loadColLength(column.type),
    position: hasField ? fieldOffset(r, f) : -1,
    rawLine: asciiText(raw, 0, raw.length),
    rawFieldValue: hasField ? asciiText(r.bytes, r.starts[f]!, r.ends[f]!) : '',
    code,
    reason: reason.slice(0, MAX_REASON),
    fields,
  };
}

/** A field of a rejected record, for STL_LOADERROR_DETAIL: its text as read, or '' when it failed or was NULL. */
export function errorField(r: TextRecord, column: ColumnLabel, f: number, failed: boolean, isNull: boolean): LoadErrorField {
  const present = f < r.fieldCount && !failed && !isNull;
  const t = column.type;
  return {
    field: f + 1,
    colname: column.name,
    value: present ? asciiText(r.bytes, r.starts[f]!, r.ends[f]!) : '',
    isNull,
    type: loadTypeName(t),
    colLength: t.kind === 'char' || t.kind === 'varchar' ? t.length : t.kind === 'decimal' ? t.precision : 0,
  };
}

/** A record the splitter rejected. */
export function splitterErrorRow(e: RecordError): LoadErrorRow {
  return {
    lineNumber: e.lineNumber,
    colname: '',
    type: '',
    colLength: '',
    position: e.position,
    rawLine: asciiText(e.raw, 0, e.raw.length),
    rawFieldValue: '',
    code: e.code,
    reason: e.reason.slice(0, MAX_REASON),
    fields: [],
  };
}

/** A loaded record that needed ACCEPTINVCHARS replacements, `column` being the first such column. */
export function replacementRow(r: TextRecord, column: ColumnLabel): LoadReplacementRow {
  const raw = r.raw;
  return { lineNumber: r.lineNumber, colname: column.name, rawLine: asciiText(raw, 0, raw.length) };
}
