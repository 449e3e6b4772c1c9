/**
 * RowConverter: TextRecords in, typed column vectors out, with COPY's conversion rules (reference §1.6).
 *
 * Per record:
 * - Field count. More fields than the column list: 1202 `Extra column(s) found` — except one trailing
 *   empty field in delimited text ("the last field in a record ... can be a delimiter",
 *   dg:t_preparing-input-data.md; TPC-H's dbgen ends every line with '|'). Fewer: with FILLRECORD the
 *   missing fields are NULL (a VARCHAR gets '' in text and CSV unless EMPTYASNULL; the guide's example
 *   fills missing CHAR columns with NULL); without, 1214 `Delimiter not found` in text and CSV (what
 *   Redshift reports for a short line), 1203 in other formats. An empty line is 1211.
 * - NULL: a JSON null or missing key (TextRecord.nulls), a field equal to NULL AS (bytes), an empty or
 *   blank field of a non-character type, an empty CHAR/VARCHAR with EMPTYASNULL, a blank one with
 *   BLANKSASNULL. NULL into a NOT NULL column is 1213 `Missing data for not-null field`. Under NULL AS
 *   '\0' a field holding a NUL among other bytes is 1218 (the splitter then keeps NULs as data).
 * - ACCEPTINVCHARS: a loaded record whose VARCHAR values needed replacements goes to onReplacement
 *   once, naming its first such column (STL_REPLACEMENTS; the caller applies Redshift's cap).
 * - A field that fails rejects the whole row: the columns already appended roll back, and exactly one
 *   load error (the first failing column) goes to onError — after the rollback, so onError may throw.
 * Constant columns (DEFAULT or NULL for columns outside the column list) cost nothing per row: their
 * vectors are made in takeVectors. (NOT NULL is not checked on them: IDENTITY columns arrive as NULL
 * placeholders that the leader fills.)
 */
import type { ColumnVector } from '../../types/column-vector.js';
import type { RecordError, RecordSink, TextRecord } from '../formats/record.js';
import type { ConversionOptions, DataFormat, RecordOptions } from '../load-options.js';
import type { Utf8Builder } from './builder-utf8.js';
import type { LoadColumn, LoadErrorField, LoadErrorRow, LoadReplacementRow } from './contract.js';
import { pushEmptyString } from './convert-string.js';
import { errorField, recordErrorRow, replacementRow, splitterErrorRow } from './error-row.js';
import { FastTextRecords, fastTextEligible } from './fast-text.js';
import { convertField, FieldColumn, FieldOptions } from './field-converter.js';
import { fail, failure, IS_NULL, LoadErrorCode, OK } from './field-status.js';
import { utf8Replaced } from './utf8-check.js';
import { createBuilder } from './vector-builder.js';

/** Rows of the builders' first segments. */
const FIRST_ROWS = 4096;

export class RowConverter implements RecordSink {
  /** The columns fed from fields, in field order. */
  private readonly fieldColumns: FieldColumn[] = [];
  /** Per table column: the FieldColumn feeding it, or null for a constant. */
  private readonly fedBy: (FieldColumn | null)[] = [];
  /** The column fed by each field index. */
  private readonly byField: FieldColumn[] = [];
  /** Fields a record must have: one per 'field' source. */
  private readonly fieldCount: number;
  private readonly nullBytes: Uint8Array;
  private readonly options: FieldOptions;
  private readonly fillRecord: boolean;
  /** Lines are records (an empty one is an error). */
  private readonly lineFormat: boolean;
  /** A missing VARCHAR field is '' rather than NULL (text and CSV). */
  private readonly missingIsEmpty: boolean;
  /** NULL AS '\0': a lone NUL is NULL, and a NUL among other bytes is error 1218. */
  private readonly nulIsNull: boolean;
  /** ACCEPTINVCHARS is on and someone listens for the records that needed it (STL_REPLACEMENTS). */
  private readonly reportReplacements: boolean;
  private rows = 0;
  private readonly conversion: ConversionOptions;
  /** The fast path of delimited text, once useFastText has found the load eligible. */
  private fast: FastTextRecords | null = null;

