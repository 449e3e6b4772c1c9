/**
 * COPY's resolved options as the readers, splitters and converters on the compute nodes see them.
 * commands/copy-options.ts builds this from the statement's keywords (validating combinations and
 * applying Redshift's defaults); everything here is plain data, so it crosses to worker threads as is.
 */

/** How records and fields are found in the bytes of a file. */
export type DataFormat =
  /** Delimited text (Redshift's default): one record per line, fields split on `delimiter`. */
  | {
      readonly kind: 'text';
      /** The delimiter byte (ASCII). Default `|`. */
      readonly delimiter: number;
      /** ESCAPE: backslash makes the next byte literal (delimiter, newline, backslash, quote). */
      readonly escape: boolean;
      /** REMOVEQUOTES: strip surrounding ' or " from fields; delimiters inside quotes are kept. */
      readonly removeQuotes: boolean;
    }
  /** CSV [QUOTE AS 'q']: RFC 4180 quoting; quoted fields may hold delimiters, CR and LF. */
  | { readonly kind: 'csv'; readonly delimiter: number; readonly quote: number }
  /** FIXEDWIDTH 'label:width,...': widths in characters, in table-column order. */
  | { readonly kind: 'fixedwidth'; readonly columns: readonly { readonly label: string; readonly width: number }[] }
  /**
   * JSON: a sequence of root-level objects (or arrays, with jsonpaths). 'auto' matches first-level
   * keys to column names case-sensitively, 'auto ignorecase' case-insensitively; 'jsonpaths' uses one
   * path per target column (already read from the JSONPaths file by the leader).
   */
  | { readonly kind: 'json'; readonly mode: 'auto' | 'auto ignorecase' }
  | { readonly kind: 'json'; readonly mode: 'jsonpaths'; readonly paths: readonly string[] }
  | { readonly kind: 'parquet' };

export type Compression = 'none' | 'gzip' | 'bzip2' | 'zstd';

export type SourceEncoding = 'utf8' | 'utf16' | 'utf16le' | 'utf16be';

/** Record-level parameters. */
export interface RecordOptions {
  /** IGNOREHEADER n: skip the first n lines of each file. */
  readonly ignoreHeader: number;
  /** IGNOREBLANKLINES: skip lines holding only a line feed. */
  readonly ignoreBlankLines: boolean;
  /** FILLRECORD: missing trailing fields load as NULL (or '' for CHAR/VARCHAR in text and CSV). */
  readonly fillRecord: boolean;
}

/** Field-to-value conversion parameters (reference §1.6). */
export interface ConversionOptions {
  /** NULL AS: a field equal to this (as UTF-8 bytes) is NULL. Default `\N`. */
  readonly nullAs: string;
  readonly emptyAsNull: boolean;
  readonly blanksAsNull: boolean;
  readonly truncateColumns: boolean;
  readonly trimBlanks: boolean;
  /** ACCEPTINVCHARS [AS 'c']: the replacement character, or null when not given (invalid UTF-8 is an error). */
  readonly acceptInvChars: string | null;
  readonly acceptAnyDate: boolean;
  /** DATEFORMAT: a format string, or 'auto'. Default 'YYYY-MM-DD'. */
  readonly dateFormat: string;
  /** TIMEFORMAT: a format string, 'auto', 'epochsecs' or 'epochmillisecs'; null = the type's default. */
  readonly timeFormat: string | null;
  /** ROUNDEC: round extra decimal digits instead of truncating them. */
  readonly roundDec: boolean;
}

export interface LoadOptions {
  readonly format: DataFormat;
  readonly compression: Compression;
  readonly encoding: SourceEncoding;
  readonly records: RecordOptions;
  readonly conversion: ConversionOptions;
}
