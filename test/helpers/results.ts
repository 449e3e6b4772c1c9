/** Small accessors and assertions over Slicewise results, shared by the engine tests. */
import { expect } from 'vitest';
import { SqlError, type QueryResult } from '../../src/index.js';

/** The rows as arrays, in field order. */
export function values(result: QueryResult): unknown[][] {
  return result.rows.map((row) => result.fields.map((f) => row[f.name]));
}

/** The single value of a one-row, one-column result. */
export function scalar(result: QueryResult): unknown {
  expect(result.rows).toHaveLength(1);
  expect(result.fields).toHaveLength(1);
  const field = result.fields[0];
  return field === undefined ? undefined : result.rows[0]?.[field.name];
}

/** `count(*)`-style results (BIGINT, returned as bigint) as a number. */
export function count(result: QueryResult): number {
  return Number(scalar(result));
}

export interface ExpectedError {
  readonly code: string;
  readonly message: string | RegExp;
  readonly position?: number;
}

/** The SqlError `run` rejects with; fails if it resolves or rejects with anything else. */
export async function errorOf(run: Promise<unknown>): Promise<SqlError> {
  try {
    await run;
  } catch (err) {
    if (err instanceof SqlError) return err;
    throw err;
  }
  throw new Error('expected the statement to fail');
}

/** Assert that `run` rejects with a SqlError carrying the given SQLSTATE, message and position. */
export async function expectSqlError(run: Promise<unknown>, expected: ExpectedError): Promise<SqlError> {
  const sqlError = await errorOf(run);
  expect(sqlError.code).toBe(expected.code);
  if (typeof expected.message === 'string') expect(sqlError.message).toBe(expected.message);
  else expect(sqlError.message).toMatch(expected.message);
  if (expected.position !== undefined) expect(sqlError.position).toBe(expected.position);
  return sqlError;
}