  constructor(
    private readonly columns: readonly LoadColumn[],
    conversion: ConversionOptions,
    records: RecordOptions,
    private readonly formatKind: DataFormat['kind'],
    private readonly onError: (e: LoadErrorRow) => void,
    /** Rows taken at a time (COPY's row groups): the builders' first segments hold that many, so withRows need not copy. */
    groupRows: number = FIRST_ROWS,
    /** Called once per loaded record whose VARCHAR values had invalid UTF-8 replaced (ACCEPTINVCHARS). */
    private readonly onReplacement: ((row: LoadReplacementRow) => void) | null = null,
  ) {
    for (const c of columns) {
      if (c.source.kind !== 'field') {
        this.fedBy.push(null);
        continue;
      }
      const column = new FieldColumn(c.name, c.type, c.source.field, c.notNull, createBuilder(c.type, groupRows), conversion);
      this.fieldColumns.push(column);
      this.fedBy.push(column);
      this.byField[c.source.field] = column;
    }
    // Fields are converted in file order, so the first failing one is the one Redshift would name.
    this.fieldColumns.sort((a, b) => a.field - b.field);
    this.fieldCount = this.byField.length;
    this.nullBytes = new TextEncoder().encode(conversion.nullAs);
    this.conversion = conversion;
    this.options = new FieldOptions(conversion);
    this.fillRecord = records.fillRecord;
    this.lineFormat = formatKind === 'text' || formatKind === 'csv' || formatKind === 'fixedwidth';
    this.missingIsEmpty = (formatKind === 'text' || formatKind === 'csv') && !conversion.emptyAsNull;
    this.nulIsNull = conversion.nullAs === '\0';
    this.reportReplacements = conversion.acceptInvChars !== null && onReplacement !== null;
  }

  /** Rows converted and not yet taken. */
  get rowCount(): number {
    return this.rows;
  }

  /**
   * Turns on the fast path of delimited text (fast-text.ts) when the format, the conversion parameters
   * and the columns allow it; returns whether it is on. The splitter then offers each record to
   * fastRecord first.
   */
  useFastText(format: DataFormat): boolean {
    const inFieldOrder = this.fieldColumns.every((c, k) => c.field === k);
    if (this.fieldColumns.length > 0 && inFieldOrder && fastTextEligible(format, this.conversion)) {
      this.fast = new FastTextRecords(this.fieldColumns, this.options, format.delimiter);
    }
    return this.fast !== null;
  }

  /**
   * The record starting at buf[start] (up to its LF) as one row, when the fast path takes it: returns
   * where the next record starts, or -1 (nothing converted; the record goes to `record` as usual).
   */
  fastRecord(buf: Uint8Array, start: number): number {
    const fast = this.fast;
    if (fast === null) return -1;
    const next = fast.parse(buf, start, this.rows);
    if (next >= 0) this.rows++;
    return next;
  }

