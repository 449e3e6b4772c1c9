/**
 * The one error type of Slicewise: SQLSTATE, message, optional position (0-based character offset
 * into the statement text) and hint/detail, rendered the way PostgreSQL and Redshift render them.
 * Every layer throws this; the REPL and the server render it.
 */
export class SqlError extends Error {
  readonly code: string;
  /** 0-based character offset into the statement text, when the error has a place. */
  readonly position: number | undefined;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
  /** 'ERROR' normally; 'FATAL' for connection-ending errors. */
  readonly severity: 'ERROR' | 'FATAL';

  constructor(code: string, message: string, options: { position?: number; hint?: string; detail?: string; severity?: 'ERROR' | 'FATAL' } = {}) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
    this.position = options.position;
    this.hint = options.hint;
    this.detail = options.detail;
    this.severity = options.severity ?? 'ERROR';
  }

  /** The same error with a position, unless it already has one. */
  at(position: number | undefined): SqlError {
    if (this.position !== undefined || position === undefined) return this;
    return new SqlError(this.code, this.message, { position, hint: this.hint, detail: this.detail, severity: this.severity });
  }

  /** Plain data that survives structured clone (worker -> leader). */
  toJSON(): SqlErrorData {
    return { sqlError: true, code: this.code, message: this.message, position: this.position, hint: this.hint, detail: this.detail };
  }

  static fromJSON(d: SqlErrorData): SqlError {
    return new SqlError(d.code, d.message, { position: d.position, hint: d.hint, detail: d.detail });
  }
}

/** An INFO/NOTICE/WARNING message raised by a statement (e.g. COPY's load summary). */
export interface Notice {
  readonly severity: 'INFO' | 'NOTICE' | 'WARNING';
  readonly message: string;
  readonly code: string;
  readonly detail?: string;
}

export interface SqlErrorData {
  readonly sqlError: true;
  readonly code: string;
  readonly message: string;
  readonly position?: number;
  readonly hint?: string;
  readonly detail?: string;
}


/** SQLSTATE codes used across the engine (PostgreSQL's, which Redshift keeps). */
export const SqlState = {
  syntaxError: '42601',
  undefinedTable: '42P01',
  undefinedColumn: '42703',
  undefinedFunction: '42883',
  undefinedObject: '42704',
  undefinedSchema: '3F000',
  duplicateTable: '42P07',
  duplicateSchema: '42P06',
  duplicateColumn: '42701',
  duplicateObject: '42710',
  ambiguousColumn: '42702',
  datatypeMismatch: '42804',
  groupingError: '42803',
  invalidTextRepresentation: '22P02',
  invalidDatetimeFormat: '22007',
  datetimeFieldOverflow: '22008',
  numericValueOutOfRange: '22003',
  stringDataRightTruncation: '22001',
  divisionByZero: '22012',
  notNullViolation: '23502',
  cardinalityViolation: '21000',
  featureNotSupported: '0A000',
  invalidParameterValue: '22023',
  activeSqlTransaction: '25001',
  readOnlySqlTransaction: '25006',
  noActiveSqlTransaction: '25P01',
  inFailedSqlTransaction: '25P02',
  serializationFailure: '40001',
  wrongObjectType: '42809',
  dependentObjectsStillExist: '2BP01',
  queryCanceled: '57014',
  objectInUse: '55006',
  internalError: 'XX000',
  invalidSchemaName: '3F000',
  protocolViolation: '08P01',
  invalidPassword: '28P01',
  invalidRecursion: '42P19',
  programLimitExceeded: '54000',
} as const;
