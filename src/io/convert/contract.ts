/**
 * The converter's contract: records (byte ranges) in, column vectors and load errors out.
 * Implemented by io/convert/row-converter.ts.
 */
import type { SqlType } from '../../types/datatype.js';

/** Where a table column's value comes from in a COPY. */
export type LoadSource =
  /** Field i of the record (fields are in column-list order). */
  | { readonly kind: 'field'; readonly field: number }
  /** The same engine value on every row: the column's DEFAULT, or NULL (columns not in the column list). */
  | { readonly kind: 'constant'; readonly value: unknown };

export interface LoadColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  readonly source: LoadSource;
}

/** One rejected record, shaped as STL_LOAD_ERRORS needs it (the driver adds slice, file, query, times). */
export interface LoadErrorRow {
  readonly lineNumber: number;
  /** The column being parsed ('' when the error is about the whole record). */
  readonly colname: string;
  /** Redshift's short type name: int2, int4, int8, numeric, float4, float8, bool, char, varchar, date, timestamp, timestamptz, time. */
  readonly type: string;
  /** Declared length ('3' for char(3), '8,2' for numeric(8,2)), else ''. */
  readonly colLength: string;
  /** Position of the error inside the field, or -1. */
  readonly position: number;
  /** The raw line, multibyte characters replaced by '.', at most 1024 bytes. */
  readonly rawLine: string;
  /** The unparsed field value, at most 1024 bytes. */
  readonly rawFieldValue: string;
  readonly code: number;
  /** Redshift's text, at most 100 characters. */
  readonly reason: string;
  /**
   * STL_LOADERROR_DETAIL's rows: the record's fields up to and including the one that failed, each as
   * it was read (empty when the error is about the whole record).
   */
  readonly fields: readonly LoadErrorField[];
}

/** A field of a rejected record (STL_LOADERROR_DETAIL). */
export interface LoadErrorField {
  /** The field's number in the record, from 1. */
  readonly field: number;
  readonly colname: string;
  /** The value parsed from the field ('' for the field that failed, and for a NULL). */
  readonly value: string;
  readonly isNull: boolean;
  /** As LoadErrorRow.type. */
  readonly type: string;
  /** The declared length (CHAR/VARCHAR length, DECIMAL precision), else 0. */
  readonly colLength: number;
}

/**
 * A loaded record whose VARCHAR values had invalid UTF-8 replaced under ACCEPTINVCHARS, shaped as
 * STL_REPLACEMENTS needs it (the driver adds slice, file, query, times).
 */
export interface LoadReplacementRow {
  readonly lineNumber: number;
  /** The first column of the record that needed a replacement. */
  readonly colname: string;
  /** The raw line as STL_LOAD_ERRORS shows it: multibyte characters and invalid bytes as '.', at most 1024 bytes. */
  readonly rawLine: string;
}