  record(r: TextRecord): void {
    let n = r.fieldCount;
    if (n !== this.fieldCount || n === 1) {
      n = this.checkFieldCount(r, n);
      if (n < 0) return;
    }
    const bytes = r.bytes;
    const starts = r.starts;
    const ends = r.ends;
    const nulls = r.nulls;
    const columns = this.fieldColumns;
    const nullBytes = this.nullBytes;
    const nullLength = nullBytes.length;
    const options = this.options;
    const nulIsNull = this.nulIsNull;
    const reportReplacements = this.reportReplacements;
    // The record's first column that needed a replacement, or -1.
    let replacedAt = -1;
    if (reportReplacements) utf8Replaced.any = false;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      const f = c.field;
      let status: number;
      if (f >= n) status = this.missing(c);
      else {
        const s = starts[f]!;
        const e = ends[f]!;
        if (nulls[f] === 1 || (e - s === nullLength && sameBytes(bytes, s, nullBytes))) status = IS_NULL;
        else if (nulIsNull && hasNul(bytes, s, e)) status = fail(LoadErrorCode.nulInField, NUL_IN_FIELD);
        else status = convertField(c, options, bytes, s, e);
      }
      if (status !== OK) {
        if (status === IS_NULL) {
          if (!c.notNull) {
            c.builder.appendNull();
            continue;
          }
          this.reject(r, k, LoadErrorCode.notNull, 'Missing data for not-null field');
          return;
        }
        this.reject(r, k, failure.code, failure.reason);
        return;
      }
      if (reportReplacements && replacedAt < 0 && utf8Replaced.any) replacedAt = k;
    }
    this.rows++;
    // Reported only once the record has loaded: a rejected record is in STL_LOAD_ERRORS instead.
    if (replacedAt >= 0) this.onReplacement!(replacementRow(r, columns[replacedAt]!));
  }

  error(e: RecordError): void {
    this.onError(splitterErrorRow(e));
  }

  /**
   * The converted rows as vectors in table-column order (constant columns filled in), in exactly
   * sized buffers — SharedArrayBuffer-backed when `shared`. The converter then starts over empty.
   */
  takeVectors(shared: boolean): ColumnVector[] {
    const rows = this.rows;
    const vectors = this.columns.map((col, i) => this.fedBy[i]?.builder.finish(shared) ?? constantVector(col, rows, shared));
    this.rows = 0;
    return vectors;
  }

  /**
   * Hands the converted rows to `use` as vectors over the builders' own memory (copied only where
   * rows overflowed a builder's first segment), then starts over empty, keeping that memory for the
   * next rows. The vectors are valid only during the call.
   */
  withRows<T>(use: (vectors: readonly ColumnVector[]) => T): T {
    const rows = this.rows;
    const vectors = this.columns.map((col, i) => {
      const builder = this.fedBy[i]?.builder;
      if (builder === undefined) return constantVector(col, rows, false);
      return builder.viewRows() ?? builder.finish(false);
    });
    try {
      return use(vectors);
    } finally {
      for (const c of this.fieldColumns) c.builder.clear();
      this.rows = 0;
    }
  }

  /** A field past the end of a FILLRECORD record. */
  private missing(c: FieldColumn): number {
    return c.isVarchar && this.missingIsEmpty ? pushEmptyString(c.builder as Utf8Builder) : IS_NULL;
  }

  /** The number of fields to convert, or -1 when the record was rejected for its shape. */
  private checkFieldCount(r: TextRecord, n: number): number {
    const expected = this.fieldCount;
    if (n === 1 && this.lineFormat && r.starts[0] === r.ends[0] && r.raw.length === 0) {
      this.onError(recordErrorRow(r, null, -1, LoadErrorCode.noData, 'Input line contained no data'));
      return -1;
    }
    if (n > expected) {
      if (this.formatKind === 'text' && n === expected + 1 && r.starts[expected] === r.ends[expected]) return expected;
      this.onError(recordErrorRow(r, null, expected, LoadErrorCode.extraColumns, 'Extra column(s) found'));
      return -1;
    }
    if (n === expected || this.fillRecord) return n;
    if (this.formatKind === 'text' || this.formatKind === 'csv') {
      // The last field present is the one whose closing delimiter was not found.
      this.onError(recordErrorRow(r, this.byField[n - 1] ?? null, n - 1, LoadErrorCode.delimiterNotFound, 'Delimiter not found'));
    } else {
      this.onError(recordErrorRow(r, null, -1, LoadErrorCode.fewerColumns, 'Input data had fewer columns than were defined in the DDL'));
    }
    return -1;
  }

  /**
   * Rolls back columns [0, k) of the current row, then reports column k's error, with the fields read
   * up to it (STL_LOADERROR_DETAIL).
   */
  private reject(r: TextRecord, k: number, code: number, reason: string): void {
    const columns = this.fieldColumns;
    const row = this.rows;
    const fields: LoadErrorField[] = [];
    for (let j = 0; j < k; j++) {
      const bits = columns[j]!.builder.bits;
      const isNull = bits !== null && (bits[row >> 3]! & (1 << (row & 7))) === 0;
      fields.push(errorField(r, columns[j]!, columns[j]!.field, false, isNull));
      columns[j]!.builder.truncate(row);
    }
    const c = columns[k]!;
    fields.push(errorField(r, c, c.field, true, false));
    this.onError(recordErrorRow(r, c, c.field < r.fieldCount ? c.field : -1, code, reason, fields));
  }
}

/** A column outside the field list: its DEFAULT (or NULL) in every row. */
function constantVector(col: LoadColumn, rows: number, shared: boolean): ColumnVector {
  const value = col.source.kind === 'constant' ? col.source.value : null;
  const b = createBuilder(col.type, rows);
  for (let row = 0; row < rows; row++) b.appendValue(value);
  return b.finish(shared);
}

/**
 * Redshift's load error reference describes 1218 but its err_reason text is not documented; this one
 * says what went wrong in the same terms.
 */
const NUL_IN_FIELD = "NULL AS '\\0': a field containing a NUL (0x00) byte has more than one byte";

function hasNul(bytes: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (bytes[i] === 0) return true;
  return false;
}

function sameBytes(bytes: Uint8Array, s: number, expected: Uint8Array): boolean {
  for (let k = 0; k < expected.length; k++) if (bytes[s + k] !== expected[k]) return false;
  return true;
}
